from odoo import fields, models


class CrmPurchaseType(models.Model):
    """采购类型: why goods are bought (regular, urgent, for a project...)."""

    _name = "crm.purchase.type"
    _inherit = ["crm.masterdata.mixin"]
    _description = "Purchase Type"

    note = fields.Text(string="Notes")
