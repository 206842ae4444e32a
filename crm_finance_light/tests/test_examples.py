from odoo.tests import HttpCase, tagged

from odoo.addons.crm_customer.tests.examples_common import ExamplesMixin

from .common import FinanceCommon


@tagged("post_install", "-at_install")
class TestFinanceExamples(ExamplesMixin, FinanceCommon, HttpCase):
    """examples/receipt_and_statement.py runs against this server;
    ``crm.receipt.crm_allocate`` checks what the Allocate button checks and
    returns what it allocated."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.cashier, cls.rep, cls.clerk):
            cls._script_user(user)
        cls.contract = cls._contract(prices=(300.0,), count=3)
        cls.inst1, cls.inst2, cls.inst3 = cls.contract.installment_ids.sorted(
            "due_date"
        )

    def _cashier_receipt(self, amount):
        """A draft receipt recorded by the cashier (who reads what they record)."""
        receipt = (
            self.env["crm.receipt"]
            .with_user(self.cashier)
            .create(
                {
                    "partner_id": self.customer.id,
                    "amount": amount,
                    "payment_method_id": self.method_bank.id,
                }
            )
        )
        return receipt.with_env(self.env)

    def test_receipt_and_statement_example(self):
        output = self.run_example(
            "crm_finance_light",
            "receipt_and_statement.py",
            self.cashier,
            CRM_CUSTOMER_ID=self.customer.id,
            CRM_AMOUNT=150,
            CRM_PAYMENT_METHOD_ID=self.method_bank.id,
        )
        receipt = self.env["crm.receipt"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(receipt), 1)
        self.assertEqual(receipt.state, "confirmed")
        self.assertEqual(receipt.amount, 150.0)
        self.assertEqual(
            [(a.installment_id, a.amount) for a in receipt.allocation_ids],
            [(self.inst1, 100.0), (self.inst2, 50.0)],
        )
        self.assertEqual((self.inst1.paid_amount, self.inst2.paid_amount), (100, 50))
        self.assertIn(receipt.name, output)
        self.assertIn("advance (unallocated): 0.0", output)
        self.assertIn("Statement of", output)
        self.assertIn("closing 150.0", output)

    def test_allocate_returns_what_was_allocated(self):
        receipt = self._cashier_receipt(250.0)
        result = self.rpc(self.cashier, "crm.receipt", "crm_allocate", [receipt.id])
        self.assertEqual(result["allocated"], 250.0)
        self.assertEqual(result["advance"], 0.0)
        self.assertTrue(result["message"])
        self.assertEqual(
            [
                (row["id"], row["target_id"], row["amount"])
                for row in result["allocations"]
            ],
            [(a.id, a.installment_id.id, a.amount) for a in receipt.allocation_ids],
        )
        self.assertEqual(
            [row["target_id"] for row in result["allocations"]],
            (self.inst1 | self.inst2 | self.inst3).ids,
        )
        # more than is open: the rest stays an advance, only the new lines come back
        receipt.action_confirm()
        more = self._cashier_receipt(80.0)
        result = self.rpc(self.cashier, "crm.receipt", "crm_allocate", [more.id])
        self.assertEqual((result["allocated"], result["advance"]), (50.0, 30.0))
        self.assertEqual(
            [row["target_id"] for row in result["allocations"]], self.inst3.ids
        )

    def test_allocate_refusals(self):
        receipt = self._cashier_receipt(100.0)
        cancelled = self._cashier_receipt(100.0)
        self.env["crm.voucher.cancel"].create(
            {"res_model": "crm.receipt", "res_id": cancelled.id, "reason": "typo"}
        ).action_cancel()
        done = self._cashier_receipt(100.0)
        done.action_auto_allocate()
        rows = [
            ("a salesperson reads receipts only", self.rep, receipt),
            ("a cancelled receipt", self.cashier, cancelled),
            ("nothing left to allocate", self.cashier, done),
        ]
        for label, user, record in rows:
            with self.subTest(label):
                self.assertRefused(
                    label, user, "crm.receipt", "crm_allocate", [record.id]
                )
        self.assertFalse(receipt.allocation_ids | cancelled.allocation_ids)
        self.assertEqual(len(done.allocation_ids), 1)

    def test_cancel_returns_data(self):
        receipt = self._cashier_receipt(150.0)
        receipt.with_user(self.cashier).crm_allocate()
        receipt.with_user(self.cashier).action_confirm()
        self.assertEqual(self.inst1.paid_amount, 100.0)
        rows = [
            ("a salesperson", self.rep, {"reason": "typo"}),
            ("no reason", self.cashier, {"reason": ""}),
        ]
        for label, user, kwargs in rows:
            with self.subTest(label):
                self.assertRefused(
                    label, user, "crm.receipt", "crm_cancel", [receipt.id], **kwargs
                )
        self.assertEqual(receipt.state, "confirmed")
        result = self.rpc(
            self.cashier, "crm.receipt", "crm_cancel", [receipt.id], reason="typo"
        )
        self.assertEqual(
            result, {"id": receipt.id, "name": receipt.name, "state": "cancelled"}
        )
        self.assertEqual((self.inst1.paid_amount, self.inst2.paid_amount), (0, 0))
        self.assertRefused(
            "cancelled twice",
            self.cashier,
            "crm.receipt",
            "crm_cancel",
            [receipt.id],
            reason="again",
        )
