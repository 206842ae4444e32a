from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_customer_max_per_user = fields.Integer(
        related="company_id.crm_customer_max_per_user", readonly=False
    )
    crm_pool_cooldown_days = fields.Integer(
        related="company_id.crm_pool_cooldown_days", readonly=False
    )
    crm_pool_notify_days = fields.Integer(
        related="company_id.crm_pool_notify_days", readonly=False
    )
    crm_pool_keep_recent_days = fields.Integer(
        related="company_id.crm_pool_keep_recent_days", readonly=False
    )
