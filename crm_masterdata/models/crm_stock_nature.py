from odoo import fields, models


class CrmStockNature(models.Model):
    """入库性质 / 出库性质: why goods enter or leave a warehouse (purchase receipt,
    sales return, sales delivery, internal use...)."""

    _name = "crm.stock.nature"
    _inherit = ["crm.masterdata.mixin"]
    _description = "Stock Movement Nature"
    _order = "direction, sequence, code, id"

    direction = fields.Selection(
        [("inbound", "Inbound"), ("outbound", "Outbound")],
        required=True,
        default="inbound",
        index=True,
    )
    note = fields.Text(string="Notes")
