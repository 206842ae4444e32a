from xmlrpc.client import Fault

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestServiceAccess(ServiceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.req_agent = cls._request(cls.agent, title="Agent's")
        cls.req_agent2 = cls._request(cls.agent2, title="Agent Two's")
        cls.req_outsider = cls._request(cls.outsider, title="Outsider's")
        # accepted by the outsider, handled by agent
        cls.req_assigned = cls._request(
            cls.outsider, title="Assigned to Agent", handler_id=cls.agent.id
        )
        cls.mine = cls.req_agent | cls.req_agent2 | cls.req_outsider | cls.req_assigned

    def visible(self, user):
        return (
            self.env["crm.service.request"]
            .with_user(user)
            .search([("id", "in", self.mine.ids)])
        )

    def rpc(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, list(args), kwargs
        )

    def test_scope_per_role(self):
        cases = {
            self.agent: self.req_agent | self.req_assigned,
            self.agent2: self.req_agent2,
            self.outsider: self.req_outsider | self.req_assigned,
            # department: agents of the service department, and own
            self.svc_mgr: self.req_agent | self.req_agent2,
            self.svc_all: self.mine,
            self.svc_admin: self.mine,
        }
        for user, expected in cases.items():
            with self.subTest(user=user.login):
                self.assertEqual(self.visible(user), expected)
                # over XML-RPC too
                ids = self.rpc(
                    user,
                    "crm.service.request",
                    "search",
                    [("id", "in", self.mine.ids)],
                )
                self.assertEqual(set(ids), set(expected.ids))

    def test_no_service_role_no_request(self):
        for user in (self.rep, self.nobody):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.env["crm.service.request"].with_user(user).search([])
                with self.assertRaises(AccessError):
                    self.req_agent.with_user(user).read(["name"])

    def test_out_of_scope_refused(self):
        with self.assertRaises(AccessError):
            self.req_agent2.with_user(self.agent).read(["title"])
        with self.assertRaises(AccessError):
            self.req_agent2.with_user(self.agent).write({"title": "Mine now"})
        # the department manager reads but, without edit rights... has them
        self.req_agent2.with_user(self.svc_mgr).write({"priority": "2"})
        # the All level reads everything, edits only own and assigned
        self.req_agent.with_user(self.svc_all).read(["title"])
        with self.assertRaises(AccessError):
            self.req_agent.with_user(self.svc_all).write({"title": "x"})
        with self.assertRaises(Fault), mute_logger("odoo.http"):
            self.rpc(
                self.agent,
                "crm.service.request",
                "read",
                [self.req_agent2.id],
                ["title"],
            )

    def test_handler_works_on_assigned(self):
        request = self.req_assigned.with_user(self.agent)
        request.write({"time_spent": 2.0})
        request.action_start()
        self.assertEqual(request.state, "in_progress")
        # unassigned: gone from their view
        self.req_assigned.with_user(self.outsider).write({"handler_id": False})
        self.assertNotIn(self.req_assigned, self.visible(self.agent))

    def test_agent_reads_any_customer_not_contract_amounts(self):
        customer = self.customer.with_user(self.agent)
        values = customer.read(["name", "phone", "street", "child_ids"])[0]
        self.assertEqual(values["phone"], "021-5555-0101")
        self.assertEqual(values["street"], "1 Service Road")
        self.assertIn(self.contact.id, values["child_ids"])
        self.assertEqual(self.contact.with_user(self.agent).mobile, "13800000001")
        Partner = self.env["res.partner"].with_user(self.agent)
        found = Partner.search(
            [("crm_is_customer", "=", True), ("name", "ilike", "SV ")]
        )
        self.assertIn(self.customer, found)
        self.assertIn(self.customer2, found)
        self.assertIn(self.contact, Partner.search([("mobile", "=", "13800000001")]))
        # read only
        with self.assertRaises(AccessError):
            customer.write({"phone": "000"})
        with self.assertRaises(AccessError):
            customer.unlink()
        # no contract, hence no amount, without a sales or finance level
        contract = self._contract()
        with self.assertRaises(AccessError):
            contract.with_user(self.agent).read(["amount_total"])
        with self.assertRaises(AccessError):
            self.env["crm.contract"].with_user(self.agent).search([])
        # the same over XML-RPC
        [row] = self.rpc(
            self.agent, "res.partner", "read", [self.customer.id], ["name", "phone"]
        )
        self.assertEqual(row["phone"], "021-5555-0101")
        with self.assertRaises(Fault), mute_logger("odoo.http"):
            self.rpc(
                self.agent, "crm.contract", "read", [contract.id], ["amount_total"]
            )
        # a request of a contract shows no amount to the agent: there is none
        contract = self._contract(user=self.rep_agent)
        request = self._request(self.rep_agent, contract_id=contract.id)
        request.sudo().handler_id = self.agent
        self.assertFalse(
            [
                name
                for name, field in request._fields.items()
                if field.type == "monetary"
            ]
        )
        request.with_user(self.agent).read(["contract_id"])

    def test_no_role_reads_no_customer(self):
        Partner = self.env["res.partner"].with_user(self.nobody)
        self.assertFalse(Partner.search([("id", "=", self.customer.id)]))

    def test_sales_rep_keeps_own_scope_on_customers(self):
        Partner = self.env["res.partner"].with_user(self.rep)
        self.assertFalse(Partner.search([("id", "=", self.customer2.id)]))
        # with the service role, they read every customer
        Partner = self.env["res.partner"].with_user(self.rep_agent)
        self.assertTrue(Partner.search([("id", "=", self.customer2.id)]))
        # but still edit only their own
        with self.assertRaises(AccessError):
            self.customer2.with_user(self.rep_agent).write({"phone": "1"})
