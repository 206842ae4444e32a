from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import FinanceCommon


@tagged("post_install", "-at_install")
class TestReceiptIntegrity(FinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._contract(prices=(100.0,), count=2)
        cls.first, cls.second = cls.contract.installment_ids.sorted("due_date")

    def test_zero_or_negative_amounts(self):
        for amount in (0.0, -5.0, 0.001):
            with self.subTest(amount=amount):
                with self.assertRaises(IntegrityError):
                    with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                        self._receipt(amount=amount)
        receipt = self._receipt(amount=10.0)
        for amount in (0.0, -1.0):
            with self.subTest(allocation=amount):
                with self.assertRaises(IntegrityError):
                    with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                        self._allocate(receipt, self.first, amount)

    def test_cannot_allocate_more_than_the_receipt(self):
        receipt = self._receipt(amount=60.0)
        self._allocate(receipt, self.first, 50.0)
        with self.assertRaisesRegex(ValidationError, "only"):
            self._allocate(receipt, self.second, 10.01)
        with self.assertRaisesRegex(ValidationError, "only"):
            receipt.amount = 49.99

    def test_cannot_allocate_more_than_the_installment(self):
        receipt = self._receipt(amount=80.0)
        with self.assertRaisesRegex(ValidationError, "still open"):
            self._allocate(receipt, self.first, 50.01)
        # two drafts planning the same installment: the second confirm is refused
        a = self._receipt(amount=40.0)
        b = self._receipt(amount=40.0)
        self._allocate(a, self.first, 40.0)
        self._allocate(b, self.first, 40.0)
        a.action_confirm()
        with self.assertRaisesRegex(ValidationError, "still open"):
            b.action_confirm()
        self.assertEqual(self.first.paid_amount, 40.0)

    def test_other_customers_installment_refused(self):
        other = self._contract(partner=self.customer2, prices=(10.0,))
        receipt = self._receipt(amount=10.0)
        with self.assertRaisesRegex(ValidationError, "not an item"):
            self._allocate(receipt, other.installment_ids, 10.0)

    def test_confirmed_receipt_is_never_edited_or_deleted(self):
        receipt = self._receipt(amount=50.0)
        receipt.action_auto_allocate()
        receipt.action_confirm()
        # as the finance clerk (everything within scope, editable): only the
        # suite's own code runs as superuser
        receipt = receipt.with_user(self.clerk)
        for vals in (
            {"amount": 40.0},
            {"partner_id": self.customer2.id},
            {"date": "2024-01-01"},
            {"payment_method_id": self.method_cash.id},
            {"state": "draft"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                receipt.write(vals)
        receipt.note = "notes stay editable"
        with self.assertRaisesRegex(UserError, "never deleted"):
            receipt.unlink()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            receipt.allocation_ids.amount = 10.0
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            receipt.allocation_ids.unlink()
        with self.assertRaisesRegex(UserError, "Only draft"):
            receipt.action_confirm()
        receipt._crm_cancel("wrong customer")
        with self.assertRaisesRegex(UserError, "already"):
            receipt._crm_cancel("again")
        with self.assertRaisesRegex(UserError, "never deleted"):
            receipt.unlink()
        self.assertEqual(self.first.paid_amount, 0.0)

    def test_delete_with_allocations_refused(self):
        receipt = self._receipt(amount=50.0)
        allocation = self._allocate(receipt, self.first, 20.0)
        with self.assertRaisesRegex(UserError, "has allocations"):
            receipt.unlink()
        receipt2 = self._receipt(amount=20.0)
        self._allocate(receipt2, self.first, 20.0)
        receipt2.action_confirm()
        # the installment has an allocation: it cannot be deleted
        with self.assertRaisesRegex(UserError, "received payments"):
            self.first.unlink()
        allocation.unlink()
        receipt.unlink()
        self.assertFalse(receipt.exists())

    def test_cancel_needs_a_reason(self):
        receipt = self._receipt(amount=5.0)
        receipt.action_confirm()
        with self.assertRaisesRegex(UserError, "reason"):
            receipt._crm_cancel(" ")
        self.assertEqual(receipt.state, "confirmed")
