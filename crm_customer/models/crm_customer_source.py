from odoo import fields, models


class CrmCustomerSource(models.Model):
    """客户来源: where a customer came from (trade show, referral, ...). The suite
    does not depend on Odoo's utm, which may not be installed."""

    _name = "crm.customer.source"
    _description = "Customer Source"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
