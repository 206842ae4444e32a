from odoo import fields, models


class CrmCustomerType(models.Model):
    """客户类型: where a customer stands (first contact ... formal customer), and
    how long an owner keeps it without follow-up before it returns to the pool."""

    _name = "crm.customer.type"
    _description = "Customer Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    pool_return_days = fields.Integer(
        string="Return to Pool After (Days)",
        default=0,
        help="A customer of this type goes back to the customer pool when its owner "
        "has neither followed it up nor got it since this many days. 0: never.",
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        (
            "pool_return_days_positive",
            "CHECK(pool_return_days >= 0)",
            "The days before a customer returns to the pool cannot be negative.",
        ),
    ]
