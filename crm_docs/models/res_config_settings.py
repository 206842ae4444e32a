from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_docs_max_file_mb = fields.Integer(
        related="company_id.crm_docs_max_file_mb", readonly=False
    )
    crm_docs_blocked_extensions = fields.Char(
        related="company_id.crm_docs_blocked_extensions", readonly=False
    )
