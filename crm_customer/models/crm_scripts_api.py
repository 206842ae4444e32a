from odoo import models


class ResPartner(models.Model):
    """Public methods for scripts (XML-RPC): the buttons' operations,
    returning data instead of a client action (readme/USAGE.md "Scripts")."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def crm_claim(self):
        """领取 for scripts: the same operation (and checks) as the Claim button
        (:meth:`action_claim`). Returns ``{"claimed_ids": [...], "message":
        "..."}``: the customers the caller now owns, and the message the button
        shows (what was not claimed and why)."""
        user = self.env.user
        # read as superuser only to compare before/after; action_claim checks
        # the caller's access before anything changes
        owned_before = self.sudo().filtered(lambda p: p.user_id == user)
        result = self.action_claim()
        claimed = self.sudo().filtered(lambda p: p.user_id == user) - owned_before
        return {
            "claimed_ids": claimed.ids,
            "message": _notification_message(result),
        }


def _notification_message(action):
    """The message of a ``display_notification`` client action."""
    params = (action or {}).get("params") or {}
    return params.get("message", "")
