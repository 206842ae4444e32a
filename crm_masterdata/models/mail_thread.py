from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # reminders sent by crm.reminder put an activity on the recipient's list;
        # they do not make the recipient follow every reminded record (thousands
        # of installments a day would flood their inbox and cost a follower row
        # each)
        if self.env.context.get("crm_reminder_no_follow"):
            return True
        return super().message_subscribe(
            partner_ids=partner_ids, subtype_ids=subtype_ids
        )
