from odoo.exceptions import AccessError
from odoo.tests import tagged, users

from .common import FinanceCommon


@tagged("post_install", "-at_install")
class TestFinanceAccess(FinanceCommon):
    """Who reads and edits which money records, per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract_rep = cls._contract(prices=(100.0,))
        cls.contract_rep2 = cls._contract(partner=cls.customer2, prices=(100.0,))
        cls.contract_out = cls._contract(partner=cls.customer_out, prices=(100.0,))
        cls.receipts = {}
        for key, partner in (
            ("rep", cls.customer),
            ("rep2", cls.customer2),
            ("out", cls.customer_out),
        ):
            receipt = cls._receipt(partner=partner, amount=60.0)
            receipt.action_auto_allocate()
            receipt.action_confirm()
            cls.receipts[key] = receipt
        cls.all_receipts = (
            cls.receipts["rep"] | cls.receipts["rep2"] | cls.receipts["out"]
        )
        cls.bill = cls.env["crm.supplier.bill"].create(
            {
                "partner_id": cls.supplier.id,
                "line_ids": [
                    (0, 0, {"product_id": cls.product.id, "price_unit": 10.0})
                ],
            }
        )

    def _visible(self):
        return self.env["crm.receipt"].search([("id", "in", self.all_receipts.ids)])

    @users("fin_rep")
    def test_salesperson_reads_receipts_of_own_customers_only(self):
        self.assertEqual(self._visible(), self.receipts["rep"])
        with self.assertRaises(AccessError):
            self.receipts["rep2"].with_env(self.env).read(["amount"])
        # read only
        with self.assertRaises(AccessError):
            self.receipts["rep"].with_env(self.env).write({"note": "x"})
        with self.assertRaises(AccessError):
            self.env["crm.receipt"].create(
                {
                    "partner_id": self.customer.id,
                    "amount": 1.0,
                    "payment_method_id": self.method_cash.id,
                }
            )
        # no supplier side for salespeople
        with self.assertRaises(AccessError):
            self.env["crm.supplier.bill"].search([])

    def test_salesperson_reads_receipts_allocated_to_own_contracts(self):
        # the customer was handed to rep2, but the contract stays rep's
        self.customer.user_id = self.rep2
        receipt = self._receipt(amount=10.0)
        self.assertEqual(receipt.user_id, self.rep2)
        self.assertNotIn(
            receipt, self.env["crm.receipt"].with_user(self.rep).search([])
        )
        receipt.action_auto_allocate()
        self.assertEqual(receipt.allocation_ids.contract_user_id, self.rep)
        self.assertIn(receipt, self.env["crm.receipt"].with_user(self.rep).search([]))

    @users("fin_mgr")
    def test_sales_manager_reads_department(self):
        self.assertEqual(self._visible(), self.receipts["rep"] | self.receipts["rep2"])

    @users("fin_clerk")
    def test_finance_clerk_reads_and_records_everything(self):
        self.assertEqual(self._visible(), self.all_receipts)
        receipt = self.env["crm.receipt"].create(
            {
                "partner_id": self.customer_out.id,
                "amount": 40.0,
                "payment_method_id": self.method_cash.id,
            }
        )
        receipt.action_auto_allocate()
        receipt.action_confirm()
        self.assertEqual(self.contract_out.with_env(self.env).amount_received, 100.0)
        receipt._crm_cancel("test")
        self.receipts["out"].with_env(self.env).note = "checked"
        self.assertTrue(self.bill.with_env(self.env).read(["amount_total"]))
        self.assertTrue(self.env["crm.receivable.report"].search([]))

    @users("fin_cashier")
    def test_finance_own_level_reads_what_they_recorded(self):
        self.assertFalse(self._visible())
        receipt = self.env["crm.receipt"].create(
            {
                "partner_id": self.customer.id,
                "amount": 40.0,
                "payment_method_id": self.method_cash.id,
            }
        )
        self.assertEqual(self._visible(), self.env["crm.receipt"])
        self.assertIn(receipt, self.env["crm.receipt"].search([]))
        receipt.action_auto_allocate()
        receipt.action_confirm()
        with self.assertRaises(AccessError):
            self.receipts["rep"].with_env(self.env).write({"note": "x"})
        with self.assertRaises(AccessError):
            self.bill.with_env(self.env).read(["amount_total"])

    @users("fin_outsider")
    def test_reports_follow_the_scope(self):
        rows = self.env["crm.receivable.report"].search([])
        self.assertEqual(rows.user_id, self.outsider)
        profits = self.env["crm.contract.profit.report"].search([])
        self.assertEqual(profits.contract_id, self.contract_out.with_env(self.env))
        with self.assertRaises(AccessError):
            self.env["crm.cash.journal.report"].search([])
        with self.assertRaises(AccessError):
            self.env["crm.partner.statement"].create(
                {"partner_id": self.customer_out.id}
            )
