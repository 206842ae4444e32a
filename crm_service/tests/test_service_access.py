from xmlrpc.client import Fault

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
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
            # department: agents of the service department, own, and the
            # outsider's request handled by the service department
            self.svc_mgr: self.req_agent | self.req_agent2 | self.req_assigned,
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


@tagged("post_install", "-at_install")
class TestServiceHandlingDepartment(ServiceCommon, HttpCase):
    """The Department and Department tree levels also read the requests their
    departments handle, whoever accepted them; other levels do not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        cls.dept_top = Department.create({"name": "SV Operations"})
        cls.dept_svc.parent_id = cls.dept_top
        cls.dept_side = Department.create({"name": "SV Side"})
        cls.head = new_test_user(
            cls.env,
            login="svc_head",
            password="svc_head",
            groups="crm_service.crm_service_group_department_tree",
            name="Operations Head",
        )
        cls.dept_reader = new_test_user(
            cls.env,
            login="svc_dept_reader",
            password="svc_dept_reader",
            groups="crm_service.crm_service_group_department",
            name="Department Reader",
        )
        cls.env["hr.employee"].create(
            [
                {
                    "name": "Operations Head",
                    "user_id": cls.head.id,
                    "department_id": cls.dept_top.id,
                },
                {
                    "name": "Department Reader",
                    "user_id": cls.dept_reader.id,
                    "department_id": cls.dept_svc.id,
                },
            ]
        )
        # accepted by the outsider (SV Other): handled by the service
        # department without a handler yet, by the side department, by none
        cls.req_svc = cls._request(
            cls.outsider,
            title="Handled by Service",
            handling_department_id=cls.dept_svc.id,
        )
        cls.req_side = cls._request(
            cls.outsider,
            title="Handled by Side",
            handling_department_id=cls.dept_side.id,
        )
        cls.req_none = cls._request(cls.outsider, title="Not handled yet")
        cls.requests = cls.req_svc | cls.req_side | cls.req_none

    def visible(self, user):
        return (
            self.env["crm.service.request"]
            .with_user(user)
            .search([("id", "in", self.requests.ids)])
        )

    def rpc(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, list(args), kwargs
        )

    def test_handled_requests_per_level(self):
        cases = {
            # Department: their department's handled requests
            self.svc_mgr: self.req_svc,
            self.dept_reader: self.req_svc,
            # Department tree: those of the departments below theirs too
            self.head: self.req_svc,
            # Own: not by department (the agent works in the service department)
            self.agent: self.req_none.browse(),
            # the outsider accepted them all
            self.outsider: self.requests,
            self.svc_all: self.requests,
        }
        for user, expected in cases.items():
            with self.subTest(user=user.login):
                self.assertEqual(self.visible(user), expected)
                ids = self.rpc(
                    user,
                    "crm.service.request",
                    "search",
                    [("id", "in", self.requests.ids)],
                )
                self.assertEqual(set(ids), set(expected.ids))
        # visits follow their request
        self.assertEqual(
            self.env["crm.service.visit"]
            .with_user(self.svc_mgr)
            .search_count([("request_id", "in", self.req_side.ids)]),
            0,
        )

    def test_tree_covers_sub_departments_only(self):
        self.dept_side.parent_id = self.dept_top
        self.assertEqual(self.visible(self.head), self.req_svc | self.req_side)
        # the department level does not reach the side department
        self.assertEqual(self.visible(self.svc_mgr), self.req_svc)

    def test_moved_to_another_department_leaves_the_scope(self):
        self.assertIn(self.req_svc, self.visible(self.svc_mgr))
        self.req_svc.handling_department_id = self.dept_side
        self.assertNotIn(self.req_svc, self.visible(self.svc_mgr))
        with self.assertRaises(AccessError):
            self.req_svc.with_user(self.svc_mgr).read(["title"])
        with self.assertRaises(Fault), mute_logger("odoo.http"):
            self.rpc(
                self.svc_mgr,
                "crm.service.request",
                "read",
                [self.req_svc.id],
                ["title"],
            )

    def test_edit_handled_requests_with_edit_within_scope_only(self):
        # the manager (edit within scope) assigns the handler
        request = self.req_svc.with_user(self.svc_mgr)
        request.write({"handler_id": self.agent.id, "priority": "2"})
        request.action_assign()
        self.assertEqual(self.req_svc.state, "assigned")
        # the reader of the same level without "edit within scope" reads only
        self.req_svc.with_user(self.dept_reader).read(["title"])
        with self.assertRaises(AccessError):
            self.req_svc.with_user(self.dept_reader).write({"priority": "0"})
        with self.assertRaises(Fault), mute_logger("odoo.http"):
            self.rpc(
                self.dept_reader,
                "crm.service.request",
                "write",
                [self.req_svc.id],
                {"priority": "0"},
            )
        self.assertEqual(self.req_svc.priority, "2")


@tagged("post_install", "-at_install")
class TestServiceCustomerContracts(ServiceCommon):
    """The customer lookup shows service staff the contracts under service of
    the customer (number, subject, period, products), never an amount."""

    def test_contracts_under_service_without_amounts(self):
        self.company.write(
            {"crm_contract_approval_amount": 0.0, "crm_credit_hold_days": 0}
        )
        confirmed = self._contract(price=98765.0)
        confirmed.title = "Copier maintenance 2026"
        confirmed._crm_generate_installments(count=1)
        confirmed.action_confirm()
        draft = self._contract(price=4321.0)
        draft.title = "Draft offer"
        other = self._contract(user=self.rep2, partner=self.customer2)
        other.title = "Other customer's"
        other._crm_generate_installments(count=1)
        other.action_confirm()
        html = str(self.customer.with_user(self.agent).crm_service_contracts_html)
        self.assertIn(confirmed.name, html)
        self.assertIn("Copier maintenance 2026", html)
        self.assertIn("SV Copier", html)
        for absent in (draft.name, "Draft offer", other.name, "98765", "98,765"):
            self.assertNotIn(absent, html)
        # also from a contact of the customer
        self.assertIn(
            confirmed.name,
            str(self.contact.with_user(self.agent).crm_service_contracts_html),
        )
        # each customer its own contracts
        self.assertIn(
            other.name,
            str(self.customer2.with_user(self.agent).crm_service_contracts_html),
        )
        # not a field for users without the service role
        with self.assertRaises(AccessError):
            self.customer.with_user(self.rep).read(["crm_service_contracts_html"])
