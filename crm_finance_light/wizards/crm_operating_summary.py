from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

PERIODS = [("month", "This Month"), ("quarter", "This Quarter"), ("year", "This Year")]
SUMS = [
    "contract_count:sum",
    "signed_amount:sum",
    "received_amount:sum",
    "purchase_amount:sum",
    "supplier_paid_amount:sum",
    "expense_amount:sum",
    "profit:sum",
]


def period_bounds(day, period):
    """First and last day of the month, quarter or year of ``day``."""
    if period == "month":
        start = day.replace(day=1)
        return start, start + relativedelta(months=1, days=-1)
    if period == "quarter":
        start = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
        return start, start + relativedelta(months=3, days=-1)
    start = day.replace(month=1, day=1)
    return start, start.replace(month=12, day=31)


class CrmOperatingSummary(models.TransientModel):
    """The operating status on one screen (readable on a phone): the figures of
    the current month, quarter or year, within the user's scope."""

    _name = "crm.operating.summary"
    _description = "Operating Status Summary"

    period = fields.Selection(PERIODS, required=True, default="month")
    date = fields.Date(required=True, default=fields.Date.context_today)
    date_from = fields.Date(string="From", compute="_compute_figures")
    date_to = fields.Date(string="To", compute="_compute_figures")
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id
    )
    contract_count = fields.Integer(
        string="Contracts Signed", compute="_compute_figures"
    )
    signed_amount = fields.Monetary(string="Signed", compute="_compute_figures")
    received_amount = fields.Monetary(string="Received", compute="_compute_figures")
    receivable_amount = fields.Monetary(
        string="Receivable (today)", compute="_compute_figures"
    )
    overdue_amount = fields.Monetary(
        string="Overdue (today)", compute="_compute_figures"
    )
    purchase_amount = fields.Monetary(string="Purchases", compute="_compute_figures")
    supplier_paid_amount = fields.Monetary(
        string="Paid to Suppliers", compute="_compute_figures"
    )
    expense_amount = fields.Monetary(string="Expenses", compute="_compute_figures")
    profit = fields.Monetary(compute="_compute_figures")
    expense_summary = fields.Text(
        string="Expenses by Category", compute="_compute_figures"
    )

    @api.depends("period", "date")
    def _compute_figures(self):
        Report = self.env["crm.operating.report"]
        for summary in self:
            day = summary.date or fields.Date.context_today(summary)
            start, end = period_bounds(day, summary.period or "month")
            summary.date_from = start
            summary.date_to = end
            figures = summary._crm_figures(start, end)
            for key, value in figures.items():
                summary[key] = value
            # receivables are a stock: what is open today, whatever its due date
            [(receivable, overdue)] = Report._read_group(
                [("kind", "=", "receivable")],
                [],
                ["receivable_amount:sum", "overdue_amount:sum"],
            )
            summary.receivable_amount = receivable or 0.0
            summary.overdue_amount = overdue or 0.0
            by_category = Report._read_group(
                [
                    ("kind", "=", "expense"),
                    ("date", ">=", start),
                    ("date", "<=", end),
                ],
                ["expense_category_id"],
                ["expense_amount:sum"],
                order="expense_amount:sum desc",
            )
            summary.expense_summary = (
                "\n".join(
                    f"{category.display_name}: {amount:,.2f}"
                    for category, amount in by_category
                )
                or False
            )

    def _crm_figures(self, start, end):
        """Sums of the operating report between ``start`` and ``end``."""
        [row] = self.env["crm.operating.report"]._read_group(
            [("date", ">=", start), ("date", "<=", end), ("kind", "!=", "receivable")],
            [],
            SUMS,
        )
        return {
            spec.split(":")[0]: value or 0
            for spec, value in zip(SUMS, row, strict=True)
        }

    def action_open_report(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_finance_light.crm_operating_report_action"
        )
        action["domain"] = [
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
        ]
        return action
