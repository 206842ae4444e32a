from odoo import api, models


class CrmScopeWatchMixin(models.AbstractModel):
    """Clears the cached record-rule domains when a field that changes who
    sees what is written (Odoo caches ``ir.rule._compute_domain`` per user and
    nothing in Odoo clears it when the organisation changes)."""

    _name = "crm.scope.watch.mixin"
    _description = "Scope Cache Invalidation"

    # fields whose change moves people in or out of someone's scope
    _crm_scope_watched_fields = ()

    def _crm_scope_changed(self):
        self.env.registry.clear_cache()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self._crm_scope_changed()
        return records

    def write(self, vals):
        res = super().write(vals)
        if set(self._crm_scope_watched_fields) & set(vals):
            self._crm_scope_changed()
        return res

    def unlink(self):
        res = super().unlink()
        self._crm_scope_changed()
        return res
