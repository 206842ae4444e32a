from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import FinanceCommon


@tagged("post_install", "-at_install")
class TestReceivableAgeing(FinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # six installments of 100, due on 2024-03-01, 03-31, 04-30, 05-30,
        # 06-29 and 07-29
        cls.contract = cls._contract(prices=(600.0,), count=6)
        cls.installments = cls.contract.installment_ids.sorted("due_date")
        receipt = cls._receipt(amount=40.0)
        cls._allocate(receipt, cls.installments[0], 40.0)
        receipt.action_confirm()

    def _buckets(self, **context):
        self.env["crm.receivable.report"].invalidate_model()
        Report = self.env["crm.receivable.report"].with_context(**context)
        rows = Report.search([("contract_id", "=", self.contract.id)])
        return {
            row.installment_id.due_date.isoformat(): (row.bucket, row.residual_amount)
            for row in rows
        }

    @freeze_time("2024-07-15")
    def test_buckets_on_a_frozen_day(self):
        self.assertEqual(
            self._buckets(),
            {
                "2024-03-01": ("90_plus", 60.0),  # 136 days late
                "2024-03-31": ("90_plus", 100.0),  # 106 days
                "2024-04-30": ("61_90", 100.0),  # 76 days
                "2024-05-30": ("31_60", 100.0),  # 46 days
                "2024-06-29": ("1_30", 100.0),  # 16 days
                "2024-07-29": ("not_due", 100.0),
            },
        )
        Report = self.env["crm.receivable.report"]
        [(total, not_due, b30, b60, b90, b90p, overdue)] = Report._read_group(
            [("partner_id", "=", self.customer.id)],
            [],
            [
                "residual_amount:sum",
                "not_due_amount:sum",
                "bucket_1_30:sum",
                "bucket_31_60:sum",
                "bucket_61_90:sum",
                "bucket_90_plus:sum",
                "overdue_amount:sum",
            ],
        )
        self.assertEqual(
            (total, not_due, b30, b60, b90, b90p, overdue),
            (560.0, 100.0, 100.0, 100.0, 100.0, 160.0, 460.0),
        )
        # the customer form shows the same figures
        self.assertEqual(self.customer.crm_receivable_total, 560.0)
        self.assertEqual(self.customer.crm_receivable_overdue, 460.0)

    def test_bucket_edges_with_a_context_date(self):
        # due 2024-03-31: 30 days late on 04-30, 31 on 05-01
        cases = {
            date(2024, 3, 31): "not_due",
            date(2024, 4, 1): "1_30",
            date(2024, 4, 30): "1_30",
            date(2024, 5, 1): "31_60",
            date(2024, 5, 30): "31_60",
            date(2024, 5, 31): "61_90",
            date(2024, 6, 29): "61_90",
            date(2024, 6, 30): "90_plus",
        }
        for day, bucket in cases.items():
            with self.subTest(day=day):
                self.assertEqual(
                    self._buckets(crm_ageing_date=day)["2024-03-31"][0], bucket
                )

    def test_paid_and_cancelled_are_not_receivable(self):
        receipt = self._receipt(amount=100.0)
        self._allocate(receipt, self.installments[1], 100.0)
        receipt.action_confirm()
        buckets = self._buckets(crm_ageing_date=date(2024, 7, 15))
        self.assertNotIn("2024-03-31", buckets)
        self.assertEqual(len(buckets), 5)
        self.contract._crm_cancel("customer gave up")
        self.assertFalse(self._buckets(crm_ageing_date=date(2024, 7, 15)))
