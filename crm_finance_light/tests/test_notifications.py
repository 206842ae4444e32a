"""Every finance button says what happened: a short notification in the
user's language (Odoo's display_notification, then the view reloads or the
dialog closes)."""

from datetime import date

from odoo.tests import tagged

from .common import FinanceCommon


@tagged("post_install", "-at_install")
class TestFinanceNotifications(FinanceCommon):
    def assertNotified(self, result, *parts, close=False):
        self.assertEqual(result["type"], "ir.actions.client")
        self.assertEqual(result["tag"], "display_notification")
        message = result["params"]["message"]
        for part in parts:
            self.assertIn(part, message)
        follow = "ir.actions.act_window_close" if close else "ir.actions.client"
        self.assertEqual(result["params"]["next"]["type"], follow)
        return message

    def test_receipt_allocate_confirm_cancel(self):
        contract = self._contract(prices=(300.0,), count=3)
        receipt = self._receipt(amount=250.0).with_user(self.clerk)
        result = receipt.action_auto_allocate()
        # 100 + 100 + 50: 250 allocated to 3 installments
        self.assertNotified(result, receipt.name, "250.00", "3 installment")
        self.assertEqual(len(receipt.allocation_ids), 3)
        self.assertEqual(
            receipt.allocation_ids.installment_id, contract.installment_ids
        )
        self.assertNotified(receipt.action_confirm(), receipt.name, "confirmed")
        wizard = (
            self.env["crm.voucher.cancel"]
            .with_user(self.clerk)
            .create({"res_model": "crm.receipt", "res_id": receipt.id, "reason": "x"})
        )
        self.assertNotified(
            wizard.action_cancel(), receipt.name, "cancelled", close=True
        )
        self.assertEqual(receipt.state, "cancelled")

    def test_receipts_confirmed_together(self):
        receipts = self._receipt(amount=10.0) | self._receipt(amount=20.0)
        self.assertNotified(receipts.action_confirm(), "2 documents confirmed")

    def test_notification_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "crm_finance_light")]
        )._update_translations(["zh_CN"], overwrite=True)
        self._contract(prices=(100.0,))
        receipt = self._receipt(amount=100.0).with_context(lang="zh_CN")
        message = self.assertNotified(receipt.action_auto_allocate(), receipt.name)
        self.assertIn("期", message)
        self.assertNotIn("allocated", message)
        message = self.assertNotified(receipt.action_confirm(), receipt.name)
        self.assertNotIn("confirmed", message)

    def test_supplier_bill_and_payment(self):
        bill = self.env["crm.supplier.bill"].create(
            {
                "partner_id": self.supplier.id,
                "date": date(2024, 3, 1),
                "line_ids": [
                    (0, 0, {"product_id": self.product.id, "price_unit": 80.0})
                ],
            }
        )
        self.assertNotified(bill.action_confirm(), bill.name, "confirmed")
        payment = self.env["crm.supplier.payment"].create(
            {
                "partner_id": self.supplier.id,
                "amount": 50.0,
                "payment_method_id": self.method_bank.id,
            }
        )
        self.assertNotified(
            payment.action_auto_allocate(), payment.name, "50.00", "1 bill"
        )
        self.assertNotified(payment.action_confirm(), payment.name, "confirmed")
        other = self.env["crm.supplier.bill"].create(
            {
                "partner_id": self.supplier.id,
                "line_ids": [
                    (0, 0, {"product_id": self.product.id, "price_unit": 10.0})
                ],
            }
        )
        other.action_confirm()
        self.assertNotified(other.action_cancel(), other.name, "cancelled")

    def test_expense_submit_pay_and_back_to_draft(self):
        Expense = self.env["crm.expense"].with_user(self.rep)
        values = {
            "description": "Train",
            "category_id": self.category_travel.id,
            "amount": 56.5,
            "payee_type": "other",
            "payee_name": "Railway",
        }
        expense = Expense.create(dict(values))
        self.assertNotified(expense.action_submit(), expense.name, "Sales Manager")
        expense.with_user(self.mgr)._crm_approve()
        expense.with_user(self.clerk).payment_method_id = self.method_cash
        self.assertNotified(
            expense.with_user(self.clerk).action_pay(), expense.name, "56.50"
        )
        rejected = Expense.create(dict(values))
        rejected.action_submit()
        rejected.with_user(self.mgr)._crm_reject("no receipt")
        self.assertNotified(rejected.action_draft(), rejected.name, "draft")
