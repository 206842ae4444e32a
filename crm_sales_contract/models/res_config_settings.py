from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_company_currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", string="Company Currency"
    )
    crm_contract_approval_amount = fields.Monetary(
        related="company_id.crm_contract_approval_amount",
        currency_field="crm_company_currency_id",
        readonly=False,
    )
    crm_reminder_days_before = fields.Integer(
        related="company_id.crm_reminder_days_before", readonly=False
    )
    crm_overdue_manager_days = fields.Integer(
        related="company_id.crm_overdue_manager_days", readonly=False
    )
    crm_overdue_all_days = fields.Integer(
        related="company_id.crm_overdue_all_days", readonly=False
    )
    crm_renewal_days = fields.Integer(
        related="company_id.crm_renewal_days", readonly=False
    )
    crm_credit_hold_days = fields.Integer(
        related="company_id.crm_credit_hold_days", readonly=False
    )
