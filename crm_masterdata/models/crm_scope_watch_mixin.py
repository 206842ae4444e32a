from odoo import api, models


class CrmScopeWatchMixin(models.AbstractModel):
    """Clears the cached record-rule domains when a field that changes who
    sees what is written (Odoo caches ``ir.rule._compute_domain`` per user and
    nothing in Odoo clears it when the organisation changes).

    The scope is read with SQL (``res.users._crm_scope_user_ids``), so that a
    rule's evaluation flushes nothing. For that SQL to see every change, the
    watched fields are written to the database as soon as they change (a
    create or a write of one of them flushes them, with the computed fields
    they move, such as an employee's manager when their department changes),
    and the caches are cleared again whenever a flush writes a watched field,
    however it came to be pending."""

    _name = "crm.scope.watch.mixin"
    _description = "Scope Cache Invalidation"

    # fields whose change moves people in or out of someone's scope
    _crm_scope_watched_fields = ()
    # models whose watched fields move with this one's (computed fields)
    _crm_scope_watch_models = ("hr.employee", "hr.department")

    def _crm_scope_changed(self):
        self._crm_scope_flush()
        self.env.registry.clear_cache()

    def _crm_scope_flush(self):
        """Write the pending scope fields of the watched models now."""
        for model_name in self._crm_scope_watch_models:
            if model_name in self.env:
                model = self.env[model_name]
                fnames = [
                    fname
                    for fname in getattr(model, "_crm_scope_watched_fields", ())
                    if fname in model._fields
                ]
                if fnames:
                    model.flush_model(fnames)

    def _flush(self, fnames=None):
        watched = {
            self._fields[fname]
            for fname in self._crm_scope_watched_fields
            if fname in self._fields
        }
        before = watched & set(self.env.cache.get_dirty_fields())
        try:
            return super()._flush(fnames)
        finally:
            if before - set(self.env.cache.get_dirty_fields()):
                # a watched field reached the database: scopes computed
                # meanwhile from the previous values must go
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
