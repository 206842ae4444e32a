from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import FinanceCommon


@tagged("post_install", "-at_install")
class TestProfitAndOperating(FinanceCommon):
    """A small company in 2024:

    - rep (department A) signs contract C1 on 2024-03-01: 1,000 (cost 600),
      two installments of 500 due 03-01 and 03-31; an approved travel expense
      of 80 and a paid meal of 20 on C1, a rejected one of 999 and a draft of 5;
      a receipt of 700 on 03-10 (500 + 200).
    - outsider (department B) signs C2 on 2024-04-15: 300 (cost 100), one
      installment; receipt of 300 on 04-20.
    - a supplier bill of 400 on 03-05, paid 150 on 03-06.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.c1 = cls._contract(prices=(1000.0,), count=2, cost=600.0)
        cls.c2 = cls._contract(
            partner=cls.customer_out,
            prices=(300.0,),
            signed=date(2024, 4, 15),
            cost=100.0,
        )
        Expense = cls.env["crm.expense"]

        def expense(amount, category, **vals):
            values = {
                "description": "x",
                "category_id": category.id,
                "amount": amount,
                "payee_type": "other",
                "payee_name": "somebody",
                "contract_id": cls.c1.id,
                "date": date(2024, 3, 15),
                "payment_method_id": cls.method_cash.id,
            }
            values.update(vals)
            return Expense.with_user(cls.rep).create(values)

        travel = expense(80.0, cls.category_travel)
        meal = expense(20.0, cls.category_meals)
        rejected = expense(999.0, cls.category_meals)
        expense(5.0, cls.category_meals)
        (travel | meal | rejected).action_submit()
        (travel | meal).with_user(cls.mgr)._crm_approve()
        rejected.with_user(cls.mgr)._crm_reject("no")
        meal.with_user(cls.clerk).action_pay()
        r1 = cls._receipt(amount=700.0, day=date(2024, 3, 10))
        r1.action_auto_allocate()
        r1.action_confirm()
        r2 = cls._receipt(partner=cls.customer_out, amount=300.0, day=date(2024, 4, 20))
        r2.action_auto_allocate()
        r2.action_confirm()
        bill = cls.env["crm.supplier.bill"].create(
            {
                "partner_id": cls.supplier.id,
                "date": date(2024, 3, 5),
                "due_date": date(2024, 4, 5),
                "line_ids": [
                    (0, 0, {"product_id": cls.product.id, "price_unit": 400.0})
                ],
            }
        )
        bill.action_confirm()
        payment = cls.env["crm.supplier.payment"].create(
            {
                "partner_id": cls.supplier.id,
                "amount": 150.0,
                "date": date(2024, 3, 6),
                "payment_method_id": cls.method_bank.id,
            }
        )
        payment.action_auto_allocate()
        payment.action_confirm()
        cls.env.flush_all()

    def test_profit_per_deal(self):
        self.assertEqual(self.c1.amount_untaxed, 1000.0)
        self.assertEqual(self.c1.cost_total, 600.0)
        self.assertEqual(self.c1.crm_expense_total, 100.0)
        self.assertEqual(self.c1.crm_profit, 300.0)
        self.assertAlmostEqual(self.c1.crm_profit_margin, 30.0)
        row = self.env["crm.contract.profit.report"].search(
            [("contract_id", "=", self.c1.id)]
        )
        self.assertEqual(
            (row.revenue, row.cost, row.expense, row.profit),
            (1000.0, 600.0, 100.0, 300.0),
        )

    @freeze_time("2024-05-01")
    def test_operating_report_by_month_and_department(self):
        Report = self.env["crm.operating.report"]
        domain = [
            ("company_id", "=", self.company.id),
            ("date", ">=", "2024-01-01"),
            ("date", "<=", "2024-12-31"),
        ]
        groups = Report._read_group(
            domain,
            ["date:month", "department_id"],
            [
                "contract_count:sum",
                "signed_amount:sum",
                "received_amount:sum",
                "purchase_amount:sum",
                "supplier_paid_amount:sum",
                "expense_amount:sum",
                "profit:sum",
            ],
        )
        figures = {
            (month.strftime("%Y-%m"), dept.name): values
            for month, dept, *values in groups
        }
        self.assertEqual(
            figures[("2024-03", "FIN Sales A")],
            [1, 1000.0, 700.0, 0.0, 0.0, 100.0, 300.0],
        )
        self.assertEqual(
            figures[("2024-04", "FIN Sales B")], [1, 300.0, 300.0, 0.0, 0.0, 0.0, 200.0]
        )
        # the bill and the payment belong to their owner (the superuser, no department)
        purchases = sum(v[3] for v in figures.values())
        paid = sum(v[4] for v in figures.values())
        self.assertEqual((purchases, paid), (400.0, 150.0))
        # receivables: C1's second installment (500 - 200 = 300) overdue since 03-31
        [(receivable, overdue)] = Report._read_group(
            domain + [("partner_id", "=", self.customer.id)],
            [],
            ["receivable_amount:sum", "overdue_amount:sum"],
        )
        self.assertEqual((receivable, overdue), (300.0, 300.0))
        by_category = dict(
            Report._read_group(domain, ["expense_category_id"], ["expense_amount:sum"])
        )
        self.assertEqual(by_category[self.category_travel], 80.0)
        self.assertEqual(by_category[self.category_meals], 20.0)
        by_quarter = {
            quarter.strftime("%Y-%m"): profit
            for quarter, profit in Report._read_group(
                domain, ["date:quarter"], ["profit:sum"]
            )
        }
        self.assertEqual(by_quarter["2024-01"], 300.0)
        self.assertEqual(by_quarter["2024-04"], 200.0)

    def test_summary_screen(self):
        summary = (
            self.env["crm.operating.summary"]
            .with_user(self.clerk)
            .new({"period": "quarter", "date": date(2024, 3, 20)})
        )
        self.assertEqual(
            (summary.date_from, summary.date_to), (date(2024, 1, 1), date(2024, 3, 31))
        )
        self.assertEqual(summary.contract_count, 1)
        self.assertEqual(summary.signed_amount, 1000.0)
        self.assertEqual(summary.received_amount, 700.0)
        self.assertEqual(summary.purchase_amount, 400.0)
        self.assertEqual(summary.expense_amount, 100.0)
        self.assertEqual(summary.profit, 300.0)
        self.assertIn("FIN Travel: 80.00", summary.expense_summary)
        summary.period = "year"
        self.assertEqual(summary.signed_amount, 1300.0)
        self.assertEqual(summary.profit, 500.0)
        # a salesperson's summary only counts their scope
        summary = (
            self.env["crm.operating.summary"]
            .with_user(self.outsider)
            .new({"period": "year", "date": date(2024, 3, 20)})
        )
        self.assertEqual((summary.signed_amount, summary.profit), (300.0, 200.0))

    def test_journal_of_money(self):
        Journal = self.env["crm.cash.journal.report"]
        rows = Journal.search(
            [("payment_method_id", "in", (self.method_bank | self.method_cash).ids)],
            order="date, sequence, id",
        )
        bank = rows.filtered(lambda r: r.payment_method_id == self.method_bank)
        self.assertEqual(
            [(r.kind, r.amount_in, r.amount_out, r.balance) for r in bank],
            [
                ("supplier_payment", 0.0, 150.0, -150.0),
                ("receipt", 700.0, 0.0, 550.0),
                ("receipt", 300.0, 0.0, 850.0),
            ],
        )
        cash = rows.filtered(lambda r: r.payment_method_id == self.method_cash)
        self.assertEqual([(r.kind, r.amount_out) for r in cash], [("expense", 20.0)])
