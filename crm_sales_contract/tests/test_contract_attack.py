"""Attacks over XML-RPC (issue 10, "Trust from every client"): every protected
field of contracts, lines and installments written by the owner and by a
manager who edits within scope, with every context key the code reads or used
to read; every link to a document out of reach; contracts for pool customers;
state changes by users who may only read. Each row expects a refusal (a Fault
carrying the UserError/AccessError) and an unchanged record; the legitimate
flows (draft, lines, plan, confirm, approve, override, cancel) still work."""

from xmlrpc.client import Fault

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.base.controllers.rpc import (
    RPC_FAULT_CODE_ACCESS_ERROR,
    RPC_FAULT_CODE_WARNING,
)

from .common import ContractCommon

# every context key the contract code reads or used to read as a switch
FORGED_CONTEXTS = [
    {},
    {"crm_payment_update": True},
    {"crm_contract_plan_check": True},
    {"crm_credit_override_reason": "because"},
    {
        "crm_payment_update": True,
        "crm_contract_plan_check": True,
        "crm_credit_override_reason": "because",
        "crm_expense_update": True,
        "crm_voucher_update": True,
        "su": True,
        "sudo": True,
    },
]
PROTECTED = "can only be changed by the record's own actions"
REFUSED_CODES = (RPC_FAULT_CODE_WARNING, RPC_FAULT_CODE_ACCESS_ERROR)


