from xmlrpc.client import Fault

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged, users
from odoo.tools import mute_logger

from .common import ContractCommon


@tagged("post_install", "-at_install")
class TestContractAccess(ContractCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.c_rep = cls._confirmed(user=cls.rep, partner=cls.customer, count=2)
        cls.c_rep2 = cls._confirmed(user=cls.rep2, partner=cls.customer_rep2)
        cls.c_outsider = cls._confirmed(
            user=cls.outsider, partner=cls.customer_outsider
        )
        cls.mine = cls.c_rep | cls.c_rep2 | cls.c_outsider

    def _visible(self):
        return self.env["crm.contract"].search([("id", "in", self.mine.ids)]).ids

    @users("ct_rep")
    def test_own(self):
        self.assertEqual(self._visible(), self.c_rep.ids)
        for model in (
            "crm.contract.line",
            "crm.contract.installment",
            "crm.contract.collection.report",
        ):
            self.assertEqual(
                self.env[model]
                .search([("contract_id", "in", self.mine.ids)])
                .contract_id,
                self.c_rep.with_env(self.env),
                model,
            )
        other = self.c_rep2.with_env(self.env)
        with self.assertRaises(AccessError):
            other.read(["name"])
        with self.assertRaises(AccessError):
            other.installment_ids.read(["amount"])
        with self.assertRaises(AccessError):
            other.write({"title": "x"})
        self.c_rep.with_env(self.env).write({"title": "mine"})
        # statistics follow the same scope
        groups = self.env["crm.contract"]._read_group(
            [("id", "in", self.mine.ids)], [], ["amount_total:sum", "__count"]
        )
        self.assertEqual(groups[0][1], 1)

    @users("ct_rep")
    def test_customer_outside_scope(self):
        with self.assertRaisesRegex(AccessError, "outside your scope"):
            self.env["crm.contract"].create(
                {
                    "partner_id": self.customer_outsider.id,
                    "line_ids": [(0, 0, {"product_id": self.product.id})],
                }
            )

    @users("ct_mgr")
    def test_department_with_edit(self):
        self.assertEqual(
            sorted(self._visible()), sorted((self.c_rep | self.c_rep2).ids)
        )
        self.c_rep2.with_env(self.env).write({"title": "edited by the manager"})
        with self.assertRaises(AccessError):
            self.c_outsider.with_env(self.env).read(["name"])

    @users("ct_director")
    def test_all_reads_but_does_not_edit(self):
        self.assertEqual(sorted(self._visible()), sorted(self.mine.ids))
        installments = self.env["crm.contract.installment"].search(
            [("contract_id", "in", self.mine.ids)]
        )
        self.assertEqual(len(installments.contract_id), 3)
        with self.assertRaises(AccessError):
            self.c_rep.with_env(self.env).write({"title": "x"})

    @users("ct_admin")
    def test_admin_all(self):
        self.assertEqual(sorted(self._visible()), sorted(self.mine.ids))
        self.c_outsider.with_env(self.env).write({"title": "admin"})

    @users("ct_rep2")
    def test_partner_smart_button_within_scope(self):
        partner = self.customer_rep2.with_env(self.env)
        self.assertEqual(partner.crm_contract_count, 1)
        self.assertEqual(partner.crm_contract_signed_total, 100.0)
        self.assertEqual(partner.crm_contract_outstanding, 100.0)
        action = partner.action_crm_view_contracts()
        self.assertEqual(
            self.env["crm.contract"].search(action["domain"]),
            self.c_rep2.with_env(self.env),
        )


@tagged("post_install", "-at_install")
class TestContractAccessRpc(HttpCase, ContractCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.c_rep = cls._confirmed(user=cls.rep, partner=cls.customer)
        cls.c_rep2 = cls._confirmed(user=cls.rep2, partner=cls.customer_rep2)

    def _call(self, login, model, method, *args, **kwargs):
        password = f"{login}_pw"
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, password, {})
        self.assertTrue(uid, f"{login} could not log in")
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, password, model, method, list(args), kwargs
        )

    def test_xmlrpc_scope(self):
        both = (self.c_rep | self.c_rep2).ids
        # the plain execute() call of XML-RPC clients
        ids = self.xmlrpc_object.execute(
            self.env.cr.dbname,
            self.rep.id,
            "ct_rep_pw",
            "crm.contract",
            "search",
            [("id", "in", both)],
        )
        self.assertEqual(ids, self.c_rep.ids)
        self.assertEqual(
            sorted(
                self._call("ct_mgr", "crm.contract", "search", [("id", "in", both)])
            ),
            sorted(both),
        )
        rows = self._call(
            "ct_rep",
            "crm.contract.installment",
            "search_read",
            [("contract_id", "in", both)],
            fields=["contract_id"],
        )
        self.assertEqual({r["contract_id"][0] for r in rows}, set(self.c_rep.ids))
        with mute_logger("odoo.http"):
            with self.assertRaisesRegex(Fault, "AccessError|not allowed|access"):
                self._call("ct_rep", "crm.contract", "read", self.c_rep2.ids, ["name"])
            with self.assertRaisesRegex(Fault, "AccessError|not allowed|access"):
                self._call(
                    "ct_rep", "crm.contract", "write", self.c_rep2.ids, {"title": "x"}
                )
            # private methods (the finance API) are not callable over RPC
            with self.assertRaisesRegex(Fault, "(?i)private"):
                self._call(
                    "ct_rep",
                    "crm.contract.installment",
                    "_crm_apply_payment",
                    self.c_rep.installment_ids.ids,
                    1.0,
                )
        self.assertEqual(self.c_rep.amount_received, 0.0)
