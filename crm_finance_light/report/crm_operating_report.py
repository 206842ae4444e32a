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


class CrmOperatingReport(models.Model):
    """经营情况表: the facts of the business, one row per document, to group
    by month, quarter or year and by department and salesperson:

    - contracts signed (confirmed or done, at their signing date), with their
      revenue, cost of goods and gross profit;
    - money received (confirmed receipts);
    - receivables and overdue (open installments, at their due date);
    - purchases (confirmed supplier bills) and money paid to suppliers;
    - expenses (approved or paid), by category, which lower the profit.
    """

    _name = "crm.operating.report"
    _description = "Operating Status"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "name"
    _depends = {
        "crm.contract": [
            "name",
            "date_signed",
            "state",
            "company_id",
            "currency_id",
            "department_id",
            "user_id",
            "partner_id",
            "amount_total",
            "amount_untaxed",
            "cost_total",
        ],
        "crm.receipt": VOUCHER_FIELDS,
        "crm.supplier.payment": VOUCHER_FIELDS,
        "crm.contract.installment": [
            "name",
            "due_date",
            "company_id",
            "currency_id",
            "department_id",
            "user_id",
            "partner_id",
            "residual_amount",
            "contract_state",
            "is_cancelled",
        ],
        "crm.supplier.bill": [
            "name",
            "date",
            "state",
            "company_id",
            "currency_id",
            "department_id",
            "user_id",
            "partner_id",
            "amount_total",
        ],
        "crm.expense": [
            "name",
            "date",
            "state",
            "company_id",
            "currency_id",
            "department_id",
            "user_id",
            "partner_id",
            "category_id",
            "amount",
        ],
    }
    _crm_scope_app = "sales"
    _crm_scope_owner_field = "user_id"
    _crm_scope_assignee_fields = ()

    date = fields.Date(readonly=True)
    name = fields.Char(string="Document", readonly=True)
    kind = fields.Selection(
        [
            ("contract", "Contract Signed"),
            ("receipt", "Money Received"),
            ("receivable", "Receivable"),
            ("purchase", "Purchase"),
            ("supplier_payment", "Paid to Supplier"),
            ("expense", "Expense"),
        ],
        string="Type",
        readonly=True,
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    department_id = fields.Many2one("hr.department", string="Department", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Partner", readonly=True)
    expense_category_id = fields.Many2one(
        "crm.expense.category", string="Expense Category", readonly=True
    )
    contract_count = fields.Integer(string="Contracts Signed", readonly=True)
    signed_amount = fields.Monetary(string="Signed", readonly=True)
    revenue = fields.Monetary(readonly=True, help="Untaxed total of the contracts.")
    cost = fields.Monetary(string="Cost of Goods", readonly=True)
    received_amount = fields.Monetary(string="Received", readonly=True)
    receivable_amount = fields.Monetary(string="Receivable", readonly=True)
    overdue_amount = fields.Monetary(string="Overdue", readonly=True)
    purchase_amount = fields.Monetary(string="Purchases", readonly=True)
    supplier_paid_amount = fields.Monetary(string="Paid to Suppliers", readonly=True)
    expense_amount = fields.Monetary(string="Expenses", readonly=True)
    profit = fields.Monetary(
        readonly=True, help="Revenue less cost of goods less expenses."
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT c.id * 8 + 1 AS id, c.date_signed AS date, c.name,
                           'contract' AS kind, c.company_id, c.currency_id,
                           c.department_id, c.user_id, c.partner_id,
                           NULL::integer AS expense_category_id,
                           1 AS contract_count,
                           c.amount_total AS signed_amount,
                           c.amount_untaxed AS revenue, c.cost_total AS cost,
                           0::numeric AS received_amount,
                           0::numeric AS receivable_amount,
                           0::numeric AS overdue_amount,
                           0::numeric AS purchase_amount,
                           0::numeric AS supplier_paid_amount,
                           0::numeric AS expense_amount,
                           c.amount_untaxed - c.cost_total AS profit
                      FROM crm_contract c
                     WHERE c.state IN ('confirmed', 'done')
                    UNION ALL
                    SELECT r.id * 8 + 2, r.date, r.name, 'receipt', r.company_id,
                           r.currency_id, r.department_id, r.user_id, r.partner_id,
                           NULL, 0, 0, 0, 0, r.amount, 0, 0, 0, 0, 0, 0
                      FROM crm_receipt r
                     WHERE r.state = 'confirmed'
                    UNION ALL
                    SELECT i.id * 8 + 3, i.due_date, i.name, 'receivable',
                           i.company_id, i.currency_id, i.department_id, i.user_id,
                           i.partner_id, NULL, 0, 0, 0, 0, 0, i.residual_amount,
                           CASE WHEN i.due_date < CURRENT_DATE
                                THEN i.residual_amount ELSE 0 END,
                           0, 0, 0, 0
                      FROM crm_contract_installment i
                     WHERE i.contract_state IN ('confirmed', 'done')
                       AND NOT COALESCE(i.is_cancelled, FALSE)
                       AND i.residual_amount > 0
                    UNION ALL
                    SELECT b.id * 8 + 4, b.date, b.name, 'purchase', b.company_id,
                           b.currency_id, b.department_id, b.user_id, b.partner_id,
                           NULL, 0, 0, 0, 0, 0, 0, 0, b.amount_total, 0, 0, 0
                      FROM crm_supplier_bill b
                     WHERE b.state = 'confirmed'
                    UNION ALL
                    SELECT p.id * 8 + 5, p.date, p.name, 'supplier_payment',
                           p.company_id, p.currency_id, p.department_id, p.user_id,
                           p.partner_id, NULL, 0, 0, 0, 0, 0, 0, 0, 0, p.amount, 0, 0
                      FROM crm_supplier_payment p
                     WHERE p.state = 'confirmed'
                    UNION ALL
                    SELECT e.id * 8 + 6, e.date, e.name, 'expense', e.company_id,
                           e.currency_id, e.department_id, e.user_id, e.partner_id,
                           e.category_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, e.amount,
                           -e.amount
                      FROM crm_expense e
                     WHERE e.state IN ('approved', 'paid')
                )
                """,
                table=SQL.identifier(self._table),
            )
        )
