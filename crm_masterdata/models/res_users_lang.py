from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _crm_lang(self):
        """The language of the texts the suite stores for this user (activity
        summaries and notes, reminders): the user's own, else their company's,
        else the current one. Use it as
        ``record.with_context(lang=user._crm_lang()).env._("...")``."""
        self.ensure_one()
        user = self.sudo()
        return user.lang or user.company_id._crm_lang() or self.env.lang or "en_US"


class ResCompany(models.Model):
    _inherit = "res.company"

    def _crm_lang(self):
        """The language of the texts the suite stores for everyone who reads a
        record (descriptions, chatter messages, cron messages): the company
        partner's language, else the current one."""
        company = self[:1].sudo() or self.env.company.sudo()
        return company.partner_id.lang or self.env.lang or "en_US"
