from odoo import fields, models


class CrmWarehouse(models.Model):
    """仓库: a place where the company keeps goods."""

    _name = "crm.warehouse"
    _inherit = ["crm.masterdata.mixin"]
    _description = "Warehouse"

    address = fields.Text()
    manager_id = fields.Many2one(
        "res.users",
        string="Warehouse Keeper",
        ondelete="restrict",
        check_company=True,
        domain="[('share', '=', False)]",
    )
    phone = fields.Char()
