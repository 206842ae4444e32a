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
        self._approve(expense, self.mgr)
        self.assertEqual(expense.state, "approved")
        self.assertEqual(expense.approved_by_id, self.mgr)
        self.assertFalse(expense.sudo().activity_ids)
        # only finance pays, with a payment method
        with self.assertRaises(AccessError):
            expense.with_user(self.mgr).action_pay()
        with self.assertRaisesRegex(UserError, "payment method"):
            expense.with_user(self.clerk).action_pay()
        expense.with_user(self.clerk).payment_method_id = self.method_cash
        result = expense.with_user(self.clerk).action_pay()
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn(expense.name, result["params"]["message"])
        self.assertIn("paid", result["params"]["message"])
        self.assertEqual((expense.state, expense.paid_by_id), ("paid", self.clerk))
        self.assertTrue(expense.date_paid)
        with self.assertRaises(UserError):
            expense.amount = 10.0
        with self.assertRaises(UserError):
            expense.unlink()

    def _approve(self, expense, user, comment=False, decision="approve"):
        action = expense.with_user(user).action_approve()
        self.assertEqual(action["res_model"], "crm.expense.approve")
        self.assertEqual(action["context"]["default_decision"], "approve")
        wizard = (
            self.env["crm.expense.approve"]
            .with_user(user)
            .create(
                {"expense_id": expense.id, "decision": decision, "comment": comment}
            )
        )
        result = wizard.action_apply()
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(
            result["params"]["next"]["type"], "ir.actions.act_window_close"
        )
        return result

    def test_reject_with_a_comment_and_resubmit(self):
        expense = self._expense(user=self.rep2)
        expense.action_submit()
        wizard_action = expense.with_user(self.mgr).action_reject()
        self.assertEqual(wizard_action["res_model"], "crm.expense.approve")
        self.assertEqual(wizard_action["context"]["default_decision"], "reject")
        wizard = (
            self.env["crm.expense.approve"]
            .with_user(self.mgr)
            .create(
                {
                    "expense_id": expense.id,
                    "decision": "reject",
                    "comment": "No invoice",
                }
            )
        )
        result = wizard.action_apply()
        self.assertIn(expense.name, result["params"]["message"])
        self.assertIn("rejected", result["params"]["message"])
        self.assertEqual(expense.state, "rejected")
        self.assertEqual(expense.reject_reason, "No invoice")
        self.assertFalse(expense.sudo().activity_ids)
        self.assertIn("No invoice", expense.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "why"):
            expense._crm_reject("")
        # a rejection without a reason is refused, from the dialog too
        expense.with_user(self.rep2).amount = 100.0
        result = expense.with_user(self.rep2).action_submit()
        self.assertIn("submitted to Sales Manager", result["params"]["message"])
        self.assertEqual(expense.state, "submitted")
        with self.assertRaisesRegex(UserError, "why"):
            self.env["crm.expense.approve"].with_user(self.mgr).create(
                {"expense_id": expense.id, "decision": "reject"}
            ).action_apply()
        self.assertEqual(expense.state, "submitted")

    def test_approve_with_an_optional_comment(self):
        """The comment stays in the expense's chatter; without one the
        approval still goes through."""
        first = self._expense(user=self.rep2)
        second = self._expense(user=self.rep2)
        (first | second).action_submit()
        result = self._approve(first, self.mgr, comment="OK, keep the receipt")
        self.assertIn(first.name, result["params"]["message"])
        self.assertEqual(first.state, "approved")
        bodies = " ".join(first.message_ids.mapped("body"))
        self.assertIn("OK, keep the receipt", bodies)
        self._approve(second, self.mgr)
        self.assertEqual((second.state, second.approved_by_id), ("approved", self.mgr))
        self.assertIn("Approved", " ".join(second.message_ids.mapped("body")))

    def test_approve_buttons_only_for_who_may_approve(self):
        """crm_can_approve (which shows Approve/Reject) is true for the approver
        only, and the dialog cannot be opened by anyone else."""
        expense = self._expense(user=self.rep)
        self.assertFalse(expense.with_user(self.mgr).crm_can_approve)  # a draft
        expense.action_submit()
        self.assertTrue(expense.with_user(self.mgr).crm_can_approve)
        self.assertFalse(expense.with_user(self.rep).crm_can_approve)  # the owner
        with self.assertRaises(AccessError):
            expense.with_user(self.rep).action_approve()
        with self.assertRaises(AccessError):
            expense.with_user(self.rep).action_reject()
        with self.assertRaises(AccessError):
            self.env["crm.expense.approve"].with_user(self.rep).create(
                {"expense_id": expense.id, "comment": "mine"}
            ).action_apply()
        self.assertEqual(expense.state, "submitted")
        form = self.env["crm.expense"].get_view(view_type="form")["arch"]
        self.assertIn('name="action_approve"', form)
        self.assertRegex(
            form, r'name="action_approve"[^>]*invisible="not crm_can_approve"'
        )
        self.assertRegex(
            form, r'name="action_reject"[^>]*invisible="not crm_can_approve"'
        )

    def test_approval_texts_in_the_readers_language(self):
        """The approver's activity summary in the approver's language, the
        chatter note in the company's language, whoever acts."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "in", ("crm_finance_light", "mail"))]
        )._update_translations(["zh_CN"], overwrite=True)
        self.mgr.lang = "zh_CN"
        self.env.company.partner_id.lang = "zh_CN"
        expense = self._expense(user=self.rep)
        expense.with_context(lang="en_US").action_submit()
        summary = expense.sudo().activity_ids.summary
        self.assertIn(expense.name, summary)
        self.assertNotIn("Approve the expense", summary)
        self.assertIn("审批", summary)
        self._approve(expense.with_context(lang="en_US"), self.mgr, comment="好")
        note = expense.message_ids[0].body
        self.assertIn("好", note)
        self.assertNotIn("Approved", note)
        self.assertNotIn("Feedback", note)  # Odoo's own words, in Chinese too
        self.assertNotIn("done", note)

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

    # ------------------------------------------------------------------
    # 待我审批 (crm_sales_contract's Waiting for My Approval)
    # ------------------------------------------------------------------
    def _inbox(self, user):
        action = self.env.ref("crm_sales_contract.crm_approval_action_my")
        self.assertIn("crm_is_approval", action.domain)
        return (
            self.env["mail.activity"]
            .with_user(user)
            .search(
                [
                    ("user_id", "=", user.id),
                    ("crm_is_approval", "=", True),
                    ("res_model", "=", "crm.expense"),
                ]
            )
        )

    def test_expenses_waiting_for_my_approval(self):
        approved = self._expense(user=self.rep)
        rejected = self._expense(user=self.rep)
        (approved | rejected).action_submit()
        inbox = self._inbox(self.mgr)
        self.assertEqual(
            sorted(inbox.mapped("res_id")), sorted((approved | rejected).ids)
        )
        self.assertEqual(inbox[0].crm_model_name, "Expense")
        for user in (self.rep, self.rep2, self.clerk):
            self.assertFalse(self._inbox(user), user.login)
        # approve from the list: the expense's own dialog, then gone from it
        activity = inbox.filtered(lambda a: a.res_id == approved.id)
        action = activity.action_crm_approve()
        self.assertEqual(action["res_model"], "crm.expense.approve")
        wizard = (
            self.env["crm.expense.approve"]
            .with_user(self.mgr)
            .with_context(**action["context"])
            .create({"comment": "OK"})
        )
        self.assertEqual(wizard.expense_id, approved)
        result = wizard.action_apply()
        self.assertIn(approved.name, result["params"]["message"])
        self.assertEqual(approved.state, "approved")
        # reject from the list
        activity = self._inbox(self.mgr)
        self.assertEqual(activity.res_id, rejected.id)
        action = activity.action_crm_reject()
        self.assertEqual(action["context"]["default_decision"], "reject")
        self.env["crm.expense.approve"].with_user(self.mgr).with_context(
            **action["context"]
        ).create({"comment": "No invoice"}).action_apply()
        self.assertEqual(rejected.state, "rejected")
        self.assertFalse(self._inbox(self.mgr), "decided: gone from the list")

    def test_inbox_refuses_who_may_not_decide(self):
        expense = self._expense(user=self.rep)
        expense.action_submit()
        activity = self._inbox(self.mgr)
        # the owner cannot decide through the request either (it is not theirs
        # to read, and the expense refuses them anyway)
        with self.assertRaises(AccessError):
            activity.with_user(self.rep).action_crm_approve()
        with self.assertRaises(AccessError):
            expense.with_user(self.rep)._crm_approval_open("approve")
        with self.assertRaises(UserError):
            expense.with_user(self.mgr)._crm_approval_open("delete")
        self.assertEqual(expense.state, "submitted")
