from odoo import models


class CrmSupplierCategory(models.Model):
    """供应商类别."""

    _name = "crm.supplier.category"
    _inherit = ["crm.masterdata.mixin"]
    _description = "Supplier Category"
