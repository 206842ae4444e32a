from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users
from odoo.tools import mute_logger

from .common import FinanceCommon

ACTIVITY = "crm_finance_light.mail_activity_type_expense_approval"


@tagged("post_install", "-at_install")
class TestExpense(FinanceCommon):
    def _expense(self, user=None, amount=120.0, **vals):
        values = {
            "description": "Taxi to the customer",
            "category_id": self.category_travel.id,
            "amount": amount,
            "payee_type": "other",
            "payee_name": "Taxi company",
        }
        values.update(vals)
        return self.env["crm.expense"].with_user(user or self.rep).create(values)

    def test_flow_submit_approve_pay(self):
        expense = self._expense()
        self.assertEqual((expense.user_id, expense.state), (self.rep, "draft"))
        self.assertTrue(expense.name.startswith("FY"))
        expense.action_submit()
        self.assertEqual(expense.state, "submitted")
        self.assertEqual(expense.approver_id, self.mgr)
        activity = expense.sudo().activity_ids
        self.assertEqual(activity.user_id, self.mgr)
        self.assertEqual(activity.activity_type_id, self.env.ref(ACTIVITY))
        # the owner cannot approve their own expense, a colleague neither
        with self.assertRaises(AccessError):
            expense.action_approve()
        with self.assertRaises(AccessError):
            expense.with_user(self.rep2).action_approve()
        # the approver sees it in "to approve" and approves it
        to_approve = (
            self.env["crm.expense"]
            .with_user(self.mgr)
            .search([("state", "=", "submitted"), ("approver_id", "=", self.mgr.id)])
        )
        self.assertIn(expense, to_approve)
        expense.with_user(self.mgr).action_approve()
        self.assertEqual(expense.state, "approved")
        self.assertEqual(expense.approved_by_id, self.mgr)
        self.assertFalse(expense.sudo().activity_ids)
        # only finance pays, with a payment method
        with self.assertRaises(AccessError):
            expense.with_user(self.mgr).action_pay()
        with self.assertRaisesRegex(UserError, "payment method"):
            expense.with_user(self.clerk).action_pay()
        expense.with_user(self.clerk).payment_method_id = self.method_cash
        expense.with_user(self.clerk).action_pay()
        self.assertEqual((expense.state, expense.paid_by_id), ("paid", self.clerk))
        self.assertTrue(expense.date_paid)
        with self.assertRaises(UserError):
            expense.amount = 10.0
        with self.assertRaises(UserError):
            expense.unlink()

    def test_reject_with_a_comment_and_resubmit(self):
        expense = self._expense(user=self.rep2)
        expense.action_submit()
        wizard_action = expense.with_user(self.mgr).action_reject()
        self.assertEqual(wizard_action["res_model"], "crm.expense.reject")
        wizard = (
            self.env["crm.expense.reject"]
            .with_user(self.mgr)
            .create({"expense_id": expense.id, "comment": "No invoice"})
        )
        wizard.action_reject()
        self.assertEqual(expense.state, "rejected")
        self.assertEqual(expense.reject_reason, "No invoice")
        self.assertFalse(expense.sudo().activity_ids)
        with self.assertRaisesRegex(UserError, "why"):
            expense._crm_reject("")
        expense.with_user(self.rep2).amount = 100.0
        expense.with_user(self.rep2).action_submit()
        self.assertEqual(expense.state, "submitted")

    def test_approver_falls_back_to_the_employee_manager(self):
        # the manager's own expense: their department is managed by themselves,
        # their manager in the tree approves
        boss = self.env["res.users"].create({"name": "Boss", "login": "fin_boss"})
        self.emp_mgr.parent_id = self.env["hr.employee"].create(
            {"name": "Boss", "user_id": boss.id}
        )
        expense = self._expense(user=self.mgr)
        expense.action_submit()
        self.assertEqual(expense.approver_id, boss)

    def test_bad_input(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self._expense(amount=0.0)
        with self.assertRaisesRegex(ValidationError, "supplier"):
            self._expense(payee_type="supplier", payee_name=False)
        with self.assertRaisesRegex(UserError, "buttons"):
            self._expense().write({"state": "paid"})

    def test_payees(self):
        expense = self._expense(
            payee_type="employee", payee_employee_id=self.employees["fin_rep"].id
        )
        self.assertEqual(expense.payee_display, "Rep")
        expense = self._expense(
            payee_type="supplier", payee_partner_id=self.supplier.id
        )
        self.assertEqual(expense.payee_display, "FIN Supplier")

    @users("fin_rep")
    def test_salesperson_sees_own_expenses_only(self):
        mine = self._expense(user=self.rep)
        other = self._expense(user=self.rep2)
        Expense = self.env["crm.expense"]
        self.assertEqual(Expense.search([("id", "in", (mine | other).ids)]), mine)
        with self.assertRaises(AccessError):
            other.with_env(self.env).read(["amount"])

    def test_manager_and_finance_see_their_scope(self):
        rep_expense = self._expense(user=self.rep)
        out_expense = self._expense(user=self.outsider)
        both = rep_expense | out_expense
        seen_by_mgr = (
            self.env["crm.expense"].with_user(self.mgr).search([("id", "in", both.ids)])
        )
        self.assertEqual(seen_by_mgr, rep_expense)
        seen_by_clerk = (
            self.env["crm.expense"]
            .with_user(self.clerk)
            .search([("id", "in", both.ids)])
        )
        self.assertEqual(seen_by_clerk, both)
        # the cashier (finance Own level) sees neither
        self.assertFalse(
            self.env["crm.expense"]
            .with_user(self.cashier)
            .search([("id", "in", both.ids)])
        )
