from odoo import Command, fields, models
from odoo.exceptions import UserError


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

    def crm_assign(self, user_id=False, reason=None, to_pool=False):
        """分配 / 转移 for scripts: give these customer accounts to the user
        ``user_id`` (or back to the pool with ``to_pool=True``) for
        ``reason``, as the Assign wizard does (same code, same checks: a
        manager who edits within their scope; the customers and the new owner
        in that scope). Returns ``{"assigned_ids": [...], "user_id",
        "message"}``: the customers the new owner (``False``: the pool) now
        has."""
        user = _crm_script_user(self.env, user_id)
        wizard = self.env["crm.customer.assign"].create(
            {
                "partner_ids": [Command.set(self.ids)],
                "user_id": user.id,
                "to_pool": bool(to_pool),
                "reason": reason or "",
            }
        )
        result = wizard.action_confirm()
        owner = self.env["res.users"] if to_pool else user
        assigned = self.sudo().filtered(lambda p: p.user_id == owner)
        return {
            "assigned_ids": assigned.ids,
            "user_id": owner.id or False,
            "message": _notification_message(result),
        }


class ResUsers(models.Model):
    """Public methods for scripts on users (readme/USAGE.md "Scripts")."""

    _inherit = "res.users"  # pylint: disable=consider-merging-classes-inherited

    def crm_hand_over(self, user_id=False, reason=None, to_pool=False):
        """交接 for scripts: all the customers of this (leaving, possibly
        archived) user go to the user ``user_id``, or back to the pool with
        ``to_pool=True``, for ``reason``, as the Hand Over wizard does (same
        code, same checks). Returns ``{"handed_over_ids": [...], "user_id",
        "message"}``."""
        self.ensure_one()
        leaver = _crm_script_user(self.env, self.id)
        user = _crm_script_user(self.env, user_id)
        wizard = self.env["crm.customer.handover"].create(
            {
                "from_user_id": leaver.id,
                "user_id": user.id,
                "to_pool": bool(to_pool),
                "reason": reason or "",
            }
        )
        # read as superuser only to compare before/after; action_confirm
        # checks the caller's rights and scope before anything changes
        before = self.env["res.partner"].sudo().search(wizard._customers_domain())
        result = wizard.action_confirm()
        owner = self.env["res.users"] if to_pool else user
        handed_over = before.filtered(lambda p: p.user_id == owner)
        return {
            "handed_over_ids": handed_over.ids,
            "user_id": owner.id or False,
            "message": _notification_message(result),
        }


def _crm_script_user(env, user_id):
    """The user ``user_id`` given by a script (archived users included; an
    empty recordset for ``False``); a UserError when there is no such user."""
    if not user_id:
        return env["res.users"]
    users = env["res.users"].sudo().with_context(active_test=False)
    if not isinstance(user_id, int) or not users.browse(user_id).exists():
        raise UserError(env._("There is no user with the id %(id)s.", id=user_id))
    return env["res.users"].browse(user_id)


def _notification_message(action):
    """The message of a ``display_notification`` client action."""
    params = (action or {}).get("params") or {}
    return params.get("message", "")
