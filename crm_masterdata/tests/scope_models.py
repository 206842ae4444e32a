from odoo import fields, models


class CrmScopeSample(models.Model):
    """A business record of a test app that uses the scope mixin."""

    _name = "crm.scope.sample"
    _inherit = "crm.scope.mixin"
    _description = "Scope Sample"
    _crm_scope_app = "sales"
    _crm_scope_assignee_fields = ("helper_ids",)

    name = fields.Char(required=True)
    helper_ids = fields.Many2many("res.users", string="Assigned To")