@tagged("post_install", "-at_install")
class TestContractAttack(HttpCase, ContractCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.usd = cls.env.ref("base.USD")
        if cls.usd == cls.company.currency_id:
            cls.usd = cls.env.ref("base.EUR")
        cls.pool_customer = cls.env["res.partner"].create(
            {"name": "CT Pool Customer", "is_company": True, "crm_is_customer": True}
        )
        cls.floor_product = cls.env["product.product"].create(
            {"name": "CT Floor Widget", "list_price": 100.0, "crm_floor_price": 80.0}
        )
        # the owner's documents
        cls.draft = cls._contract(lines=((1.0, 100.0),))
        cls.draft._crm_generate_installments(count=2)
        cls.draft = cls.draft.with_env(cls.env)
        cls.confirmed = cls._confirmed(lines=((1.0, 2000.0),), count=2)
        # a colleague's (in the manager's scope) and an outsider's (in nobody's)
        cls.colleague_draft = cls._contract(user=cls.rep2, partner=cls.customer_rep2)
        cls.colleague_draft = cls.colleague_draft.with_env(cls.env)
        cls.colleague_confirmed = cls._confirmed(
            user=cls.rep2, partner=cls.customer_rep2
        )
        cls.outsider_draft = cls._contract(
            user=cls.outsider, partner=cls.customer_outsider
        ).with_env(cls.env)

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def _call(self, user, model, method, *args, **kwargs):
        login = user.login
        password = f"{login}_pw"
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, password, {})
        self.assertTrue(uid, f"{login} could not log in")
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, password, model, method, list(args), kwargs
        )

    def _refused(self, user, model, method, *args, pattern=None, **kwargs):
        with mute_logger("odoo.http"), self.assertRaises(Fault) as caught:
            self._call(user, model, method, *args, **kwargs)
        fault = caught.exception
        self.assertIn(fault.faultCode, REFUSED_CODES, fault.faultString)
        if pattern:
            self.assertRegex(fault.faultString, pattern)
        return fault

    def _snapshot(self, record, names):
        self.env.invalidate_all()
        return record.sudo().read(names)

    # ------------------------------------------------------------------
    # protected fields
    # ------------------------------------------------------------------
    def _protected_rows(self):
        """(record, field, value) for every protected field of every model."""
        rep2 = self.rep2.id
        contract_values = {
            "name": "HACKED",
            "state": "draft",
            "approver_id": rep2,
            "approved_by_id": rep2,
            "approval_date": "2026-01-01 00:00:00",
            "approval_comment": "approved by myself",
            "credit_override_reason": "because",
            "cancel_reason": "x",
            "was_confirmed": False,
            "date_confirmed": "2020-01-01",
            "currency_id": self.usd.id,
            "amount_total": 1.0,
            "amount_tax": 0.0,
            "amount_untaxed": 1.0,
            "cost_total": 0.0,
            "margin": 1.0,
            "amount_received": 2000.0,
            "amount_outstanding": 0.0,
            "received_percent": 100.0,
            "next_due_date": "2099-01-01",
            "has_overdue": True,
            "installment_count": 0,
        }
        line_values = {
            "price_net": 1.0,
            "price_subtotal": 1000000.0,
            "price_tax": 0.0,
            "cost_subtotal": 0.0,
            "contract_state": "confirmed",
            "partner_id": self.customer_rep2.id,
            "date_signed": "2020-01-01",
            "user_id": rep2,
            "department_id": self.dept_b.id,
            "company_id": self.company.id,
            "currency_id": self.usd.id,
        }
        installment_values = {
            "paid_amount": 10.0,
            "is_cancelled": True,
            "state": "paid",
            "residual_amount": 0.0,
            "percentage": 0.0,
            "contract_state": "cancelled",
            "kind": "order",
            "date_signed": "2020-01-01",
            "partner_id": self.customer_rep2.id,
            "user_id": rep2,
            "department_id": self.dept_b.id,
            "company_id": self.company.id,
            "currency_id": self.usd.id,
        }
        Contract = self.env["crm.contract"]
        Line = self.env["crm.contract.line"]
        Installment = self.env["crm.contract.installment"]
        # the tables cover every declared protected field
        # (addons installed above this one, such as crm_finance_light, protect
        # their own fields of these models and test them themselves)
        self.assertEqual(set(contract_values), self._own_protected(Contract))
        self.assertEqual(set(line_values), self._own_protected(Line))
        self.assertEqual(set(installment_values), self._own_protected(Installment))
        rows = [(self.confirmed, name, v) for name, v in contract_values.items()]
        rows += [(self.draft, "state", "confirmed"), (self.draft, "state", "done")]
        rows += [(self.draft.line_ids, name, v) for name, v in line_values.items()]
        for contract in (self.draft, self.confirmed):
            installment = contract.installment_ids.sorted("sequence")[0]
            rows += [(installment, name, v) for name, v in installment_values.items()]
        return rows

    @staticmethod
    def _own_protected(Model):
        """The protected fields of ``Model`` that this addon or those below it
        define."""
        below = ("crm_masterdata", "crm_customer", "crm_sales_contract")
        return {
            name
            for name in Model._crm_protected_fields
            if (Model._fields[name]._module or "crm_sales_contract") in below
        }

    def test_protected_fields_refused(self):
        rows = self._protected_rows()
        for user in (self.rep, self.mgr):
            for context in FORGED_CONTEXTS:
                for record, name, value in rows:
                    with self.subTest(
                        user=user.login, model=record._name, field=name, ctx=context
                    ):
                        before = self._snapshot(record, [name])
                        self._refused(
                            user,
                            record._name,
                            "write",
                            record.ids,
                            {name: value},
                            context=context,
                            pattern=PROTECTED,
                        )
                        self.assertEqual(self._snapshot(record, [name]), before)

    def test_protected_fields_refused_on_create(self):
        base = {
            "partner_id": self.customer.id,
            "line_ids": [(0, 0, {"product_id": self.product.id})],
        }
        contract_rows = {
            "state": "confirmed",
            "name": "HT-FORGED",
            "approved_by_id": self.mgr.id,
            "approval_date": "2026-01-01 00:00:00",
            "credit_override_reason": "because",
            "was_confirmed": True,
            "date_confirmed": "2020-01-01",
            "amount_received": 100.0,
        }
        Contract = self.env["crm.contract"]
        count = Contract.search_count([])
        for context in FORGED_CONTEXTS:
            for name, value in contract_rows.items():
                with self.subTest(field=name, ctx=context):
                    self._refused(
                        self.rep,
                        "crm.contract",
                        "create",
                        [dict(base, **{name: value})],
                        context=context,
                        pattern=PROTECTED,
                    )
            for name, value in (("paid_amount", 100.0), ("is_cancelled", True)):
                with self.subTest(field=name, ctx=context):
                    self._refused(
                        self.rep,
                        "crm.contract.installment",
                        "create",
                        [
                            {
                                "contract_id": self.draft.id,
                                "name": "forged",
                                "amount": 0.0,
                                "due_date": str(self.signed),
                                name: value,
                            }
                        ],
                        context=context,
                        pattern=PROTECTED,
                    )
            with self.subTest(field="price_subtotal", ctx=context):
                self._refused(
                    self.rep,
                    "crm.contract.line",
                    "create",
                    [
                        {
                            "contract_id": self.draft.id,
                            "product_id": self.product.id,
                            "price_subtotal": 1000000.0,
                        }
                    ],
                    context=context,
                    pattern=PROTECTED,
                )
        self.assertEqual(Contract.search_count([]), count)
        self.assertEqual(len(self.draft.installment_ids), 2)
        self.assertEqual(len(self.draft.line_ids), 1)

    # ------------------------------------------------------------------
    # plan of a confirmed contract
    # ------------------------------------------------------------------
    def test_confirmed_plan_refused(self):
        first, second = self.confirmed.installment_ids.sorted("sequence")
        for user in (self.rep, self.mgr):
            for context in FORGED_CONTEXTS:
                with self.subTest(user=user.login, ctx=context):
                    # 2,005 against a 2,000 total (the attack)
                    self._refused(
                        user,
                        "crm.contract.installment",
                        "create",
                        [
                            {
                                "contract_id": self.confirmed.id,
                                "name": "extra",
                                "amount": 5.0,
                                "due_date": str(self.signed),
                            }
                        ],
                        context=context,
                        pattern="Payment Plan tab",
                    )
                    self._refused(
                        user,
                        "crm.contract.installment",
                        "write",
                        first.ids,
                        {"amount": 1.0},
                        context=context,
                        pattern="Payment Plan tab",
                    )
                    self._refused(
                        user,
                        "crm.contract.installment",
                        "unlink",
                        second.ids,
                        context=context,
                        pattern="Payment Plan tab",
                    )
                    self._refused(
                        user,
                        "crm.contract",
                        "write",
                        self.confirmed.ids,
                        {
                            "installment_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "name": "extra",
                                        "amount": 5.0,
                                        "due_date": str(self.signed),
                                    },
                                )
                            ]
                        },
                        context=context,
                        pattern="add up",
                    )
                    # the draft contract's installment moved into the plan
                    self._refused(
                        user,
                        "crm.contract",
                        "write",
                        self.confirmed.ids,
                        {"installment_ids": [(4, self.draft.installment_ids[0].id)]},
                        context=context,
                        pattern="its own installments",
                    )
        self.env.invalidate_all()
        self.assertEqual(len(self.confirmed.installment_ids), 2)
        self.assertEqual(sum(self.confirmed.installment_ids.mapped("amount")), 2000.0)
        self.assertEqual(self.confirmed.amount_received, 0.0)

    # ------------------------------------------------------------------
    # links to documents out of reach
    # ------------------------------------------------------------------
    def test_links_refused(self):
        line = self.draft.line_ids
        installment = self.draft.installment_ids.sorted("sequence")[0]
        rows = [
            # (user, model, method, args, what the message says)
            # a line moved into a colleague's confirmed contract (issue item 3)
            (
                self.rep,
                "crm.contract.line",
                "write",
                [line.ids, {"contract_id": self.colleague_confirmed.id}],
                None,
            ),
            # ... into a colleague's draft the owner may not edit
            (
                self.rep,
                "crm.contract.line",
                "write",
                [line.ids, {"contract_id": self.colleague_draft.id}],
                None,
            ),
            # ... into one's own confirmed contract
            (
                self.rep,
                "crm.contract.line",
                "write",
                [line.ids, {"contract_id": self.confirmed.id}],
                "only change while it is a draft",
            ),
            # ... by the manager, into a draft out of the manager's scope
            (
                self.mgr,
                "crm.contract.line",
                "write",
                [line.ids, {"contract_id": self.outsider_draft.id}],
                None,
            ),
            # ... by the manager, into a confirmed contract in scope
            (
                self.mgr,
                "crm.contract.line",
                "write",
                [line.ids, {"contract_id": self.colleague_confirmed.id}],
                "only change while it is a draft",
            ),
            # a new line in a colleague's draft
            (
                self.rep,
                "crm.contract.line",
                "create",
                [
                    {
                        "contract_id": self.colleague_draft.id,
                        "product_id": self.product.id,
                    }
                ],
                None,
            ),
            (
                self.mgr,
                "crm.contract.line",
                "create",
                [
                    {
                        "contract_id": self.outsider_draft.id,
                        "product_id": self.product.id,
                    }
                ],
                None,
            ),
            # installments: into a colleague's contract, a confirmed contract
            (
                self.rep,
                "crm.contract.installment",
                "write",
                [installment.ids, {"contract_id": self.colleague_draft.id}],
                None,
            ),
            (
                self.rep,
                "crm.contract.installment",
                "write",
                [installment.ids, {"contract_id": self.confirmed.id}],
                "Payment Plan tab",
            ),
            (
                self.mgr,
                "crm.contract.installment",
                "write",
                [installment.ids, {"contract_id": self.outsider_draft.id}],
                None,
            ),
            (
                self.rep,
                "crm.contract.installment",
                "create",
                [
                    {
                        "contract_id": self.colleague_draft.id,
                        "name": "x",
                        "amount": 1.0,
                        "due_date": str(self.signed),
                    }
                ],
                None,
            ),
            # a contract for a customer out of scope (created, switched)
            (
                self.rep,
                "crm.contract",
                "create",
                [
                    {
                        "partner_id": self.customer_outsider.id,
                        "line_ids": [(0, 0, {"product_id": self.product.id})],
                    }
                ],
                "outside your scope",
            ),
            (
                self.rep,
                "crm.contract",
                "write",
                [self.draft.ids, {"partner_id": self.customer_outsider.id}],
                "outside your scope",
            ),
            (
                self.mgr,
                "crm.contract",
                "write",
                [self.colleague_draft.ids, {"partner_id": self.customer_outsider.id}],
                "outside your scope",
            ),
            # contracts for a pool customer (claim it first)
            (
                self.rep,
                "crm.contract",
                "create",
                [
                    {
                        "partner_id": self.pool_customer.id,
                        "line_ids": [(0, 0, {"product_id": self.product.id})],
                    }
                ],
                "claim the customer first",
            ),
            (
                self.rep,
                "crm.contract",
                "write",
                [self.draft.ids, {"partner_id": self.pool_customer.id}],
                "claim the customer first",
            ),
            # the lines of a confirmed contract through the contract
            (
                self.rep,
                "crm.contract",
                "write",
                [
                    self.confirmed.ids,
                    {"line_ids": [(0, 0, {"product_id": self.product.id})]},
                ],
                "Only draft contracts",
            ),
            (
                self.rep,
                "crm.contract",
                "write",
                [self.confirmed.ids, {"line_ids": [(4, line.id)]}],
                "Only draft contracts",
            ),
            (
                self.rep,
                "crm.contract",
                "write",
                [self.confirmed.ids, {"line_ids": [(2, self.confirmed.line_ids.id)]}],
                "Only draft contracts",
            ),
            (
                self.rep,
                "crm.contract.line",
                "unlink",
                [self.confirmed.line_ids.ids],
                "only change while it is a draft",
            ),
        ]
        for context in FORGED_CONTEXTS:
            for user, model, method, args, pattern in rows:
                with self.subTest(
                    user=user.login, model=model, method=method, args=args, ctx=context
                ):
                    self._refused(
                        user, model, method, *args, pattern=pattern, context=context
                    )
        self.env.invalidate_all()
        self.assertEqual(line.contract_id, self.draft)
        self.assertEqual(installment.contract_id, self.draft)
        self.assertEqual(self.draft.partner_id, self.customer)
        self.assertEqual(len(self.confirmed.line_ids), 1)
        self.assertEqual(len(self.colleague_draft.line_ids), 1)
        self.assertFalse(
            self.env["crm.contract"].search(
                [
                    (
                        "partner_id",
                        "in",
                        (self.pool_customer | self.customer_outsider).ids,
                    )
                ]
                + [("user_id", "=", self.rep.id)]
            )
        )

    def test_contact_link_needs_read_access(self):
        """The contract's contact person is a link the user must read: a
        contact of a customer out of scope is refused on create and write,
        whatever the context, and a contact of one's own customer is not."""
        foreign = self.env["res.partner"].create(
            {"name": "Outsider's buyer", "parent_id": self.customer_outsider.id}
        )
        own = self.env["res.partner"].create(
            {"name": "Our buyer", "parent_id": self.customer.id}
        )
        before = self.env["crm.contract"].search_count([])
        for context in FORGED_CONTEXTS:
            self._refused(
                self.rep,
                "crm.contract",
                "create",
                {
                    "partner_id": self.customer.id,
                    "contact_id": foreign.id,
                    "line_ids": [(0, 0, {"product_id": self.product.id})],
                },
                context=context,
            )
            self._refused(
                self.rep,
                "crm.contract",
                "write",
                self.draft.ids,
                {"contact_id": foreign.id},
                context=context,
            )
        self.assertEqual(self.env["crm.contract"].search_count([]), before)
        self.draft.invalidate_recordset()
        self.assertNotEqual(self.draft.contact_id, foreign)
        self._call(
            self.rep, "crm.contract", "write", self.draft.ids, {"contact_id": own.id}
        )
        self.assertEqual(self.draft.contact_id, own)

    # ------------------------------------------------------------------
    # actions by users who may not take them
    # ------------------------------------------------------------------
    def test_actions_refused(self):
        to_approve = self._contract(
            lines=(), line_ids=[(0, 0, {"product_id": self.floor_product.id})]
        )
        to_approve.line_ids.price_unit = 50.0
        to_approve.with_user(self.rep).action_submit()
        self.assertEqual(to_approve.state, "to_approve")
        rows = [
            # the director reads everything but edits nothing
            (self.director, "action_confirm", self.draft),
            (self.director, "action_submit", self.draft),
            (self.director, "action_done", self.confirmed),
            (self.director, "action_draft", to_approve),
            # a colleague cannot even read them
            (self.rep2, "action_confirm", self.draft),
            (self.rep2, "action_done", self.confirmed),
            # the owner does not approve their own contract
            (self.rep, "action_approve", to_approve),
            (self.rep, "action_reject", to_approve),
            # approval is not skipped by confirming or writing the state
            (self.rep, "action_confirm", to_approve),
        ]
        for context in FORGED_CONTEXTS:
            for user, method, contract in rows:
                with self.subTest(user=user.login, method=method, ctx=context):
                    self._refused(
                        user, "crm.contract", method, contract.ids, context=context
                    )
        self._refused(
            self.rep,
            "crm.contract",
            "write",
            to_approve.ids,
            {"state": "confirmed"},
            pattern=PROTECTED,
        )
        # the cancellation wizard and the plan wizard of someone else's contract
        for model, vals, method in (
            ("crm.contract.cancel", {"reason": "x"}, "action_cancel"),
            ("crm.contract.plan.generate", {"count": 2}, "action_generate"),
        ):
            with self.subTest(model=model):
                wizard = self._call(
                    self.director,
                    model,
                    "create",
                    [dict(vals, contract_id=self.draft.id)],
                )
                self._refused(self.director, model, method, wizard)
        # the credit override wizard without the override group
        wizard = self._call(
            self.rep,
            "crm.contract.credit.override",
            "create",
            [{"contract_id": self.draft.id, "reason": "because"}],
        )
        self._refused(
            self.rep, "crm.contract.credit.override", "action_override", wizard
        )
        self.env.invalidate_all()
        self.assertEqual(self.draft.state, "draft")
        self.assertEqual(len(self.draft.installment_ids), 2)
        self.assertEqual(self.confirmed.state, "confirmed")
        self.assertEqual(to_approve.state, "to_approve")
        self.assertFalse(to_approve.approved_by_id)

    def test_approval_inbox_refused(self):
        """待我审批's buttons on mail.activity: nobody decides through them what
        the contract's own check refuses, whatever the context, nor with an
        approval request they made up."""
        to_approve = self._contract(
            lines=(), line_ids=[(0, 0, {"product_id": self.floor_product.id})]
        )
        to_approve.line_ids.price_unit = 50.0
        to_approve.with_user(self.rep).action_submit()
        request = self.env["mail.activity"].search(
            [
                ("res_model", "=", "crm.contract"),
                ("res_id", "=", to_approve.id),
                ("crm_is_approval", "=", True),
            ]
        )
        self.assertEqual(request.user_id, self.mgr)
        # the owner makes up a request of their own, assigned to themselves
        forged = self._call(
            self.rep,
            "mail.activity",
            "create",
            {
                "res_model_id": self.env["ir.model"]._get_id("crm.contract"),
                "res_id": to_approve.id,
                "activity_type_id": self.env.ref(
                    "crm_sales_contract.mail_activity_type_contract_approval"
                ).id,
                "user_id": self.rep.id,
            },
        )
        rows = [
            (self.rep, request.id),
            (self.rep, forged),
            (self.rep2, request.id),
            (self.director, request.id),
            (self.outsider, request.id),
        ]
        for context in FORGED_CONTEXTS:
            for user, activity_id in rows:
                for method in ("action_crm_approve", "action_crm_reject"):
                    with self.subTest(user=user.login, method=method, ctx=context):
                        self._refused(
                            user,
                            "mail.activity",
                            method,
                            [activity_id],
                            context=context,
                        )
        # the private dispatcher is not reachable over RPC
        self._refused(
            self.mgr, "mail.activity", "_crm_approval_decide", [request.id], "approve"
        )
        # the approver's request opens the approval wizard
        action = self._call(
            self.mgr, "mail.activity", "action_crm_approve", [request.id]
        )
        self.assertEqual(action["res_model"], "crm.contract.approve")
        self.env.invalidate_all()
        self.assertEqual(to_approve.state, "to_approve")

    # ------------------------------------------------------------------
    # legitimate flows
    # ------------------------------------------------------------------
    def test_legitimate_flows(self):
        rep = self.rep
        # a draft with lines, changed, its plan generated, confirmed
        contract_id = self._call(
            rep,
            "crm.contract",
            "create",
            {
                "partner_id": self.customer.id,
                "title": "RPC contract",
                "line_ids": [(0, 0, {"product_id": self.product.id, "quantity": 2.0})],
            },
        )
        contract = self.env["crm.contract"].browse(contract_id)
        self.assertTrue(contract.name.startswith("HT"))
        self._call(
            rep,
            "crm.contract.line",
            "create",
            {"contract_id": contract_id, "product_id": self.product.id},
        )
        self._call(
            rep, "crm.contract", "write", [contract_id], {"title": "RPC contract v2"}
        )
        wizard = self._call(
            rep,
            "crm.contract.plan.generate",
            "create",
            {"contract_id": contract_id, "method": "equal", "count": 3},
        )
        self._call(rep, "crm.contract.plan.generate", "action_generate", wizard)
        self.assertEqual(len(contract.installment_ids), 3)
        self._call(rep, "crm.contract", "action_confirm", [contract_id])
        self.env.invalidate_all()
        self.assertEqual(contract.state, "confirmed")
        self.assertTrue(contract.was_confirmed)
        # the confirmed plan changes through the contract, adding up
        first, second, third = contract.installment_ids.sorted("sequence")
        self._call(
            rep,
            "crm.contract",
            "write",
            [contract_id],
            {
                "installment_ids": [
                    (1, first.id, {"amount": first.amount + third.amount}),
                    (2, third.id),
                ]
            },
        )
        self._call(
            rep,
            "crm.contract.installment",
            "write",
            second.ids,
            {"due_date": "2099-12-31", "name": "Balance"},
        )
        self.env.invalidate_all()
        self.assertEqual(len(contract.installment_ids), 2)
        self.assertAlmostEqual(
            sum(contract.installment_ids.mapped("amount")), contract.amount_total
        )
        # the manager edits within scope; cancelled with a reason
        self._call(self.mgr, "crm.contract", "write", [contract_id], {"title": "M"})
        wizard = self._call(
            rep,
            "crm.contract.cancel",
            "create",
            {"contract_id": contract_id, "reason": "Customer changed its mind"},
        )
        self._call(rep, "crm.contract.cancel", "action_cancel", wizard)
        self.env.invalidate_all()
        self.assertEqual(contract.state, "cancelled")
        self.assertTrue(all(contract.installment_ids.mapped("is_cancelled")))
        # duplicated: a new draft with its own number, nothing protected copied
        copy_id = self._call(rep, "crm.contract", "copy", [contract_id])[0]
        duplicate = self.env["crm.contract"].browse(copy_id)
        self.assertEqual(duplicate.state, "draft")
        self.assertNotEqual(duplicate.name, contract.name)
        self.assertFalse(duplicate.was_confirmed or duplicate.cancel_reason)
        self.assertEqual(len(duplicate.line_ids), 2)

    def test_legitimate_approval_and_override(self):
        contract_id = self._call(
            self.rep,
            "crm.contract",
            "create",
            {
                "partner_id": self.customer.id,
                "line_ids": [
                    (0, 0, {"product_id": self.floor_product.id, "price_unit": 50.0})
                ],
            },
        )
        contract = self.env["crm.contract"].browse(contract_id)
        self._call(self.rep, "crm.contract", "action_submit", [contract_id])
        self.assertEqual(contract.approver_id, self.mgr)
        action = self._call(self.mgr, "crm.contract", "action_approve", [contract_id])
        wizard = self._call(
            self.mgr,
            "crm.contract.approve",
            "create",
            {"contract_id": contract_id, "decision": "approve", "comment": "OK"},
            context=action["context"],
        )
        self._call(self.mgr, "crm.contract.approve", "action_apply", wizard)
        self.env.invalidate_all()
        self.assertEqual(contract.state, "confirmed")
        self.assertEqual(contract.approved_by_id, self.mgr)
        # a credit controller overrides a refused credit check with a reason
        self.customer_controller.write(
            {"crm_credit_policy": "limit", "crm_credit_limit": 10.0}
        )
        draft = self._contract(user=self.controller, partner=self.customer_controller)
        action = self._call(
            self.controller, "crm.contract", "action_confirm", draft.ids
        )
        self.assertEqual(action["res_model"], "crm.contract.credit.override")
        wizard = self._call(
            self.controller,
            "crm.contract.credit.override",
            "create",
            {"reason": "Paid by the parent company"},
            context=action["context"],
        )
        self._call(
            self.controller, "crm.contract.credit.override", "action_override", wizard
        )
        self.env.invalidate_all()
        self.assertEqual(draft.state, "confirmed")
        self.assertEqual(draft.credit_override_reason, "Paid by the parent company")
