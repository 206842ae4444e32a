from contextlib import contextmanager
from contextvars import ContextVar

from odoo import models

# {model: {(res_id, partner_id)}}: the recipients of the reminders that
# crm.reminder._crm_send is creating, who must not be made followers of the
# reminded records. A context variable of this process, set only by server code
# for the duration of one create(): unlike a context key, no RPC client can set
# it, and it covers exactly those records and partners.
_NO_FOLLOW = ContextVar("crm_reminder_no_follow", default=None)


@contextmanager
def crm_reminder_no_follow(followers):
    """Within the block, ``message_subscribe`` of the given (record id,
    partner id) pairs, per model, does nothing."""
    token = _NO_FOLLOW.set(followers)
    try:
        yield
    finally:
        _NO_FOLLOW.reset(token)


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # reminders sent by crm.reminder put an activity on the recipient's list;
        # they do not make the recipient follow every reminded record (thousands
        # of installments a day would flood their inbox and cost a follower row
        # each)
        skip = _NO_FOLLOW.get()
        if skip and partner_ids and not subtype_ids:
            pairs = skip.get(self._name, ())
            if all((rid, pid) in pairs for rid in self.ids for pid in partner_ids):
                return True
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )
