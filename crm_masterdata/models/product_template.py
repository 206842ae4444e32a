from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    crm_floor_price = fields.Float(
        string="Floor Price",
        digits="Product Price",
        help="Lowest unit sales price (tax included) a salesperson may agree without "
        "a manager's approval.",
    )

    _sql_constraints = [
        (
            "crm_floor_price_positive",
            "CHECK(crm_floor_price >= 0)",
            "The floor price of a product cannot be negative.",
        ),
    ]

    @api.constrains("company_id")
    def _check_crm_default_code_company(self):
        # moving a product to another company may clash with a code there
        self.product_variant_ids._check_crm_default_code_unique()
