"""Attacks over XML-RPC (DESIGN.md "Trust"): what the buttons refuse, a script
cannot do by writing the same records with any context.

Every row expects an ``xmlrpc.client.Fault`` whose code is Odoo's for a
UserError/ValidationError or an AccessError (a refusal, not a crash), with the
record unchanged; a few legitimate flows expect success.
"""

from xmlrpc.client import Fault

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ServiceCommon

# every context key the suite's code reads or used to read as a switch
CONTEXTS = (
    {},
    {"crm_payment_update": True},
    {"crm_expense_update": True},
    {"crm_voucher_update": True},
    {"crm_contract_plan_check": True},
    {"crm_credit_override_reason": "because"},
    {"crm_customer_import": True},
    {"crm_scope_implied": True},
    {"crm_reminder_no_follow": True},
    {"crm_service_update": True},
    {"su": True, "sudo": True, "superuser": True},
    {"tracking_disable": True, "mail_notrack": True},
)
REFUSAL_CODES = (2, 4)


@tagged("post_install", "-at_install")
class TestServiceAttack(ServiceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls._request(cls.agent)
        cls.other = cls._request(cls.agent2)
        cls.resolved = cls._request(cls.agent)
        cls.resolved.with_user(cls.agent).write({"resolution": "<p>Done</p>"})
        cls.resolved.with_user(cls.agent).action_resolve()
        cls.contract_rep = cls._contract(user=cls.rep)
        cls.contract_own = cls._contract(user=cls.rep_agent)

    def rpc(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, list(args), kwargs
        )

    def assertRefused(self, label, user, model, method, *args, **kwargs):
        with self.assertRaises(Fault, msg=label) as caught, mute_logger("odoo.http"):
            self.rpc(user, model, method, *args, **kwargs)
        fault = caught.exception
        self.assertIn(fault.faultCode, REFUSAL_CODES, f"{label}: {fault.faultString}")
        return fault

    def test_protected_fields_with_every_context(self):
        rows = [
            ("state", "closed"),
            ("name", "FAKE-1"),
            ("date_assigned", "2026-01-01 00:00:00"),
            ("date_resolved", "2026-01-01 00:00:00"),
            ("date_visited", "2026-01-01 00:00:00"),
            ("date_closed", "2026-01-01 00:00:00"),
            ("cancel_reason", "none"),
            ("satisfaction", "satisfied"),
            ("reopen_count", 5),
            ("source_request_id", None),
        ]
        checked = 0
        for field, value in rows:
            if field == "source_request_id":
                value = self.other.id
            for context in CONTEXTS:
                label = f"write {field} {context}"
                with self.subTest(label=label):
                    fault = self.assertRefused(
                        label,
                        self.agent,
                        "crm.service.request",
                        "write",
                        [self.request.id],
                        {field: value},
                        context=context,
                    )
                    self.assertIn("can only be changed", fault.faultString)
                    checked += 1
        self.request.invalidate_recordset()
        self.assertEqual(self.request.state, "new")
        self.assertFalse(self.request.satisfaction)
        self.assertTrue(self.request.name.startswith("FW"))
        self.assertEqual(checked, len(rows) * len(CONTEXTS))

    def test_protected_fields_at_creation(self):
        values = {
            "title": "Forged",
            "partner_id": self.customer.id,
            "type_id": self.type_remote.id,
        }
        for field, value in (
            ("state", "closed"),
            ("name", "FAKE-2"),
            ("satisfaction", "satisfied"),
            ("date_closed", "2026-01-01 00:00:00"),
            ("cancel_reason", "x"),
        ):
            for context in CONTEXTS:
                with self.subTest(field=field, context=context):
                    self.assertRefused(
                        f"create {field}",
                        self.agent,
                        "crm.service.request",
                        "create",
                        [dict(values, **{field: value})],
                        context=context,
                    )
        self.assertFalse(
            self.env["crm.service.request"].search([("title", "=", "Forged")])
        )

    def test_visits_only_through_the_button(self):
        for context in CONTEXTS:
            with self.subTest(context=context):
                self.assertRefused(
                    "create visit",
                    self.agent,
                    "crm.service.visit",
                    "create",
                    [
                        {
                            "request_id": self.resolved.id,
                            "date": "2026-01-01 00:00:00",
                            "user_id": self.agent.id,
                            "satisfaction": "satisfied",
                        }
                    ],
                    context=context,
                )
        # nor through the request's one2many
        self.assertRefused(
            "visit through the request",
            self.agent,
            "crm.service.request",
            "write",
            [self.resolved.id],
            {
                "visit_ids": [
                    (0, 0, {"satisfaction": "satisfied", "date": "2026-01-01"})
                ]
            },
        )
        self.assertFalse(self.resolved.visit_ids)
        self.assertRefused(
            "private method",
            self.agent,
            "crm.service.request",
            "_crm_record_visit",
            [self.resolved.id],
            "satisfied",
            "ok",
        )
        visit = self.resolved.with_user(self.agent)._crm_record_visit("neutral", "ok")
        self.assertRefused(
            "write visit",
            self.agent,
            "crm.service.visit",
            "write",
            [visit.id],
            {"satisfaction": "satisfied"},
        )

    def test_links_to_out_of_scope_records(self):
        # the agent has no sales level: no contract to link
        self.assertRefused(
            "agent links a contract",
            self.agent,
            "crm.service.request",
            "write",
            [self.request.id],
            {"contract_id": self.contract_rep.id},
        )
        # a salesperson-agent links their own contract, not another's
        request = self._request(self.rep_agent)
        self.assertRefused(
            "rep_agent links another's contract",
            self.rep_agent,
            "crm.service.request",
            "write",
            [request.id],
            {"contract_id": self.contract_rep.id},
        )
        self.rpc(
            self.rep_agent,
            "crm.service.request",
            "write",
            [request.id],
            {"contract_id": self.contract_own.id},
        )
        self.assertEqual(request.contract_id, self.contract_own)
        # another's request: neither read nor write
        self.assertRefused(
            "write another's request",
            self.agent,
            "crm.service.request",
            "write",
            [self.other.id],
            {"title": "Mine"},
        )
        # a customer the user cannot read (no service role: the sales rep)
        self.assertRefused(
            "no service role creates",
            self.rep,
            "crm.service.request",
            "create",
            [
                {
                    "title": "x",
                    "partner_id": self.customer2.id,
                    "type_id": self.type_remote.id,
                }
            ],
        )
        # the agent cannot move a request to another owner's name and keep it
        self.assertRefused(
            "give away and keep",
            self.agent,
            "crm.service.request",
            "create",
            [
                {
                    "title": "x",
                    "partner_id": self.customer.id,
                    "type_id": self.type_remote.id,
                    "user_id": self.agent2.id,
                }
            ],
        )

    def test_state_changes_check_rights(self):
        # buttons on another's request
        for method in (
            "action_start",
            "action_resolve",
            "action_close",
            "action_assign",
        ):
            with self.subTest(method=method):
                self.assertRefused(
                    method, self.agent, "crm.service.request", method, [self.other.id]
                )
        self.other.invalidate_recordset()
        self.assertEqual(self.other.state, "new")
        # the configuration is for administrators
        self.assertRefused(
            "edit a type",
            self.agent,
            "crm.service.type",
            "write",
            [self.type_remote.id],
            {"hours_normal": 999},
        )
        self.assertRefused(
            "add a make-up working day",
            self.agent,
            "crm.workday",
            "create",
            [{"date": "2026-05-09", "kind": "workday", "name": "x"}],
        )

    def test_legitimate_flow_over_xmlrpc(self):
        request_id = self.rpc(
            self.agent,
            "crm.service.request",
            "create",
            [
                {
                    "title": "By RPC",
                    "partner_id": self.customer.id,
                    "type_id": self.type_remote.id,
                    "channel": "web",
                }
            ],
        )[0]
        for method in ("action_start",):
            self.rpc(self.agent, "crm.service.request", method, [request_id])
        self.rpc(
            self.agent,
            "crm.service.request",
            "write",
            [request_id],
            {"resolution": "<p>Fixed</p>"},
        )
        self.rpc(self.agent, "crm.service.request", "action_resolve", [request_id])
        request = self.env["crm.service.request"].browse(request_id)
        self.assertEqual(request.state, "resolved")
        self.assertTrue(request.name.startswith("FW"))

    def test_service_links_contract_of_the_customer(self):
        """An agent without any sales or finance level links a contract under
        service (confirmed or done) of the request's own customer and sees its
        number, subject, dates and products, never its amounts; another
        customer's contract, a draft one, or any search beyond the picker's
        stays refused."""
        self.company.write(
            {"crm_contract_approval_amount": 0.0, "crm_credit_hold_days": 0}
        )
        confirmed = self._contract(user=self.rep)
        confirmed.title = "Copier care"
        draft = self._contract(user=self.rep)
        other = self._contract(user=self.rep2, partner=self.customer2)
        for contract in confirmed | other:
            contract._crm_generate_installments(count=1)
            contract.action_confirm()
        self.assertEqual(set((confirmed | other).mapped("state")), {"confirmed"})
        # the picker: the request form's domain, this customer's contracts
        # under service only
        found = self.rpc(
            self.agent,
            "crm.contract",
            "name_search",
            "",
            [("partner_id", "=", self.customer.id)],
        )
        self.assertEqual([row[0] for row in found], [confirmed.id])
        # no other domain reaches the contracts: nothing to probe amounts with
        for label, domain in (
            ("no domain", []),
            ("amount probe", [("amount_total", ">", 1000)]),
            (
                "partner and amount",
                ["&", ("partner_id", "=", self.customer.id), ("amount_total", ">", 1)],
            ),
            ("partner in", [("partner_id", "in", [self.customer.id])]),
        ):
            with self.subTest(label=label):
                self.assertRefused(
                    label, self.agent, "crm.contract", "name_search", "", domain
                )
        for method, args in (
            ("read", ([confirmed.id], ["amount_total"])),
            ("search_read", ([("partner_id", "=", self.customer.id)], ["name"])),
            ("web_search_read", ([("partner_id", "=", self.customer.id)], {})),
        ):
            with self.subTest(method=method):
                self.assertRefused(method, self.agent, "crm.contract", method, *args)
        # the link: refused for another customer's contract and a draft one
        for label, contract in (("other customer", other), ("draft", draft)):
            with self.subTest(label=label):
                self.assertRefused(
                    label,
                    self.agent,
                    "crm.service.request",
                    "write",
                    [self.request.id],
                    {"contract_id": contract.id},
                )
                self.assertRefused(
                    f"create with {label}",
                    self.agent,
                    "crm.service.request",
                    "create",
                    [
                        {
                            "title": "x",
                            "partner_id": self.customer.id,
                            "type_id": self.type_remote.id,
                            "contract_id": contract.id,
                        }
                    ],
                )
        self.request.invalidate_recordset()
        self.assertFalse(self.request.contract_id)
        # a sales rep without the service role keeps the sales rule
        request_rep = self._request(self.rep_agent)
        self.rpc(
            self.rep_agent,
            "crm.service.request",
            "write",
            [request_rep.id],
            {"contract_id": confirmed.id},
        )
        # the legitimate link, over XML-RPC, and what the agent sees of it
        self.rpc(
            self.agent,
            "crm.service.request",
            "write",
            [self.request.id],
            {"contract_id": confirmed.id},
        )
        [row] = self.rpc(
            self.agent,
            "crm.service.request",
            "web_read",
            [self.request.id],
            {
                "contract_id": {"fields": {"display_name": {}}},
                "contract_title": {},
                "contract_product_ids": {"fields": {"display_name": {}}},
            },
        )
        self.assertEqual(row["contract_id"]["display_name"], confirmed.name)
        self.assertEqual(row["contract_title"], "Copier care")
        self.assertEqual(
            [p["id"] for p in row["contract_product_ids"]], self.product.ids
        )
        money = [
            name
            for name, field in self.env["crm.service.request"]._fields.items()
            if field.type == "monetary" or name.startswith("contract_amount")
        ]
        self.assertFalse(money)
        # a request of another customer cannot take this contract
        request2 = self._request(self.agent, partner_id=self.customer2.id)
        self.assertRefused(
            "contract of the first customer on the second's request",
            self.agent,
            "crm.service.request",
            "write",
            [request2.id],
            {"contract_id": confirmed.id},
        )
        self.assertFalse(request2.contract_id)
