from odoo import api, fields, models
from odoo.tools import SQL

BUCKETS = [
    ("not_due", "Not Due"),
    ("1_30", "1-30 Days"),
    ("31_60", "31-60 Days"),
    ("61_90", "61-90 Days"),
    ("90_plus", "Over 90 Days"),
]


def ageing_columns(today, due, residual):
    """SQL of the ageing columns of an open item due on ``due`` with
    ``residual`` still open, as seen on ``today``."""
    days = SQL("(%s::date - %s)", today, due)
    return SQL(
        """
        GREATEST(%(days)s, 0) AS days_overdue,
        CASE WHEN %(days)s <= 0 THEN 'not_due'
             WHEN %(days)s <= 30 THEN '1_30'
             WHEN %(days)s <= 60 THEN '31_60'
             WHEN %(days)s <= 90 THEN '61_90'
             ELSE '90_plus' END AS bucket,
        CASE WHEN %(days)s <= 0 THEN %(res)s ELSE 0 END AS not_due_amount,
        CASE WHEN %(days)s > 0 THEN %(res)s ELSE 0 END AS overdue_amount,
        CASE WHEN %(days)s BETWEEN 1 AND 30 THEN %(res)s ELSE 0 END AS bucket_1_30,
        CASE WHEN %(days)s BETWEEN 31 AND 60 THEN %(res)s ELSE 0 END AS bucket_31_60,
        CASE WHEN %(days)s BETWEEN 61 AND 90 THEN %(res)s ELSE 0 END AS bucket_61_90,
        CASE WHEN %(days)s > 90 THEN %(res)s ELSE 0 END AS bucket_90_plus
        """,
        days=days,
        res=residual,
    )


class CrmAgeingMixin(models.AbstractModel):
    """Ageing columns shared by the receivables and payables analyses; the
    buckets are computed against today, or the date in the context key
    ``crm_ageing_date``."""

    _name = "crm.ageing.mixin"
    _description = "Ageing Analysis"

    due_date = fields.Date(readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    amount = fields.Monetary(readonly=True)
    paid_amount = fields.Monetary(string="Paid", readonly=True)
    residual_amount = fields.Monetary(string="Open", readonly=True)
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    bucket = fields.Selection(BUCKETS, string="Age", readonly=True)
    not_due_amount = fields.Monetary(string="Not Due", readonly=True)
    overdue_amount = fields.Monetary(string="Overdue", readonly=True)
    bucket_1_30 = fields.Monetary(string="1-30 Days", readonly=True)
    bucket_31_60 = fields.Monetary(string="31-60 Days", readonly=True)
    bucket_61_90 = fields.Monetary(string="61-90 Days", readonly=True)
    bucket_90_plus = fields.Monetary(string="Over 90 Days", readonly=True)

    @api.model
    def _crm_ageing_date(self):
        """The date the ages are counted from. The context key is a reporting
        date only, never a permission: it is passed to SQL as a parameter
        (a date, or the request fails), and which rows are read is decided by
        the record rules on the report, whatever it says."""
        date = self.env.context.get("crm_ageing_date")
        return fields.Date.to_date(date) if date else fields.Date.context_today(self)


class CrmReceivableReport(models.Model):
    """应收欠款: the open installments of confirmed contracts, by customer and
    age."""

    _name = "crm.receivable.report"
    _inherit = ["crm.ageing.mixin"]
    _description = "Receivables Ageing"
    _auto = False
    _order = "due_date, id"
    _rec_name = "installment_id"
    _depends = {
        "crm.contract.installment": [
            "contract_id",
            "partner_id",
            "user_id",
            "department_id",
            "company_id",
            "currency_id",
            "due_date",
            "amount",
            "paid_amount",
            "residual_amount",
            "contract_state",
            "is_cancelled",
        ],
    }
    _crm_scope_app = "sales"
    _crm_scope_owner_field = "user_id"
    _crm_scope_assignee_fields = ()

    installment_id = fields.Many2one(
        "crm.contract.installment", string="Installment", readonly=True
    )
    contract_id = fields.Many2one("crm.contract", string="Contract", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Owner", readonly=True)
    department_id = fields.Many2one("hr.department", string="Department", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT i.id, i.id AS installment_id, i.contract_id, i.partner_id,
                   i.user_id, i.department_id, i.company_id, i.currency_id,
                   i.due_date, i.amount, i.paid_amount, i.residual_amount, %s
              FROM crm_contract_installment i
             WHERE i.contract_state IN ('confirmed', 'done')
               AND NOT COALESCE(i.is_cancelled, FALSE)
               AND i.residual_amount > 0
            """,
            ageing_columns(
                self._crm_ageing_date(), SQL("i.due_date"), SQL("i.residual_amount")
            ),
        )
