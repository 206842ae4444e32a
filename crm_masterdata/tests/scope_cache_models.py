from odoo import api, fields, models


class CrmScopeSampleInScope(models.Model):
    """The sample record with a "within my scope" filter, as customers have
    one (``crm_in_scope``): a search that reads the scope cache with the
    caller's context."""

    _inherit = "crm.scope.sample"

    in_scope = fields.Boolean(compute="_compute_in_scope", search="_search_in_scope")

    @api.depends_context("uid")
    def _compute_in_scope(self):
        user_ids = self._crm_scope_visible_user_ids()
        for record in self:
            record.in_scope = user_ids is None or record.user_id.id in user_ids

    def _search_in_scope(self, operator, value):
        user_ids = self._crm_scope_visible_user_ids()
        domain = [(1, "=", 1)] if user_ids is None else [("user_id", "in", user_ids)]
        return domain if (operator == "=") == bool(value) else ["!"] + domain
