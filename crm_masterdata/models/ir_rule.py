from odoo import api, models


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _compute_domain_keys(self):
        # rule domains are cached per value of these context keys
        return super()._compute_domain_keys() + ["crm_scope_implied"]

    @api.model
    def _eval_context(self):
        """Odoo evaluates rules with ``user`` stripped of its context; the one
        key kept is the ``ScopeImplied`` marker of ``crm.scope.search.mixin``,
        which only the server can put there."""
        context = super()._eval_context()
        implied = self.env.context.get("crm_scope_implied")
        if implied:
            context["user"] = context["user"].with_context(crm_scope_implied=implied)
        return context
