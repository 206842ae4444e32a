from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import FinanceCommon


@tagged("post_install", "-at_install")
class TestSupplier(FinanceCommon):
    def _bill(self, quantity=1.0, price=None, day=date(2024, 3, 1), due=None):
        line = {"product_id": self.product.id, "quantity": quantity}
        if price is not None:
            line["price_unit"] = price
        return self.env["crm.supplier.bill"].create(
            {
                "partner_id": self.supplier.id,
                "date": day,
                "due_date": due or day,
                "line_ids": [(0, 0, line)],
            }
        )

    def _payment(self, amount, day=date(2024, 3, 5)):
        return self.env["crm.supplier.payment"].create(
            {
                "partner_id": self.supplier.id,
                "amount": amount,
                "date": day,
                "payment_method_id": self.method_bank.id,
            }
        )

    def test_purchase_price_defaults_from_the_supplier(self):
        self.assertEqual(self._bill(quantity=2.0).line_ids.price_unit, 55.0)
        bill = self._bill(quantity=12.0)
        self.assertEqual(bill.line_ids.price_unit, 50.0)
        self.assertEqual(bill.amount_total, 600.0)
        self.assertTrue(bill.name.startswith("CG"))

    def test_payment_allocation_and_no_double_payment(self):
        bill1 = self._bill(price=100.0, due=date(2024, 3, 10))
        bill2 = self._bill(price=50.0, due=date(2024, 3, 20))
        (bill1 | bill2).action_confirm()
        payment = self._payment(120.0)
        payment.action_auto_allocate()
        self.assertEqual(
            [(a.bill_id, a.amount) for a in payment.allocation_ids],
            [(bill1, 100.0), (bill2, 20.0)],
        )
        payment.action_confirm()
        self.assertEqual(bill1.payment_state, "paid")
        self.assertEqual(
            (bill2.payment_state, bill2.residual_amount), ("partial", 30.0)
        )
        self.assertEqual(self.supplier.crm_payable_total, 30.0)
        # paying bill 1 twice is refused
        again = self._payment(100.0)
        with (
            self.assertRaisesRegex(ValidationError, "still open"),
            self.env.cr.savepoint(),
        ):
            self.env["crm.supplier.payment.allocation"].create(
                {"payment_id": again.id, "bill_id": bill1.id, "amount": 1.0}
            )
        with self.assertRaisesRegex(ValidationError, "not paid twice"):
            bill1._crm_apply_payment(0.01)
        again.action_confirm()
        self.assertEqual(self.supplier.crm_prepaid_amount, 100.0)
        # confirmed bills are locked (for every user: only the suite's own
        # code runs as superuser); a paid bill is not cancelled
        with self.assertRaises(UserError):
            bill1.with_user(self.clerk).line_ids = [(5, 0, 0)]
        with self.assertRaises(UserError):
            bill1.line_ids.with_user(self.clerk).price_unit = 1.0
        with self.assertRaisesRegex(UserError, "payments"):
            bill1.action_cancel()
        with self.assertRaises(UserError):
            bill1.unlink()
        payment._crm_cancel("wrong supplier")
        self.assertEqual((bill1.paid_amount, bill2.paid_amount), (0.0, 0.0))
        bill1.action_cancel()
        self.assertEqual(bill1.state, "cancelled")

    @freeze_time("2024-05-15")
    def test_payables_ageing(self):
        old = self._bill(price=100.0, day=date(2024, 1, 1), due=date(2024, 2, 1))
        recent = self._bill(price=70.0, day=date(2024, 5, 1), due=date(2024, 5, 10))
        future = self._bill(price=30.0, day=date(2024, 5, 1), due=date(2024, 6, 1))
        (old | recent | future).action_confirm()
        rows = self.env["crm.payable.report"].search(
            [("partner_id", "=", self.supplier.id)]
        )
        self.assertEqual(
            {row.bill_id: row.bucket for row in rows},
            {old: "90_plus", recent: "1_30", future: "not_due"},
        )
        self.assertEqual(sum(rows.mapped("overdue_amount")), 170.0)
