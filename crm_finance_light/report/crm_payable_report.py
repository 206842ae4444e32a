from odoo import fields, models
from odoo.tools import SQL

from .crm_receivable_report import ageing_columns


class CrmPayableReport(models.Model):
    """应付: the confirmed bills not fully paid, by supplier and age."""

    _name = "crm.payable.report"
    _inherit = ["crm.ageing.mixin"]
    _description = "Payables Ageing"
    _auto = False
    _order = "due_date, id"
    _rec_name = "bill_id"
    _depends = {
        "crm.supplier.bill": [
            "partner_id",
            "purchase_type_id",
            "user_id",
            "department_id",
            "company_id",
            "currency_id",
            "due_date",
            "amount_total",
            "paid_amount",
            "residual_amount",
            "state",
        ],
    }
    _crm_scope_app = "finance"
    _crm_scope_owner_field = "user_id"
    _crm_scope_assignee_fields = ()

    bill_id = fields.Many2one("crm.supplier.bill", string="Bill", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Supplier", readonly=True)
    purchase_type_id = fields.Many2one(
        "crm.purchase.type", string="Purchase Type", readonly=True
    )
    user_id = fields.Many2one("res.users", string="Owner", readonly=True)
    department_id = fields.Many2one("hr.department", string="Department", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT b.id, b.id AS bill_id, b.partner_id, b.purchase_type_id,
                   b.user_id, b.department_id, b.company_id, b.currency_id,
                   b.due_date, b.amount_total AS amount, b.paid_amount,
                   b.residual_amount, %s
              FROM crm_supplier_bill b
             WHERE b.state = 'confirmed' AND b.residual_amount > 0
            """,
            ageing_columns(
                self._crm_ageing_date(), SQL("b.due_date"), SQL("b.residual_amount")
            ),
        )
