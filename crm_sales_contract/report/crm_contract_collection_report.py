from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.crm_contract import STATES


class CrmContractCollectionReport(models.Model):
    """Signed amounts (one row per contract line, dated by signing) and the
    payment plan against what was collected (one row per installment, dated by
    due date), for pivot and graph views. The same scope rules as the
    contracts apply (stored owner and company)."""

    _name = "crm.contract.collection.report"
    _description = "Contract and Collection Analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "contract_id"
    _crm_scope_app = "sales"
    _crm_scope_owner_field = "user_id"
    _crm_scope_assignee_fields = ()

    date = fields.Date(readonly=True)
    line_type = fields.Selection(
        [("signed", "Signed"), ("plan", "Payment Plan")], string="Type", readonly=True
    )
    contract_id = fields.Many2one("crm.contract", string="Contract", readonly=True)
    kind = fields.Selection(
        [("order", "Sales Order"), ("contract", "Contract")], readonly=True
    )
    state = fields.Selection(STATES, string="Contract Status", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Owner", readonly=True)
    department_id = fields.Many2one("hr.department", string="Department", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    installment_id = fields.Many2one(
        "crm.contract.installment", string="Installment", readonly=True
    )
    signed_amount = fields.Monetary(string="Signed", readonly=True)
    margin = fields.Monetary(readonly=True)
    planned_amount = fields.Monetary(string="Planned Collection", readonly=True)
    received_amount = fields.Monetary(string="Received", readonly=True)
    residual_amount = fields.Monetary(string="Outstanding", readonly=True)
    overdue_amount = fields.Monetary(string="Overdue", readonly=True)

    def _query(self):
        return SQL(
            """
            SELECT l.id * 2 AS id, 'signed' AS line_type, c.date_signed AS date,
                   c.id AS contract_id, c.kind, c.state, c.partner_id, c.user_id,
                   c.department_id, c.company_id, c.currency_id, l.product_id,
                   NULL::integer AS installment_id,
                   l.price_subtotal AS signed_amount,
                   l.price_subtotal - l.price_tax - l.cost_subtotal AS margin,
                   0.0 AS planned_amount, 0.0 AS received_amount,
                   0.0 AS residual_amount, 0.0 AS overdue_amount
              FROM crm_contract_line l
              JOIN crm_contract c ON c.id = l.contract_id
             WHERE c.state IN ('confirmed', 'done')
            UNION ALL
            SELECT i.id * 2 + 1, 'plan', i.due_date, c.id, c.kind, c.state,
                   c.partner_id, c.user_id, c.department_id, c.company_id,
                   c.currency_id, NULL, i.id, 0.0, 0.0,
                   i.amount, i.paid_amount,
                   CASE WHEN i.state = 'cancelled' THEN 0.0 ELSE i.residual_amount END,
                   CASE WHEN i.state = 'overdue' THEN i.residual_amount ELSE 0.0 END
              FROM crm_contract_installment i
              JOIN crm_contract c ON c.id = i.contract_id
             WHERE c.state IN ('confirmed', 'done', 'cancelled')
               AND (c.state != 'cancelled' OR i.paid_amount > 0)
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
