from odoo import fields
from odoo.tests import tagged

from .common import FinanceCommon


@tagged("post_install", "-at_install")
class TestReceiptFlow(FinanceCommon):
    def test_auto_allocation_oldest_first_and_advance(self):
        contract = self._contract(prices=(300.0,), count=3)
        first, second, third = contract.installment_ids.sorted("due_date")
        self.assertEqual([first.amount, second.amount, third.amount], [100.0] * 3)
        receipt = self._receipt(amount=250.0)
        receipt.action_auto_allocate()
        self.assertEqual(
            [(a.installment_id, a.amount) for a in receipt.allocation_ids],
            [(first, 100.0), (second, 100.0), (third, 50.0)],
        )
        # a draft only plans: nothing is recorded on the installments yet
        self.assertEqual(first.paid_amount, 0.0)
        receipt.action_confirm()
        self.assertEqual(receipt.state, "confirmed")
        self.assertEqual((first.paid_amount, first.state), (100.0, "paid"))
        self.assertEqual(second.state, "paid")
        self.assertEqual((third.paid_amount, third.residual_amount), (50.0, 50.0))
        self.assertEqual(receipt.allocated_amount, 250.0)
        self.assertEqual(receipt.unallocated_amount, 0.0)
        self.assertEqual(contract.amount_received, 250.0)

    def test_advance_allocated_later_to_new_installments(self):
        contract = self._contract(prices=(100.0,))
        receipt = self._receipt(amount=160.0)
        receipt.action_auto_allocate()
        receipt.action_confirm()
        self.assertEqual(receipt.unallocated_amount, 60.0)
        self.assertEqual(self.customer.crm_advance_amount, 60.0)
        self.assertEqual(contract.installment_ids.state, "paid")
        # nothing open any more: the advance waits
        with self.assertRaisesRegex(Exception, "nothing open"):
            receipt.action_auto_allocate()
        # a new contract: the advance pays part of it
        contract2 = self._contract(
            prices=(80.0,), signed=fields.Date.add(fields.Date.today(), days=5)
        )
        receipt.action_auto_allocate()
        installment = contract2.installment_ids
        self.assertEqual(installment.paid_amount, 60.0)
        self.assertEqual(installment.state, "partial")
        self.assertEqual(receipt.unallocated_amount, 0.0)
        self.customer.invalidate_recordset()  # figures computed on each read
        self.assertEqual(self.customer.crm_advance_amount, 0.0)
        self.assertEqual(self.customer.crm_receivable_total, 20.0)

    def test_manual_allocation_and_cancel_restores_exactly(self):
        contract = self._contract(prices=(100.0, 33.33), count=2)
        first, second = contract.installment_ids.sorted("due_date")
        # 133.33 in two: one installment gets the extra cent
        self.assertEqual(sorted([first.amount, second.amount]), [66.66, 66.67])
        receipt = self._receipt(amount=100.0)
        self._allocate(receipt, second, second.amount)
        self._allocate(receipt, first, 0.01)
        receipt.action_confirm()
        self.assertEqual(second.paid_amount, second.amount)
        self.assertEqual(first.paid_amount, 0.01)
        self.assertEqual(
            receipt.unallocated_amount, self.currency.round(99.99 - second.amount)
        )
        other = self._receipt(amount=66.66)
        self._allocate(other, first, self.currency.round(first.amount - 0.01))
        other.action_confirm()
        self.assertEqual(first.paid_amount, first.amount)
        self.env["crm.voucher.cancel"].create(
            {"res_model": "crm.receipt", "res_id": receipt.id, "reason": "typo"}
        ).action_cancel()
        self.assertEqual(receipt.state, "cancelled")
        self.assertEqual(receipt.cancel_reason, "typo")
        self.assertTrue(receipt.date_cancelled)
        self.assertEqual(first.paid_amount, self.currency.round(first.amount - 0.01))
        self.assertEqual(second.paid_amount, 0.0)
        self.assertEqual(second.residual_amount, second.amount)
        self.assertIn(second.state, ("open", "overdue"))
        self.assertEqual(receipt.unallocated_amount, 0.0)
        self.assertFalse(any(receipt.allocation_ids.mapped("applied")))

    def test_paid_installment_drops_its_reminders(self):
        contract = self._contract(prices=(100.0,))
        installment = contract.installment_ids
        activity = self.env["crm.reminder"]._crm_send(
            [
                {
                    "record": installment,
                    "key": "overdue",
                    "user": self.rep,
                    "summary": "collect",
                }
            ]
        )
        self.assertTrue(activity.exists())
        receipt = self._receipt(amount=100.0)
        receipt.action_auto_allocate()
        receipt.action_confirm()
        self.assertEqual(installment.state, "paid")
        self.assertFalse(activity.exists())

    def test_owner_is_the_customers_owner(self):
        receipt = self._receipt(partner=self.customer2).with_user(self.clerk)
        self.assertEqual(receipt.user_id, self.rep2)
        receipt = (
            self.env["crm.receipt"]
            .with_user(self.clerk)
            .create(
                {
                    "partner_id": self.customer.id,
                    "amount": 5.0,
                    "payment_method_id": self.method_cash.id,
                    "user_id": self.clerk.id,
                }
            )
        )
        self.assertEqual(receipt.user_id, self.rep)
        self.assertEqual(receipt.department_id, self.dept_a)
        self.assertTrue(receipt.name.startswith("SK"))

    def test_credit_control_counts_the_advance(self):
        self._contract(prices=(100.0,))
        self.assertEqual(self.customer._crm_open_receivable(), 100.0)
        receipt = self._receipt(amount=30.0)
        receipt.action_confirm()  # not allocated: all advance
        self.assertEqual(self.customer.crm_receivable_total, 100.0)
        self.assertEqual(self.customer.crm_advance_amount, 30.0)
        self.assertEqual(self.customer._crm_open_receivable(), 70.0)
