from odoo.tests import HttpCase, tagged

from .common import CustomerCommon
from .examples_common import ExamplesMixin


@tagged("post_install", "-at_install")
class TestCustomerExamples(ExamplesMixin, CustomerCommon, HttpCase):
    """examples/create_customer.py runs against this server; the public
    methods scripts use (``res.partner.crm_claim``) check what the buttons
    check; errors come back in the language the caller's context names."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for key in ("rep1", "rep2", "outsider"):
            cls._script_user(cls.users[key])

    def test_create_customer_example(self):
        rep1 = self.users["rep1"]
        output = self.run_example("crm_customer", "create_customer.py", rep1)
        customer = self.env["res.partner"].search(
            [("name", "=", "华东示例科技有限公司")]
        )
        self.assertEqual(len(customer), 1)
        self.assertTrue(customer.crm_is_customer)
        self.assertEqual(customer.user_id, rep1)
        self.assertEqual(
            sorted(customer.child_ids.mapped("name")), sorted(["王经理", "李会计"])
        )
        self.assertIn(f"id {customer.id}", output)
        # the other salesperson does not see it (the owner's scope applies)
        self.assertFalse(
            self.env["res.partner"]
            .with_user(self.users["rep2"])
            .search([("id", "=", customer.id)])
        )

    def test_claim_returns_the_claimed_ids(self):
        result = self.rpc(
            self.users["rep1"], "res.partner", "crm_claim", [self.pool.id]
        )
        self.assertEqual(result["claimed_ids"], [self.pool.id])
        self.assertTrue(result["message"])
        self.assertEqual(self.pool.user_id, self.users["rep1"])
        # bulk: one claimable, one not: only the claimable one comes back
        self.pool.sudo().user_id = False
        result = self.rpc(
            self.users["rep2"],
            "res.partner",
            "crm_claim",
            [self.pool.id, self.customers["rep2"].id],
        )
        self.assertEqual(result["claimed_ids"], [self.pool.id])
        self.assertIn(self.customers["rep2"].display_name, result["message"])
        self.assertEqual(self.pool.user_id, self.users["rep2"])

    def test_claim_refusals(self):
        rows = [
            # label, user, ids
            ("not a salesperson", self.users["outsider"], [self.pool.id]),
            ("owned by another", self.users["rep2"], [self.customers["rep1"].id]),
            ("already mine", self.users["rep1"], [self.customers["rep1"].id]),
            ("a contact, not an account", self.users["rep1"], self.pool_contact.ids),
        ]
        for label, user, ids in rows:
            with self.subTest(label):
                self.assertRefused(label, user, "res.partner", "crm_claim", ids)
        self.assertFalse(self.pool.user_id)
        self.assertEqual(self.customers["rep1"].user_id, self.users["rep1"])

    def test_errors_in_the_callers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "crm_customer")]
        )._update_translations(["zh_CN"], overwrite=True)
        rep1, mine = self.users["rep1"], self.customers["rep1"]
        fault = self.assertRefused(
            "zh_CN",
            rep1,
            "res.partner",
            "crm_claim",
            [mine.id],
            context={"lang": "zh_CN"},
        )
        self.assertIn(f"您已经是 {mine.display_name} 的负责人。", fault.faultString)
        fault = self.assertRefused("en", rep1, "res.partner", "crm_claim", [mine.id])
        self.assertIn(f"You already own {mine.display_name}.", fault.faultString)
        self.assertNotIn("负责人", fault.faultString)

    def test_followup_and_release_return_data(self):
        rep1, mine = self.users["rep1"], self.customers["rep1"]
        result = self.rpc(
            rep1,
            "res.partner",
            "crm_followup",
            [mine.id],
            kind="visit",
            note="Demo of the new copier",
        )
        self.assertEqual(result["partner_id"], mine.id)
        self.assertEqual(result["last_followup_date"], str(mine.crm_last_followup_date))
        self.assertIn("Demo of the new copier", mine.message_ids[0].body)
        # a follow-up written on a contact counts for its customer
        result = self.rpc(
            rep1, "res.partner", "crm_followup", self.contacts["rep1"][:1].ids
        )
        self.assertEqual(result["partner_id"], mine.id)
        result = self.rpc(
            rep1, "res.partner", "crm_release", [mine.id], reason="Moved away"
        )
        self.assertEqual(result["released_ids"], [mine.id])
        self.assertTrue(mine.crm_is_pool)
        self.assertFalse(mine.user_id)
        self.assertEqual(mine.crm_release_reason, "Moved away")

    def test_followup_and_release_refusals(self):
        rep1, rep2 = self.users["rep1"], self.users["rep2"]
        mine, theirs = self.customers["rep1"], self.customers["rep2"]
        rows = [
            ("follow up another's customer", rep1, "crm_followup", theirs, {}),
            ("follow up a pool customer", rep1, "crm_followup", self.pool, {}),
            ("follow up a non-customer", rep1, "crm_followup", self.supplier, {}),
            (
                "next follow-up in the past",
                rep1,
                "crm_followup",
                mine,
                {"next_date": "2020-01-01"},
            ),
            ("release another's customer", rep2, "crm_release", mine, {"reason": "x"}),
            ("release without a reason", rep1, "crm_release", mine, {"reason": ""}),
            (
                "not in the suite",
                self.users["outsider"],
                "crm_release",
                mine,
                {"reason": "x"},
            ),
        ]
        for label, user, method, record, kwargs in rows:
            with self.subTest(label):
                self.assertRefused(
                    label, user, "res.partner", method, record.ids, **kwargs
                )
        self.assertEqual(mine.user_id, rep1)
        self.assertFalse(mine.crm_last_followup_date)
        self.assertEqual(theirs.user_id, rep2)
