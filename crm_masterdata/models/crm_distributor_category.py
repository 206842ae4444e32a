from odoo import models


class CrmDistributorCategory(models.Model):
    """分销商类别."""

    _name = "crm.distributor.category"
    _inherit = ["crm.masterdata.mixin"]
    _description = "Distributor Category"
