from odoo import fields, models, tools
from odoo.tools import SQL


class CrmContractProfitReport(models.Model):
    """每笔业务利润: revenue, cost of goods, expenses and profit of every
    confirmed contract and sales order."""

    _name = "crm.contract.profit.report"
    _description = "Profit per Deal"
    _auto = False
    _order = "date_signed desc, id desc"
    _rec_name = "contract_id"
    _depends = {
        "crm.contract": [
            "kind",
            "partner_id",
            "user_id",
            "department_id",
            "company_id",
            "currency_id",
            "date_signed",
            "amount_total",
            "amount_untaxed",
            "cost_total",
            "crm_expense_total",
            "crm_profit",
            "crm_profit_margin",
            "state",
        ],
    }
    _crm_scope_app = "sales"
    _crm_scope_owner_field = "user_id"
    _crm_scope_assignee_fields = ()

    contract_id = fields.Many2one("crm.contract", string="Contract", readonly=True)
    kind = fields.Selection(
        [("order", "Sales Order"), ("contract", "Contract")], readonly=True
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Owner", readonly=True)
    department_id = fields.Many2one("hr.department", string="Department", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date_signed = fields.Date(string="Signing Date", readonly=True)
    amount_total = fields.Monetary(string="Total", readonly=True)
    revenue = fields.Monetary(readonly=True, help="Untaxed total.")
    cost = fields.Monetary(string="Cost of Goods", readonly=True)
    expense = fields.Monetary(string="Expenses", readonly=True)
    profit = fields.Monetary(readonly=True)
    margin = fields.Float(
        string="Profit Margin (%)", readonly=True, aggregator="avg", digits=(16, 2)
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT c.id, c.id AS contract_id, c.kind, c.partner_id,
                           c.user_id, c.department_id, c.company_id, c.currency_id,
                           c.date_signed, c.amount_total,
                           c.amount_untaxed AS revenue, c.cost_total AS cost,
                           COALESCE(c.crm_expense_total, 0) AS expense,
                           COALESCE(c.crm_profit, 0) AS profit,
                           COALESCE(c.crm_profit_margin, 0) AS margin
                      FROM crm_contract c
                     WHERE c.state IN ('confirmed', 'done')
                )
                """,
                table=SQL.identifier(self._table),
            )
        )
