from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """An activity marked done on a customer or one of its contacts is a
        follow-up of the customer."""
        partner_ids = [
            activity.res_id
            for activity in self.sudo()
            if activity.res_model == "res.partner" and activity.res_id
        ]
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if partner_ids:
            partners = self.env["res.partner"].sudo().browse(partner_ids).exists()
            partners.filtered("crm_is_customer")._crm_touch_followup()
        return result
