from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged
from odoo.tools import float_compare

from .common import FinanceCommon

cents = st.integers(min_value=1, max_value=500_000).map(lambda c: c / 100.0)


@tagged("post_install", "-at_install")
class TestReceiptProperties(FinanceCommon):
    """Random installments and receipts: the allocated sums never exceed a
    receipt's amount or an installment's open amount, and cancelling restores
    the installments exactly, to the cent."""

    def _assert_invariants(self, installments, receipts):
        rounding = self.currency.rounding
        for installment in installments:
            self.assertGreaterEqual(installment.paid_amount, 0.0)
            self.assertLessEqual(
                float_compare(
                    installment.paid_amount,
                    installment.amount,
                    precision_rounding=rounding,
                ),
                0,
            )
            applied = sum(
                installment.crm_receipt_allocation_ids.filtered("applied").mapped(
                    "amount"
                )
            )
            self.assertEqual(
                float_compare(
                    applied, installment.paid_amount, precision_rounding=rounding
                ),
                0,
                "an installment's received amount is the sum of its applied "
                "allocations",
            )
        for receipt in receipts:
            self.assertLessEqual(
                float_compare(
                    sum(receipt.allocation_ids.mapped("amount")),
                    receipt.amount,
                    precision_rounding=rounding,
                ),
                0,
            )

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
    )
    @given(
        prices=st.lists(cents, min_size=1, max_size=3),
        count=st.integers(min_value=1, max_value=4),
        amounts=st.lists(cents, min_size=1, max_size=4),
        cancel=st.lists(st.booleans(), min_size=4, max_size=4),
    )
    def test_allocate_and_cancel(self, prices, count, amounts, cancel):
        self.env.flush_all()
        savepoint = self.env.cr.savepoint(flush=False)
        try:
            self._check_example(prices, count, amounts, cancel)
        finally:
            self.env.flush_all()
            savepoint.close(rollback=True)
            self.env.invalidate_all(flush=False)

    def _check_example(self, prices, count, amounts, cancel):
        partner = self.env["res.partner"].create(
            {
                "name": "FIN Property Customer",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": self.rep.id,
            }
        )
        contract = self._contract(partner=partner, prices=prices, count=count)
        installments = contract.installment_ids
        total_open = contract.amount_total
        receipts = self.env["crm.receipt"]
        for amount in amounts:
            receipt = self._receipt(partner=partner, amount=amount)
            if float_compare(sum(installments.mapped("residual_amount")), 0, 2) > 0:
                receipt.action_auto_allocate()
            receipt.action_confirm()
            receipts |= receipt
            self._assert_invariants(installments, receipts)
        received = sum(installments.mapped("paid_amount"))
        self.assertEqual(
            float_compare(
                received, min(sum(amounts), total_open), precision_rounding=0.01
            ),
            0,
            "auto allocation settles as much as it can",
        )
        advance = sum(receipts.mapped("unallocated_amount"))
        self.assertEqual(
            float_compare(received + advance, sum(amounts), precision_rounding=0.01),
            0,
        )
        # cancel some receipts: what is left is exactly the others' allocations
        before = {i.id: i.paid_amount for i in installments}
        cancelled = receipts.filtered(lambda r: cancel[receipts.ids.index(r.id)])
        for receipt in cancelled:
            receipt._crm_cancel("property test")
        for installment in installments:
            taken_back = sum(
                cancelled.allocation_ids.filtered(
                    lambda a, i=installment: a.installment_id == i
                ).mapped("amount")
            )
            self.assertEqual(
                float_compare(
                    installment.paid_amount,
                    before[installment.id] - taken_back,
                    precision_rounding=0.01,
                ),
                0,
            )
        self._assert_invariants(installments, receipts)
        # cancelling everything restores every installment to unpaid
        for receipt in receipts - cancelled:
            receipt._crm_cancel("property test")
        self.assertEqual(installments.mapped("paid_amount"), [0.0] * len(installments))
        self.assertEqual(contract.amount_outstanding, contract.amount_total)
