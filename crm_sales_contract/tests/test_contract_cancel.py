from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ContractCommon


@tagged("post_install", "-at_install")
class TestContractCancel(ContractCommon):
    def test_draft_can_be_deleted(self):
        contract = self._contract()
        contract.unlink()
        self.assertFalse(contract.exists())

    def test_confirmed_never_deleted(self):
        contract = self._confirmed()
        with self.assertRaisesRegex(UserError, "never deleted"):
            contract.unlink()
        contract._crm_cancel("Customer went bankrupt")
        with self.assertRaisesRegex(UserError, "never deleted"):
            contract.unlink()
        with self.assertRaises(UserError):
            contract.action_draft()
        self.assertTrue(contract.exists())

    def test_cancel_needs_reason_and_keeps_everything(self):
        contract = self._confirmed(lines=((1.0, 300.0),), count=3)
        paid, partial, open_ = contract.installment_ids.sorted("sequence")
        paid._crm_apply_payment(100.0)
        partial._crm_apply_payment(40.0)
        # a reminder activity on the open installment
        self.env["crm.reminder"]._crm_send(
            [
                {
                    "record": open_,
                    "key": "due_soon",
                    "user": self.rep,
                    "summary": "collect",
                }
            ]
        )
        self.assertEqual(len(open_.activity_ids), 1)
        wizard = self.env["crm.contract.cancel"].create(
            {"contract_id": contract.id, "reason": "   "}
        )
        with self.assertRaises(UserError):
            wizard.action_cancel()
        self.assertEqual(contract.state, "confirmed")
        wizard.reason = "Project stopped"
        wizard.action_cancel()
        self.assertEqual(contract.state, "cancelled")
        self.assertEqual(contract.cancel_reason, "Project stopped")
        self.assertEqual(paid.state, "paid")
        self.assertEqual(partial.state, "cancelled")
        self.assertEqual(partial.paid_amount, 40.0, "payments are kept")
        self.assertEqual(open_.state, "cancelled")
        self.assertFalse(open_.activity_ids, "reminders dropped")
        self.assertEqual(len(contract.line_ids), 1)
        self.assertEqual(len(contract.installment_ids), 3)
        self.assertTrue(
            any("Project stopped" in b for b in contract.message_ids.mapped("body"))
        )
        # cancelled installments take no payment and the reminder cron skips them
        with self.assertRaises(UserError):
            open_._crm_apply_payment(10.0)

    def test_draft_cancelled_can_be_reset_and_deleted(self):
        contract = self._contract()
        contract._crm_cancel("duplicate")
        contract.action_draft()
        self.assertEqual(contract.state, "draft")
        contract._crm_cancel("duplicate")
        contract.unlink()
        self.assertFalse(contract.exists())

    def test_finance_api(self):
        contract = self._confirmed(lines=((1.0, 100.0),), count=2)
        first = contract.installment_ids.sorted("sequence")[0]
        with self.assertRaisesRegex(ValidationError, "more than"):
            first._crm_apply_payment(50.01)
        with self.assertRaises(ValidationError):
            first._crm_apply_payment(-1.0)
        first._crm_apply_payment(20.0)
        self.assertEqual(first.state, "partial")
        self.assertEqual(first.residual_amount, 30.0)
        with self.assertRaises(ValidationError):
            first._crm_revert_payment(20.01)
        first._crm_apply_payment(30.0)
        self.assertEqual(first.state, "paid")
        self.assertEqual(contract.amount_received, 50.0)
        self.assertEqual(contract.amount_outstanding, 50.0)
        self.assertEqual(contract.received_percent, 50.0)
        first._crm_revert_payment(50.0)
        self.assertEqual(first.state, "open")
        # the received amount is written by the API only, whatever the context
        with self.assertRaises(UserError):
            first.with_user(self.rep).write({"paid_amount": 10.0})
        with self.assertRaises(UserError):
            first.with_user(self.rep).with_context(crm_payment_update=True).write(
                {"paid_amount": 10.0}
            )
        with self.assertRaises(UserError):
            first.with_user(self.sales_admin).write({"paid_amount": 10.0})
        self.assertEqual(first.paid_amount, 0.0)
        # a draft contract takes no payment
        draft = self._contract()
        draft._crm_generate_installments(count=1)
        with self.assertRaises(UserError):
            draft.installment_ids._crm_apply_payment(1.0)

    def test_paid_installment_not_deleted(self):
        contract = self._confirmed(lines=((1.0, 100.0),), count=2)
        first = contract.installment_ids.sorted("sequence")[0]
        first._crm_apply_payment(10.0)
        with self.assertRaises(UserError):
            first.unlink()

    def test_next_due_and_overdue_on_contract(self):
        contract = self._confirmed(
            lines=((1.0, 100.0),),
            count=2,
            date_signed=self.signed - timedelta(days=100),
        )
        first, second = contract.installment_ids.sorted("sequence")
        self.assertEqual(contract.next_due_date, first.due_date)
        self.assertEqual(second.due_date, first.due_date + timedelta(days=30))
        self.assertTrue(contract.has_overdue, "both due dates are past")
        self.assertEqual(first.state, "overdue")
        first._crm_apply_payment(50.0)
        self.assertEqual(first.state, "paid")
        self.assertEqual(contract.next_due_date, second.due_date)
        second._crm_apply_payment(50.0)
        self.assertFalse(contract.has_overdue)
        self.assertFalse(contract.next_due_date)
