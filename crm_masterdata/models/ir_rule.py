from odoo import api, models

from .crm_scope_search_mixin import ScopeImplied

IMPLIED_KEY = "crm_scope_implied"


def _implied_marker(context):
    """The ``ScopeImplied`` marker of ``context``, or ``None``: any other
    value under the key (a string sent by a client) means nothing."""
    value = context.get(IMPLIED_KEY)
    return value if isinstance(value, ScopeImplied) else None


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _compute_domain_keys(self):
        # rule domains are cached per value of these context keys
        return super()._compute_domain_keys() + [IMPLIED_KEY]

    def _compute_domain_context_values(self):
        """The cache key holds the marker only when it is the server's own
        ``ScopeImplied`` object: whatever else a caller puts under the key
        computes the same domains as no key, so it shares their cache entry
        (and cannot fill the cache with one entry per value it invents)."""
        keys = self._compute_domain_keys()
        for key, value in zip(
            keys, super()._compute_domain_context_values(), strict=True
        ):
            yield _implied_marker(self.env.context) if key == IMPLIED_KEY else value

    @api.model
    def _eval_context(self):
        """Odoo evaluates rules with ``user`` stripped of its context; the one
        key kept is the ``ScopeImplied`` marker of ``crm.scope.search.mixin``,
        which only the server can put there."""
        context = super()._eval_context()
        implied = _implied_marker(self.env.context)
        if implied:
            context["user"] = context["user"].with_context(crm_scope_implied=implied)
        return context
