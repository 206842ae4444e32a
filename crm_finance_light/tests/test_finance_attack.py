"""Attacks over XML-RPC (issue 10): what the buttons refuse, a script cannot
do by writing the same records with any context.

Every row is (label, user, model, record or None, values); ``write`` rows are
sent with every context key the finance code reads or used to read, and each
must end in a Fault that names the refusal, with the record unchanged.
"""

import base64
import io
import re
import zipfile
from datetime import date
from xmlrpc.client import Fault

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import FinanceCommon

# the keys that unlocked protected writes before issue 10, and the one the
# finance code still reads: none of them may change anything
CONTEXTS = (
    {},
    {"crm_voucher_update": True},
    {"crm_expense_update": True},
    {"crm_payment_update": True},
    # read by the ageing reports as a reporting date
    {"crm_ageing_date": "2030-01-01"},
)
# the fault codes of Odoo's /xmlrpc/2 for a UserError (ValidationError
# included) and an AccessError: a refusal, not a crash (code 1)
REFUSAL_CODES = (2, 4)


@tagged("post_install", "-at_install")
class TestFinanceAttack(FinanceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # XML-RPC logs in with a password: each user's is their login
        for user in (
            cls.rep,
            cls.rep2,
            cls.mgr,
            cls.outsider,
            cls.clerk,
            cls.cashier,
            cls.fin_admin,
        ):
            user.password = user.login
        cls.contract = cls._contract(prices=(100.0,), count=2)
        cls.inst1, cls.inst2 = cls.contract.installment_ids.sorted("due_date")
        cls.contract_out = cls._contract(partner=cls.customer_out, prices=(100.0,))
        as_cashier = cls.env(user=cls.cashier)
        Receipt = as_cashier["crm.receipt"]
        values = {
            "partner_id": cls.customer.id,
            "date": cls.signed,
            "payment_method_id": cls.method_bank.id,
        }
        # confirmed: 30 applied on installment 1
        cls.receipt_confirmed = Receipt.create(
            dict(
                values,
                amount=30.0,
                allocation_ids=[
                    Command.create({"installment_id": cls.inst1.id, "amount": 30.0})
                ],
            )
        )
        cls.receipt_confirmed.action_confirm()
        cls.allocation_applied = cls.receipt_confirmed.allocation_ids
        cls.receipt_cancelled = Receipt.create(dict(values, amount=10.0))
        cls.receipt_cancelled.action_confirm()
        cls.receipt_cancelled._crm_cancel("Typed twice")
        # draft: 10 planned on installment 2
        cls.receipt_draft = Receipt.create(
            dict(
                values,
                amount=20.0,
                allocation_ids=[
                    Command.create({"installment_id": cls.inst2.id, "amount": 10.0})
                ],
            )
        )
        cls.allocation_draft = cls.receipt_draft.allocation_ids
        # supplier side, recorded by the cashier: a bill of 100, 40 paid
        Bill = as_cashier["crm.supplier.bill"]
        line = {"product_id": cls.product.id, "quantity": 1.0, "price_unit": 100.0}
        cls.bill = Bill.create(
            {"partner_id": cls.supplier.id, "line_ids": [Command.create(line)]}
        )
        cls.bill.action_confirm()
        cls.bill_draft = Bill.create(
            {"partner_id": cls.supplier.id, "line_ids": [Command.create(line)]}
        )
        cls.payment = as_cashier["crm.supplier.payment"].create(
            {
                "partner_id": cls.supplier.id,
                "amount": 40.0,
                "payment_method_id": cls.method_bank.id,
                "allocation_ids": [
                    Command.create({"bill_id": cls.bill.id, "amount": 40.0})
                ],
            }
        )
        cls.payment.action_confirm()
        # a bill of 70 recorded by the clerk: a Finance Own cashier cannot read it
        cls.bill_clerk = (
            cls.env(user=cls.clerk)["crm.supplier.bill"]
            .create(
                {
                    "partner_id": cls.supplier.id,
                    "line_ids": [Command.create(dict(line, price_unit=70.0))],
                }
            )
            .with_env(cls.env)
        )
        cls.bill_clerk.action_confirm()
        # the rep's expenses: draft, submitted (to the manager), approved
        Expense = cls.env(user=cls.rep)["crm.expense"]
        expense = {
            "description": "Taxi",
            "category_id": cls.category_travel.id,
            "amount": 12.0,
            "payee_type": "other",
            "payee_name": "Taxi company",
        }
        cls.expense_draft = Expense.create(dict(expense))
        cls.expense_submitted = Expense.create(dict(expense))
        cls.expense_submitted.action_submit()
        cls.expense_approved = Expense.create(
            dict(expense, contract_id=cls.contract.id)
        )
        cls.expense_approved.action_submit()
        cls.expense_approved.with_user(cls.mgr)._crm_approve()
        cls.expense_out = cls.env(user=cls.outsider)["crm.expense"].create(
            dict(expense)
        )
        # another company: its customer and its contract are out of every
        # test user's reach
        cls.company2 = cls.env["res.company"].create({"name": "FIN Other Company"})
        cls.customer_c2 = cls.env["res.partner"].create(
            {
                "name": "FIN Customer Other Company",
                "is_company": True,
                "crm_is_customer": True,
                "company_id": cls.company2.id,
            }
        )

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def rpc(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, list(args), kwargs
        )

    def _snapshot(self, record, names):
        record.invalidate_recordset()
        simple = [
            name for name in names if record._fields[name].type not in ("one2many",)
        ]
        return record.read(simple)[0] if simple else {}

    def assertRefused(self, label, user, model, method, *args, **kwargs):
        with self.assertRaises(Fault, msg=label) as caught, mute_logger("odoo.http"):
            self.rpc(user, model, method, *args, **kwargs)
        fault = caught.exception
        self.assertIn(fault.faultCode, REFUSAL_CODES, f"{label}: {fault.faultString}")

    def _run_write_rows(self, rows):
        count = 0
        for label, users, record, vals in rows:
            before = self._snapshot(record, list(vals))
            for user in users:
                for context in CONTEXTS:
                    self.assertRefused(
                        f"{label} by {user.login} with {context}",
                        user,
                        record._name,
                        "write",
                        [record.id],
                        vals,
                        context=context,
                    )
                    count += 1
            self.assertEqual(self._snapshot(record, list(vals)), before, label)
        return count

    # ------------------------------------------------------------------
    # Protected fields, written directly
    # ------------------------------------------------------------------
    def test_receipt_protected_fields(self):
        finance = (self.cashier, self.clerk, self.fin_admin)
        everyone = (self.rep,) + finance
        confirmed = self.receipt_confirmed
        cancelled = self.receipt_cancelled
        draft = self.receipt_draft
        rows = [
            (
                "confirmed receipt back to draft",
                everyone,
                confirmed,
                {"state": "draft"},
            ),
            ("confirmed receipt amount", everyone, confirmed, {"amount": 999.0}),
            ("confirmed receipt date", everyone, confirmed, {"date": "2020-01-01"}),
            (
                "confirmed receipt customer",
                finance,
                confirmed,
                {"partner_id": self.customer2.id},
            ),
            ("confirmed receipt reference", finance, confirmed, {"reference": "X"}),
            (
                "confirmed receipt method",
                finance,
                confirmed,
                {"payment_method_id": self.method_cash.id},
            ),
            ("confirmed mark", finance, confirmed, {"was_confirmed": False}),
            ("allocated amount", finance, confirmed, {"allocated_amount": 0.0}),
            ("advance", finance, confirmed, {"unallocated_amount": 500.0}),
            ("receipt number", finance, confirmed, {"name": "HACK-1"}),
            ("receipt owner", finance, confirmed, {"user_id": self.rep2.id}),
            (
                "receipt department",
                finance,
                confirmed,
                {"department_id": self.dept_b.id},
            ),
            ("cancel reason", finance, confirmed, {"cancel_reason": "x"}),
            ("cancel date", finance, confirmed, {"date_cancelled": "2024-01-01"}),
            ("cancelled receipt to draft", everyone, cancelled, {"state": "draft"}),
            ("cancelled receipt revived", finance, cancelled, {"state": "confirmed"}),
            ("cancelled receipt amount", finance, cancelled, {"amount": 1.0}),
            (
                "cancellation date cleared",
                finance,
                cancelled,
                {"date_cancelled": False},
            ),
            ("draft receipt confirmed", finance, draft, {"state": "confirmed"}),
            ("draft receipt confirmed mark", finance, draft, {"was_confirmed": True}),
            ("draft receipt number", finance, draft, {"name": "HACK-2"}),
            ("draft receipt owner", finance, draft, {"user_id": self.rep2.id}),
        ]
        count = self._run_write_rows(rows)
        self.assertGreater(count, 200)
        self.assertEqual(self.inst1.paid_amount, 30.0)

    def test_allocation_protected_fields(self):
        finance = (self.cashier, self.clerk, self.fin_admin)
        applied = self.allocation_applied
        rows = [
            ("applied allocation amount", finance, applied, {"amount": 1.0}),
            ("applied allocation taken back", finance, applied, {"applied": False}),
            (
                "applied allocation moved",
                finance,
                applied,
                {"installment_id": self.inst2.id},
            ),
            (
                "applied allocation to another receipt",
                finance,
                applied,
                {"receipt_id": self.receipt_draft.id},
            ),
            (
                "draft allocation applied",
                finance,
                self.allocation_draft,
                {"applied": True},
            ),
            (
                "allocation contract owner (receipt visibility)",
                finance,
                self.allocation_draft,
                {"contract_user_id": self.rep2.id},
            ),
            ("allocation status copy", finance, applied, {"state": "draft"}),
            (
                "allocation contract copy",
                finance,
                applied,
                {"contract_id": self.contract_out.id},
            ),
            (
                "payment allocation amount",
                finance,
                self.payment.allocation_ids,
                {"amount": 1.0},
            ),
            (
                "payment allocation taken back",
                finance,
                self.payment.allocation_ids,
                {"applied": False},
            ),
            (
                "installment paid through its receipts",
                (self.rep, self.cashier, self.clerk),
                self.inst2,
                {
                    "crm_receipt_allocation_ids": [
                        (1, self.allocation_draft.id, {"amount": 50.0})
                    ]
                },
            ),
        ]
        self._run_write_rows(rows)
        self.assertEqual(self.inst1.paid_amount, 30.0)
        self.assertEqual(self.inst2.paid_amount, 0.0)
        self.assertEqual(self.bill.paid_amount, 40.0)

    def test_supplier_protected_fields(self):
        finance = (self.cashier, self.clerk, self.fin_admin)
        bill = self.bill
        line = bill.line_ids
        rows = [
            ("bill paid amount", finance, bill, {"paid_amount": 100.0}),
            ("bill paid amount cleared", finance, bill, {"paid_amount": 0.0}),
            ("confirmed bill to draft", finance, bill, {"state": "draft"}),
            ("bill total", finance, bill, {"amount_total": 1.0}),
            ("bill residual", finance, bill, {"residual_amount": 0.0}),
            ("bill payment status", finance, bill, {"payment_state": "paid"}),
            ("confirmed bill date", finance, bill, {"date": "2020-01-01"}),
            ("confirmed bill owner", finance, bill, {"user_id": self.clerk.id}),
            ("bill confirmed mark", finance, bill, {"was_confirmed": False}),
            ("bill number", finance, bill, {"name": "HACK-3"}),
            (
                "confirmed bill lines",
                finance,
                bill,
                {"line_ids": [(1, line.id, {"price_unit": 1.0})]},
            ),
            ("confirmed bill line price", finance, line, {"price_unit": 1.0}),
            ("confirmed bill line quantity", finance, line, {"quantity": 5.0}),
            ("bill line subtotal", finance, line, {"price_subtotal": 1.0}),
            ("draft bill paid", finance, self.bill_draft, {"paid_amount": 10.0}),
            ("draft bill confirmed", finance, self.bill_draft, {"state": "confirmed"}),
            ("payment amount", finance, self.payment, {"amount": 1.0}),
            ("payment date", finance, self.payment, {"date": "2020-01-01"}),
            ("payment cancelled", finance, self.payment, {"state": "cancelled"}),
        ]
        self._run_write_rows(rows)
        self.assertEqual((bill.paid_amount, bill.amount_total), (40.0, 100.0))
        # a line added to a confirmed bill
        for user in finance:
            self.assertRefused(
                f"line added to a confirmed bill by {user.login}",
                user,
                "crm.supplier.bill.line",
                "create",
                [{"bill_id": bill.id, "product_id": self.product.id, "price_unit": 9}],
            )
        self.assertEqual(bill.amount_total, 100.0)

    def test_expense_protected_fields(self):
        people = (self.rep, self.mgr, self.clerk, self.fin_admin)
        draft = self.expense_draft
        submitted = self.expense_submitted
        approved = self.expense_approved
        stamp = "2024-01-01 00:00:00"
        rows = [
            ("own expense approved", people, draft, {"state": "approved"}),
            ("own expense paid", people, draft, {"state": "paid"}),
            ("approver chosen", people, draft, {"approver_id": self.rep2.id}),
            ("approved by", people, draft, {"approved_by_id": self.mgr.id}),
            ("approval stamp", people, draft, {"approval_date": stamp}),
            ("paid on", people, draft, {"date_paid": "2024-01-01"}),
            ("paid by", people, draft, {"paid_by_id": self.clerk.id}),
            ("reject reason", people, draft, {"reject_reason": "x"}),
            ("expense number", people, draft, {"name": "HACK-4"}),
            ("expense department", people, draft, {"department_id": self.dept_b.id}),
            ("submitted amount", people, submitted, {"amount": 1.0}),
            ("submitted approved", people, submitted, {"state": "approved"}),
            ("submitted approver", people, submitted, {"approver_id": self.rep.id}),
            ("approved paid", people, approved, {"state": "paid"}),
            ("approved paid on", people, approved, {"date_paid": "2024-01-01"}),
            ("approved amount", people, approved, {"amount": 1.0}),
            ("approved description", people, approved, {"description": "x"}),
        ]
        self._run_write_rows(rows)
        self.assertEqual(draft.state, "draft")
        self.assertEqual(approved.state, "approved")

    def test_contract_figures_protected(self):
        people = (self.rep, self.mgr, self.clerk)
        contract = self.contract
        rows = [
            ("contract profit", people, contract, {"crm_profit": 1e6}),
            ("contract expenses", people, contract, {"crm_expense_total": 0.0}),
            ("contract margin", people, contract, {"crm_profit_margin": 99.0}),
            (
                "foreign expense pulled in",
                people,
                contract,
                {"crm_expense_ids": [(4, self.expense_out.id)]},
            ),
        ]
        self._run_write_rows(rows)
        self.assertEqual(contract.crm_expense_total, 12.0)

    def test_protected_fields_on_create(self):
        receipt = {
            "partner_id": self.customer.id,
            "amount": 5.0,
            "payment_method_id": self.method_bank.id,
        }
        expense = {
            "description": "Dinner",
            "category_id": self.category_meals.id,
            "amount": 5.0,
            "payee_type": "other",
            "payee_name": "Restaurant",
        }
        bill = {"partner_id": self.supplier.id}
        finance = (self.cashier, self.clerk)
        rows = [
            ("receipt created confirmed", finance, "crm.receipt", receipt, "state"),
            ("receipt created confirmed mark", finance, "crm.receipt", receipt, "was"),
            ("receipt created with a number", finance, "crm.receipt", receipt, "name"),
            ("bill created paid", finance, "crm.supplier.bill", bill, "paid"),
            ("bill created confirmed", finance, "crm.supplier.bill", bill, "state"),
            ("expense created approved", (self.rep,), "crm.expense", expense, "state"),
            ("expense created paid on", (self.rep,), "crm.expense", expense, "paid"),
            (
                "expense created with approver",
                (self.rep,),
                "crm.expense",
                expense,
                "approver",
            ),
            (
                "expense created approved by",
                (self.rep,),
                "crm.expense",
                expense,
                "approved_by",
            ),
        ]
        extra = {
            "state": {"state": "confirmed"},
            "was": {"was_confirmed": True},
            "name": {"name": "HACK-5"},
            "paid": {"paid_amount": 10.0, "date_paid": "2024-01-01"},
            "approver": {"approver_id": self.rep2.id},
            "approved_by": {"approved_by_id": self.mgr.id},
        }
        for label, users, model, vals, key in rows:
            values = dict(vals, **extra[key])
            if key == "paid" and model == "crm.supplier.bill":
                values.pop("date_paid")
            if key == "paid" and model == "crm.expense":
                values.pop("paid_amount")
            if key == "state" and model == "crm.expense":
                values["state"] = "approved"
            for user in users:
                for context in CONTEXTS:
                    self.assertRefused(
                        f"{label} by {user.login} with {context}",
                        user,
                        model,
                        "create",
                        [values],
                        context=context,
                    )
        for user in finance:
            self.assertRefused(
                f"allocation created applied by {user.login}",
                user,
                "crm.receipt.allocation",
                "create",
                [
                    {
                        "receipt_id": self.receipt_draft.id,
                        "installment_id": self.inst2.id,
                        "amount": 5.0,
                        "applied": True,
                    }
                ],
                context={"crm_voucher_update": True},
            )
        self.assertEqual(self.inst2.paid_amount, 0.0)

    def test_protected_defaults_from_the_context_are_ignored(self):
        """``default_<field>`` context keys never set a protected field."""
        receipt_id = self.rpc(
            self.cashier,
            "crm.receipt",
            "create",
            {
                "partner_id": self.customer.id,
                "amount": 5.0,
                "payment_method_id": self.method_bank.id,
            },
            context={
                "default_state": "confirmed",
                "default_was_confirmed": True,
                "default_name": "HACK-6",
                "default_department_id": self.dept_b.id,
            },
        )
        receipt = self.env["crm.receipt"].browse(receipt_id)
        self.assertEqual((receipt.state, receipt.was_confirmed), ("draft", False))
        self.assertNotEqual(receipt.name, "HACK-6")
        self.assertNotEqual(receipt.department_id, self.dept_b)
        bill_id = self.rpc(
            self.cashier,
            "crm.supplier.bill",
            "create",
            {"partner_id": self.supplier.id},
            context={"default_paid_amount": 10.0, "default_state": "confirmed"},
        )
        bill = self.env["crm.supplier.bill"].browse(bill_id)
        self.assertEqual((bill.state, bill.paid_amount), ("draft", 0.0))
        expense_id = self.rpc(
            self.rep,
            "crm.expense",
            "create",
            {
                "description": "Lunch",
                "category_id": self.category_meals.id,
                "amount": 5.0,
                "payee_type": "other",
                "payee_name": "Canteen",
            },
            context={
                "default_state": "paid",
                "default_approver_id": self.rep2.id,
                "default_approved_by_id": self.mgr.id,
                "default_paid_by_id": self.clerk.id,
            },
        )
        expense = self.env["crm.expense"].browse(expense_id)
        self.assertEqual(expense.state, "draft")
        self.assertFalse(expense.approver_id | expense.approved_by_id)
        self.assertFalse(expense.paid_by_id)
        allocation_id = self.rpc(
            self.cashier,
            "crm.receipt.allocation",
            "create",
            {
                "receipt_id": self.receipt_draft.id,
                "installment_id": self.inst2.id,
                "amount": 5.0,
            },
            context={"default_applied": True, "default_contract_user_id": self.rep2.id},
        )
        allocation = self.env["crm.receipt.allocation"].browse(allocation_id)
        self.assertFalse(allocation.applied)
        self.assertEqual(allocation.contract_user_id, self.rep)
        self.assertEqual(self.inst2.paid_amount, 0.0)

    def test_actions_refused_to_readers(self):
        # a salesperson reads the receipts of their customers: no button works
        for method in ("action_confirm", "action_auto_allocate", "action_cancel"):
            self.assertRefused(
                f"{method} by the customer's owner",
                self.rep,
                "crm.receipt",
                method,
                [self.receipt_draft.id],
            )
        # the owner approves nothing of their own, a colleague neither
        for user in (self.rep, self.rep2):
            self.assertRefused(
                f"approval by {user.login}",
                user,
                "crm.expense",
                "action_approve",
                [self.expense_submitted.id],
                context={"crm_expense_update": True},
            )
        # only finance pays, and only what it may edit
        for user in (self.rep, self.mgr, self.cashier):
            self.assertRefused(
                f"payment by {user.login}",
                user,
                "crm.expense",
                "action_pay",
                [self.expense_approved.id],
                context={"crm_expense_update": True},
            )
        self.assertEqual(self.receipt_draft.state, "draft")
        self.assertEqual(self.expense_submitted.state, "submitted")
        self.assertEqual(self.expense_approved.state, "approved")

    # ------------------------------------------------------------------
    # Links to what the user cannot read
    # ------------------------------------------------------------------
    def test_links_out_of_scope(self):
        profit = self.contract_out.crm_profit
        expense = {
            "description": "Gift",
            "category_id": self.category_meals.id,
            "amount": 500.0,
            "payee_type": "other",
            "payee_name": "Shop",
        }
        for user in (self.rep, self.mgr):
            for context in CONTEXTS:
                self.assertRefused(
                    f"expense on a foreign contract by {user.login}",
                    user,
                    "crm.expense",
                    "create",
                    [dict(expense, contract_id=self.contract_out.id)],
                    context=context,
                )
                self.assertRefused(
                    f"expense on a foreign customer by {user.login}",
                    user,
                    "crm.expense",
                    "create",
                    [dict(expense, partner_id=self.customer_out.id)],
                    context=context,
                )
        for vals in (
            {"contract_id": self.contract_out.id},
            {"partner_id": self.customer_out.id},
        ):
            self.assertRefused(
                f"draft expense moved to {vals}",
                self.rep,
                "crm.expense",
                "write",
                [self.expense_draft.id],
                vals,
            )
        self.assertFalse(self.expense_draft.contract_id)
        self.assertFalse(self.expense_draft.partner_id)
        self.assertFalse(self.contract_out.sudo().crm_expense_ids)
        self.assertEqual(self.contract_out.crm_profit, profit)
        # a receipt of a customer of another company
        self.assertRefused(
            "receipt of a customer the cashier cannot read",
            self.cashier,
            "crm.receipt",
            "create",
            [
                {
                    "partner_id": self.customer_c2.id,
                    "amount": 5.0,
                    "payment_method_id": self.method_bank.id,
                }
            ],
            context={"crm_voucher_update": True},
        )
        # an allocation to an installment of another customer, and to the
        # receipt of someone the cashier cannot edit
        self.assertRefused(
            "allocation to a foreign installment",
            self.cashier,
            "crm.receipt.allocation",
            "create",
            [
                {
                    "receipt_id": self.receipt_draft.id,
                    "installment_id": self.contract_out.installment_ids[:1].id,
                    "amount": 5.0,
                }
            ],
        )
        # recorded by someone else: a Finance Own cashier reads and edits
        # only the vouchers they recorded
        other_receipt = self._receipt(amount=5.0)
        self.assertRefused(
            "allocation on a receipt the cashier cannot edit",
            self.cashier,
            "crm.receipt.allocation",
            "create",
            [
                {
                    "receipt_id": other_receipt.id,
                    "installment_id": self.inst2.id,
                    "amount": 5.0,
                }
            ],
        )
        self.assertFalse(other_receipt.allocation_ids)

    def test_partner_links_need_read_access(self):
        """The supplier of a bill or a payment, an expense's payee and a
        statement's partner are links to partners the user must read: a
        partner out of the user's reach (another company's customer for the
        cashier, a customer outside the salesperson's scope) is refused over
        XML-RPC whatever the context says, and nothing is written."""
        counts = {
            model: self.env[model].search_count([])
            for model in (
                "crm.supplier.bill",
                "crm.supplier.payment",
                "crm.expense",
                "crm.partner.statement",
            )
        }
        rows = [
            (
                "bill of an unreadable partner",
                self.cashier,
                "crm.supplier.bill",
                {"partner_id": self.customer_c2.id},
            ),
            (
                "payment to an unreadable partner",
                self.cashier,
                "crm.supplier.payment",
                {
                    "partner_id": self.customer_c2.id,
                    "amount": 5.0,
                    "payment_method_id": self.method_bank.id,
                },
            ),
            (
                "expense paid to an unreadable partner",
                self.rep,
                "crm.expense",
                {
                    "description": "Gift",
                    "category_id": self.category_meals.id,
                    "amount": 5.0,
                    "payee_type": "supplier",
                    "payee_partner_id": self.customer_out.id,
                },
            ),
            (
                "statement of an unreadable partner",
                self.cashier,
                "crm.partner.statement",
                {"partner_id": self.customer_c2.id, "kind": "customer"},
            ),
        ]
        for label, user, model, vals in rows:
            for context in CONTEXTS:
                with (
                    self.assertRaises(Fault, msg=label) as caught,
                    mute_logger("odoo.http"),
                ):
                    self.rpc(user, model, "create", [vals], context=context)
                # another company's partner: Odoo's company check may answer
                # first (a UserError); a partner of the same company out of
                # scope: the link check (an AccessError)
                codes = (4,) if user == self.rep else REFUSAL_CODES
                self.assertIn(
                    caught.exception.faultCode, codes, f"{label}: {caught.exception}"
                )
        for model, count in counts.items():
            self.assertEqual(self.env[model].search_count([]), count, model)
        # a draft expense's payee moved to that partner
        self.assertRefused(
            "draft expense's payee moved to an unreadable partner",
            self.rep,
            "crm.expense",
            "write",
            [self.expense_draft.id],
            {"payee_type": "supplier", "payee_partner_id": self.customer_out.id},
        )
        self.assertNotEqual(self.expense_draft.payee_partner_id, self.customer_out)
        # the same with the company's own supplier is allowed
        self.rpc(
            self.rep,
            "crm.expense",
            "write",
            [self.expense_draft.id],
            {"payee_type": "supplier", "payee_partner_id": self.supplier.id},
        )
        self.assertEqual(self.expense_draft.payee_partner_id, self.supplier)
        statement_id = self.rpc(
            self.cashier,
            "crm.partner.statement",
            "create",
            [{"partner_id": self.supplier.id, "kind": "supplier"}],
        )
        self.assertTrue(statement_id)

    def test_allocation_link_needs_the_contract(self):
        """An allocation's installment (and its contract) must be readable by
        who writes it, checked after the values are applied."""
        allocation = self.allocation_draft
        self.assertTrue(allocation.installment_id.contract_id)  # values in cache
        for user in (self.rep2, self.outsider):
            with self.assertRaises(AccessError):
                allocation.with_user(user)._crm_check_links({"installment_id"})
        # readable: the owner's own contract, and every contract for finance
        for user in (self.rep, self.cashier):
            allocation.with_user(user)._crm_check_links({"installment_id"})

    # ------------------------------------------------------------------
    # Figures computed over what the user may read
    # ------------------------------------------------------------------
    def test_payable_total_only_for_who_reads_the_bills(self):
        for user in (self.rep, self.mgr):
            for name in ("crm_payable_total", "crm_prepaid_amount"):
                self.assertRefused(
                    f"{name} read by {user.login}",
                    user,
                    "res.partner",
                    "read",
                    [self.supplier.id],
                    [name],
                )
        # the cashier (Finance Own) sums the bills they recorded: 100 - 40
        [row] = self.rpc(
            self.cashier,
            "res.partner",
            "read",
            [self.supplier.id],
            ["crm_payable_total"],
        )
        self.assertEqual(row["crm_payable_total"], 60.0)
        # the clerk (Finance All) every bill: 60 + 70
        [row] = self.rpc(
            self.clerk, "res.partner", "read", [self.supplier.id], ["crm_payable_total"]
        )
        self.assertEqual(row["crm_payable_total"], 130.0)

    def test_customer_figures_only_for_money_readers(self):
        """Receivable and advance are summed company-wide: a suite user with
        no sales or finance role (e.g. service) reads none of them."""
        nobody = new_test_user(
            self.env,
            login="fin_nomoney",
            groups="crm_masterdata.crm_masterdata_group_user",
            password="fin_nomoney",
        )
        for name in (
            "crm_receivable_total",
            "crm_receivable_overdue",
            "crm_advance_amount",
        ):
            self.assertRefused(
                f"{name} read without a money role",
                nobody,
                "res.partner",
                "read",
                [self.customer.id],
                [name],
            )
        [row] = self.rpc(
            self.rep,
            "res.partner",
            "read",
            [self.customer.id],
            ["crm_receivable_total"],
        )
        self.assertEqual(row["crm_receivable_total"], 70.0)

    def _statement_strings(self, user):
        wizard_id = self.rpc(
            user,
            "crm.partner.statement",
            "create",
            {
                "partner_id": self.supplier.id,
                "kind": "supplier",
                "date_from": "2000-01-01",
                "date_to": fields.Date.to_string(date.today()),
            },
        )
        action = self.rpc(
            user, "crm.partner.statement", "action_export_xlsx", [wizard_id]
        )
        attachment_id = int(re.search(r"/web/content/(\d+)", action["url"]).group(1))
        [row] = self.rpc(user, "ir.attachment", "read", [attachment_id], ["datas"])
        content = base64.b64decode(row["datas"])
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return book.read("xl/sharedStrings.xml").decode()

    def test_statement_for_finance_own(self):
        strings = self._statement_strings(self.cashier)
        self.assertIn(self.bill.name, strings)
        self.assertIn(self.payment.name, strings)
        self.assertNotIn(self.bill_clerk.name, strings)
        strings = self._statement_strings(self.clerk)
        self.assertIn(self.bill.name, strings)
        self.assertIn(self.bill_clerk.name, strings)
        # salespeople have no statement at all
        self.assertRefused(
            "statement by a salesperson",
            self.rep,
            "crm.partner.statement",
            "create",
            {"partner_id": self.customer.id, "kind": "customer"},
        )

    def test_statement_data_for_scripts(self):
        """crm_statement() reads with the caller's rights: a Finance "Own"
        user gets the documents of their level only; a salesperson gets
        nothing, whatever the context."""
        today = fields.Date.to_string(date.today())
        data = self.rpc(
            self.cashier,
            "crm.partner.statement",
            "crm_statement",
            self.supplier.id,
            "supplier",
            "2000-01-01",
            today,
        )
        numbers = {line["number"] for line in data["lines"]}
        self.assertIn(self.bill.name, numbers)
        self.assertNotIn(self.bill_clerk.name, numbers)
        data = self.rpc(
            self.clerk,
            "crm.partner.statement",
            "crm_statement",
            self.supplier.id,
            "supplier",
            "2000-01-01",
            today,
        )
        self.assertIn(self.bill_clerk.name, {line["number"] for line in data["lines"]})
        for context in CONTEXTS:
            self.assertRefused(
                f"statement data for a salesperson with {context}",
                self.rep,
                "crm.partner.statement",
                "crm_statement",
                self.customer.id,
                "customer",
                context=context,
            )

    def test_statements_of_others_and_forged_approvals(self):
        """A statement record is its creator's: another finance user neither
        reads it, sends it nor reads its figures. An expense approval dialog
        forged by who may not approve is refused."""
        statement_id = self.rpc(
            self.clerk,
            "crm.partner.statement",
            "create",
            {"partner_id": self.supplier.id, "kind": "supplier"},
        )
        for method in ("read", "action_send_email", "crm_statement_data"):
            args = (["statement_html"],) if method == "read" else ()
            self.assertRefused(
                f"{method} of another's statement",
                self.cashier,
                "crm.partner.statement",
                method,
                [statement_id],
                *args,
            )
        action = self.rpc(
            self.clerk, "crm.partner.statement", "action_send_email", [statement_id]
        )
        self.assertEqual(action["res_model"], "mail.compose.message")
        vals = {"expense_id": self.expense_submitted.id, "comment": "forged"}
        for user in (self.rep, self.rep2, self.cashier):
            for decision in ("approve", "reject"):
                label = f"forged {decision} by {user.login}"
                try:
                    with mute_logger("odoo.http"):
                        wizard_id = self.rpc(
                            user,
                            "crm.expense.approve",
                            "create",
                            dict(vals, decision=decision),
                        )
                except Fault as fault:  # not even the dialog
                    self.assertIn(fault.faultCode, REFUSAL_CODES, label)
                    continue
                self.assertRefused(
                    label, user, "crm.expense.approve", "action_apply", [wizard_id]
                )
        self.assertEqual(self.expense_submitted.state, "submitted")

    def test_ageing_date_grants_nothing(self):
        """crm_ageing_date only moves the date the ages are counted from."""
        rows = self.rpc(
            self.rep,
            "crm.receivable.report",
            "search_read",
            [],
            ["contract_id"],
            context={"crm_ageing_date": "2030-01-01"},
        )
        contracts = {row["contract_id"][0] for row in rows}
        self.assertIn(self.contract.id, contracts)
        self.assertNotIn(self.contract_out.id, contracts)

    # ------------------------------------------------------------------
    # The legitimate flows still work over XML-RPC
    # ------------------------------------------------------------------
    def test_legitimate_receipt_flow(self):
        cashier = self.cashier
        self.customer.crm_last_followup_date = False
        receipt_id = self.rpc(
            cashier,
            "crm.receipt",
            "create",
            {
                "partner_id": self.customer.id,
                "amount": 15.0,
                "date": "2024-03-02",
                "payment_method_id": self.method_bank.id,
            },
        )
        # a draft's amount and date are editable
        self.rpc(
            cashier,
            "crm.receipt",
            "write",
            [receipt_id],
            {"amount": 20.0, "date": "2024-03-03"},
        )
        self.rpc(cashier, "crm.receipt", "action_auto_allocate", [receipt_id])
        self.rpc(cashier, "crm.receipt", "action_confirm", [receipt_id])
        receipt = self.env["crm.receipt"].browse(receipt_id)
        self.assertEqual(receipt.state, "confirmed")
        self.assertEqual((receipt.amount, str(receipt.date)), (20.0, "2024-03-03"))
        self.assertEqual(self.inst1.paid_amount, 50.0)
        # money received counts as a follow-up of the customer
        self.assertEqual(self.customer.crm_last_followup_date, date(2024, 3, 3))
        wizard_id = self.rpc(
            cashier,
            "crm.voucher.cancel",
            "create",
            {"res_model": "crm.receipt", "res_id": receipt_id, "reason": "Bounced"},
        )
        self.rpc(cashier, "crm.voucher.cancel", "action_cancel", [wizard_id])
        receipt.invalidate_recordset()
        self.assertEqual(receipt.state, "cancelled")
        self.assertEqual(self.inst1.paid_amount, 30.0)

    def test_legitimate_expense_flow(self):
        profit = self.contract.crm_profit
        expense_id = self.rpc(
            self.rep,
            "crm.expense",
            "create",
            {
                "description": "Hotel",
                "category_id": self.category_travel.id,
                "amount": 15.0,
                "payee_type": "other",
                "payee_name": "Hotel",
                "contract_id": self.contract.id,
            },
        )
        self.rpc(self.rep, "crm.expense", "write", [expense_id], {"amount": 20.0})
        self.rpc(self.rep, "crm.expense", "action_submit", [expense_id])
        action = self.rpc(self.mgr, "crm.expense", "action_approve", [expense_id])
        self.assertEqual(action["res_model"], "crm.expense.approve")
        wizard_id = self.rpc(
            self.mgr,
            "crm.expense.approve",
            "create",
            {"expense_id": expense_id, "comment": "OK"},
        )
        self.rpc(self.mgr, "crm.expense.approve", "action_apply", [wizard_id])
        self.rpc(
            self.clerk,
            "crm.expense",
            "write",
            [expense_id],
            {"payment_method_id": self.method_cash.id},
        )
        self.rpc(self.clerk, "crm.expense", "action_pay", [expense_id])
        expense = self.env["crm.expense"].browse(expense_id)
        self.assertEqual(
            (expense.state, expense.approved_by_id, expense.paid_by_id),
            ("paid", self.mgr, self.clerk),
        )
        self.assertEqual(expense.partner_id, self.customer)
        self.contract.invalidate_recordset()
        self.assertEqual(self.contract.crm_profit, profit - 20.0)

    def test_legitimate_supplier_flow(self):
        cashier = self.cashier
        bill_id = self.rpc(
            cashier,
            "crm.supplier.bill",
            "create",
            {
                "partner_id": self.supplier.id,
                "line_ids": [
                    (0, 0, {"product_id": self.product.id, "price_unit": 30.0})
                ],
            },
        )
        self.rpc(cashier, "crm.supplier.bill", "action_confirm", [bill_id])
        payment_id = self.rpc(
            cashier,
            "crm.supplier.payment",
            "create",
            {
                "partner_id": self.supplier.id,
                "amount": 30.0,
                "payment_method_id": self.method_bank.id,
                "allocation_ids": [(0, 0, {"bill_id": bill_id, "amount": 30.0})],
            },
        )
        self.rpc(cashier, "crm.supplier.payment", "action_confirm", [payment_id])
        bill = self.env["crm.supplier.bill"].browse(bill_id)
        self.assertEqual((bill.paid_amount, bill.payment_state), (30.0, "paid"))
