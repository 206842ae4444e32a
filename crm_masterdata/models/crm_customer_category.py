from odoo import fields, models


class CrmCustomerCategory(models.Model):
    """客户类别: groups customers and gives them their sales price list."""

    _name = "crm.customer.category"
    _inherit = ["crm.masterdata.mixin"]
    _description = "Customer Category"

    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Sales Price List",
        ondelete="restrict",
        check_company=True,
        help="Prices of the customers of this category (quantity breaks, validity "
        "dates); without one, a customer's own price list or the product's sales "
        "price applies.",
    )
    description = fields.Text()
