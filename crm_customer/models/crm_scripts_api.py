from odoo import Command, fields, models


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

    def crm_followup(self, kind="phone", note=None, next_date=None):
        """跟进 for scripts: record a follow-up of this customer as the Follow
        Up wizard does (same code, same checks): ``kind`` (phone, visit,
        wechat, email, other), ``note``, ``next_date`` (``YYYY-MM-DD``: an
        activity for the owner). Returns ``{"partner_id", "last_followup_date",
        "message"}``."""
        self.ensure_one()
        wizard = self.env["crm.customer.followup"].create(
            {
                "partner_id": self.id,
                "kind": kind,
                "note": note or False,
                "next_date": next_date or False,
            }
        )
        result = wizard.action_confirm()
        account = self.commercial_partner_id
        return {
            "partner_id": account.id,
            "last_followup_date": fields.Date.to_string(
                account.sudo().crm_last_followup_date
            ),
            "message": _notification_message(result),
        }

    def crm_release(self, reason):
        """放弃 for scripts: put these customers back in the pool with
        ``reason``, as the Release wizard does (same code, same checks).
        Returns ``{"released_ids": [...], "message": "..."}``."""
        in_pool_before = self.sudo().filtered("crm_is_pool")
        wizard = self.env["crm.customer.release"].create(
            {"partner_ids": [Command.set(self.ids)], "reason": reason}
        )
        result = wizard.action_confirm()
        released = self.sudo().filtered("crm_is_pool") - in_pool_before
        return {
            "released_ids": released.ids,
            "message": _notification_message(result),
        }


def _notification_message(action):
    """The message of a ``display_notification`` client action."""
    params = (action or {}).get("params") or {}
    return params.get("message", "")
