from odoo import fields, models, tools
from odoo.tools import SQL

VOUCHER_FIELDS = [
    "name",
    "date",
    "state",
    "amount",
    "partner_id",
    "payment_method_id",
    "user_id",
    "department_id",
    "company_id",
    "currency_id",
]


class CrmCashJournalReport(models.Model):
    """流水账: every confirmed receipt, confirmed supplier payment and paid
    expense in date order, with the running balance of each payment method."""

    _name = "crm.cash.journal.report"
    _description = "Journal of Money"
    _auto = False
    _order = "date, sequence, id"
    _rec_name = "name"
    _depends = {
        "crm.receipt": VOUCHER_FIELDS,
        "crm.supplier.payment": VOUCHER_FIELDS,
        "crm.expense": [
            "name",
            "date_paid",
            "state",
            "amount",
            "payee_partner_id",
            "payee_name",
            "payee_employee_id",
            "payment_method_id",
            "user_id",
            "department_id",
            "company_id",
            "currency_id",
        ],
        "hr.employee": ["name"],
    }
    _crm_scope_app = "finance"
    _crm_scope_owner_field = "user_id"
    _crm_scope_assignee_fields = ()

    date = fields.Date(readonly=True)
    sequence = fields.Integer(readonly=True)
    name = fields.Char(string="Number", readonly=True)
    kind = fields.Selection(
        [
            ("receipt", "Receipt"),
            ("supplier_payment", "Supplier Payment"),
            ("expense", "Expense"),
        ],
        readonly=True,
    )
    receipt_id = fields.Many2one("crm.receipt", string="Receipt", readonly=True)
    supplier_payment_id = fields.Many2one(
        "crm.supplier.payment", string="Supplier Payment", readonly=True
    )
    expense_id = fields.Many2one("crm.expense", string="Expense", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Partner", readonly=True)
    payee = fields.Char(readonly=True)
    payment_method_id = fields.Many2one(
        "crm.payment.method", string="Payment Method", readonly=True
    )
    user_id = fields.Many2one("res.users", string="Owner", readonly=True)
    department_id = fields.Many2one("hr.department", string="Department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount_in = fields.Monetary(string="Money In", readonly=True)
    amount_out = fields.Monetary(string="Money Out", readonly=True)
    amount_net = fields.Monetary(string="Net", readonly=True)
    balance = fields.Monetary(
        readonly=True,
        aggregator=None,
        help="Balance of the payment method after this line.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT t.*,
                           t.amount_in - t.amount_out AS amount_net,
                           SUM(t.amount_in - t.amount_out) OVER (
                               PARTITION BY t.company_id, t.payment_method_id
                               ORDER BY t.date, t.sequence, t.id
                           ) AS balance
                      FROM (
                        SELECT r.id * 4 + 1 AS id, r.date, 1 AS sequence, r.name,
                               'receipt' AS kind, r.id AS receipt_id,
                               NULL::integer AS supplier_payment_id,
                               NULL::integer AS expense_id,
                               r.partner_id, NULL::varchar AS payee,
                               r.payment_method_id, r.user_id, r.department_id,
                               r.company_id, r.currency_id,
                               r.amount AS amount_in, 0::numeric AS amount_out
                          FROM crm_receipt r
                         WHERE r.state = 'confirmed'
                        UNION ALL
                        SELECT p.id * 4 + 2, p.date, 2, p.name, 'supplier_payment',
                               NULL, p.id, NULL, p.partner_id, NULL,
                               p.payment_method_id, p.user_id, p.department_id,
                               p.company_id, p.currency_id, 0, p.amount
                          FROM crm_supplier_payment p
                         WHERE p.state = 'confirmed'
                        UNION ALL
                        SELECT e.id * 4 + 3, e.date_paid, 3, e.name, 'expense',
                               NULL, NULL, e.id, e.payee_partner_id,
                               COALESCE(e.payee_name, emp.name),
                               e.payment_method_id, e.user_id, e.department_id,
                               e.company_id, e.currency_id, 0, e.amount
                          FROM crm_expense e
                          LEFT JOIN hr_employee emp ON emp.id = e.payee_employee_id
                         WHERE e.state = 'paid'
                      ) t
                )
                """,
                table=SQL.identifier(self._table),
            )
        )
