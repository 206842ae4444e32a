from odoo.tests import HttpCase, tagged

from .common import CustomerCommon
from .examples_common import ExamplesMixin

NO_USER = 987654321  # no such user


@tagged("post_install", "-at_install")
class TestCustomerScriptsAssign(ExamplesMixin, CustomerCommon, HttpCase):
    """``res.partner.crm_assign`` and ``res.users.crm_hand_over`` over
    XML-RPC: the Assign and Hand Over wizards' code and checks in one call,
    returning data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in cls.users.values():
            cls._script_user(user)

    def bodies(self, record):
        return " ".join(record.message_ids.mapped("body"))

    # ------------------------------------------------------------ assign
    def test_assign_returns_the_assigned_ids(self):
        mgr1, rep1 = self.users["mgr1"], self.users["rep1"]
        result = self.rpc(
            mgr1,
            "res.partner",
            "crm_assign",
            [self.pool.id, self.customers["rep2"].id],
            user_id=rep1.id,
            reason="Territory",
        )
        self.assertEqual(
            sorted(result["assigned_ids"]),
            sorted([self.pool.id, self.customers["rep2"].id]),
        )
        self.assertEqual(result["user_id"], rep1.id)
        self.assertIn("2", result["message"])
        self.assertIn(rep1.name, result["message"])
        self.assertEqual(self.pool.user_id, rep1)
        self.assertEqual(self.customers["rep2"].user_id, rep1)
        self.assertIn("Territory", self.bodies(self.customers["rep2"]))
        # back to the pool
        result = self.rpc(
            mgr1,
            "res.partner",
            "crm_assign",
            [self.pool.id],
            reason="Not a priority",
            to_pool=True,
        )
        self.assertEqual(result["assigned_ids"], [self.pool.id])
        self.assertFalse(result["user_id"])
        self.assertTrue(self.pool.crm_is_pool)
        self.assertEqual(self.customers["rep2"].user_id, rep1)

    def test_assign_refusals(self):
        mgr1, rep1 = self.users["mgr1"], self.users["rep1"]
        pool, theirs = self.pool, self.customers["rep2"]
        rows = [
            # label, caller, ids, kwargs
            (
                "a salesperson assigns",
                rep1,
                pool,
                {"user_id": rep1.id, "reason": "x"},
            ),
            (
                "not in the suite",
                self.users["outsider"],
                pool,
                {"user_id": rep1.id, "reason": "x"},
            ),
            (
                "customer outside the manager's scope",
                mgr1,
                self.customers["rep3"],
                {"user_id": rep1.id, "reason": "x"},
            ),
            (
                "new owner outside the manager's scope",
                mgr1,
                theirs,
                {"user_id": self.users["rep3"].id, "reason": "x"},
            ),
            ("no reason", mgr1, theirs, {"user_id": rep1.id}),
            ("blank reason", mgr1, theirs, {"user_id": rep1.id, "reason": ""}),
            ("no owner, not to the pool", mgr1, theirs, {"reason": "x"}),
            ("no such user", mgr1, theirs, {"user_id": NO_USER, "reason": "x"}),
            (
                "a contact",
                mgr1,
                self.contacts["rep2"],
                {"user_id": rep1.id, "reason": "x"},
            ),
            (
                "a context key is no permission",
                rep1,
                pool,
                {
                    "user_id": rep1.id,
                    "reason": "x",
                    "context": {"crm_customer_assign": True, "active_test": False},
                },
            ),
        ]
        access = {
            "a salesperson assigns",
            "not in the suite",
            "customer outside the manager's scope",
            "new owner outside the manager's scope",
            "a context key is no permission",
        }
        for label, user, records, kwargs in rows:
            with self.subTest(label):
                fault = self.assertRefused(
                    label, user, "res.partner", "crm_assign", records.ids, **kwargs
                )
                # AccessError (4) for rights and scope, UserError (2) else
                self.assertEqual(fault.faultCode, 4 if label in access else 2)
        self.assertFalse(self.pool.user_id)
        self.assertEqual(theirs.user_id, self.users["rep2"])
        self.assertEqual(self.customers["rep3"].user_id, self.users["rep3"])
        # the kinds of refusal
        fault = self.assertRefused(
            "rep",
            rep1,
            "res.partner",
            "crm_assign",
            pool.ids,
            user_id=rep1.id,
            reason="x",
        )
        self.assertEqual(fault.faultCode, 4)
        fault = self.assertRefused(
            "bad id",
            mgr1,
            "res.partner",
            "crm_assign",
            pool.ids,
            user_id=NO_USER,
            reason="x",
        )
        self.assertEqual(fault.faultCode, 2)
        self.assertIn(f"There is no user with the id {NO_USER}.", fault.faultString)

    # ------------------------------------------------------------ hand over
    def test_hand_over_returns_the_customers(self):
        admin, rep1, rep2 = self.users["admin"], self.users["rep1"], self.users["rep2"]
        extra = self.env["res.partner"].create(
            {"name": "Second of rep1", "crm_is_customer": True, "user_id": rep1.id}
        )
        rep1.active = False  # left the company
        result = self.rpc(
            admin,
            "res.users",
            "crm_hand_over",
            [rep1.id],
            user_id=rep2.id,
            reason="离职交接",
        )
        mine = self.customers["rep1"] | extra
        self.assertEqual(sorted(result["handed_over_ids"]), sorted(mine.ids))
        self.assertEqual(result["user_id"], rep2.id)
        self.assertIn(rep2.name, result["message"])
        self.assertEqual(mine.mapped("user_id"), rep2)
        self.assertIn("离职交接", self.bodies(extra))
        self.assertEqual(self.contacts["rep1"].crm_owner_id, rep2)
        # a department manager, within their scope, to the pool
        result = self.rpc(
            self.users["mgr1"],
            "res.users",
            "crm_hand_over",
            [rep2.id],
            reason="Gone",
            to_pool=True,
        )
        self.assertEqual(
            sorted(result["handed_over_ids"]),
            sorted((mine | self.customers["rep2"]).ids),
        )
        self.assertFalse(result["user_id"])
        self.assertTrue(all((mine | self.customers["rep2"]).mapped("crm_is_pool")))

    def test_hand_over_refusals(self):
        mgr1, rep1, rep2 = self.users["mgr1"], self.users["rep1"], self.users["rep2"]
        rows = [
            # label, caller, leaver, kwargs
            ("a salesperson", rep2, rep1, {"user_id": rep2.id, "reason": "x"}),
            (
                "not in the suite",
                self.users["outsider"],
                rep1,
                {"user_id": rep2.id, "reason": "x"},
            ),
            (
                "leaver outside the manager's scope",
                mgr1,
                self.users["rep3"],
                {"user_id": rep1.id, "reason": "x"},
            ),
            (
                "successor outside the manager's scope",
                mgr1,
                rep1,
                {"user_id": self.users["rep3"].id, "reason": "x"},
            ),
            ("no reason", mgr1, rep1, {"user_id": rep2.id}),
            ("to themselves", mgr1, rep1, {"user_id": rep1.id, "reason": "x"}),
            ("nobody and not the pool", mgr1, rep1, {"reason": "x"}),
            ("no such successor", mgr1, rep1, {"user_id": NO_USER, "reason": "x"}),
            ("owns no customer", mgr1, mgr1, {"user_id": rep1.id, "reason": "x"}),
        ]
        access = {
            "a salesperson",
            "not in the suite",
            "leaver outside the manager's scope",
            "successor outside the manager's scope",
        }
        for label, user, leaver, kwargs in rows:
            with self.subTest(label):
                fault = self.assertRefused(
                    label, user, "res.users", "crm_hand_over", leaver.ids, **kwargs
                )
                self.assertEqual(fault.faultCode, 4 if label in access else 2)
        fault = self.assertRefused(
            "no such leaver",
            mgr1,
            "res.users",
            "crm_hand_over",
            [NO_USER],
            user_id=rep1.id,
            reason="x",
        )
        self.assertIn(f"There is no user with the id {NO_USER}.", fault.faultString)
        fault = self.assertRefused(
            "a salesperson",
            rep2,
            "res.users",
            "crm_hand_over",
            rep1.ids,
            user_id=rep2.id,
            reason="x",
        )
        self.assertEqual(fault.faultCode, 4)
        for key in ("rep1", "rep2", "rep3"):
            self.assertEqual(self.customers[key].user_id, self.users[key])

    # ------------------------------------------------------------ language
    def test_errors_in_the_callers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "crm_customer")]
        )._update_translations(["zh_CN"], overwrite=True)
        mgr1, rep1 = self.users["mgr1"], self.users["rep1"]
        zh = {"lang": "zh_CN"}
        rows = [
            (
                "res.partner",
                "crm_assign",
                self.pool.ids,
                {"user_id": rep1.id, "reason": ""},
                "请填写转移原因。",
            ),
            (
                "res.partner",
                "crm_assign",
                self.pool.ids,
                {"user_id": NO_USER, "reason": "x"},
                f"没有 ID 为 {NO_USER} 的用户。",
            ),
            (
                "res.users",
                "crm_hand_over",
                rep1.ids,
                {"user_id": rep1.id, "reason": "x"},
                "请选择另一位用户接手。",
            ),
        ]
        for model, method, ids, kwargs, message in rows:
            with self.subTest(method=method, message=message):
                fault = self.assertRefused(
                    method, mgr1, model, method, ids, context=zh, **kwargs
                )
                self.assertIn(message, fault.faultString)
        fault = self.assertRefused(
            "en",
            mgr1,
            "res.partner",
            "crm_assign",
            self.pool.ids,
            user_id=rep1.id,
            reason="",
        )
        self.assertIn("Give the reason of the transfer.", fault.faultString)
        self.assertNotIn("请填写", fault.faultString)
