from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.res_partner_pool import crm_date_text


class CrmCustomerFollowup(models.TransientModel):
    """跟进: record a follow-up of a customer (a call, a visit, a WeChat
    conversation...) in its chatter, move its "last follow-up" date and,
    optionally, schedule the next follow-up for the owner."""

    _name = "crm.customer.followup"
    _description = "Record a Customer Follow-up"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, ondelete="cascade"
    )
    kind = fields.Selection(
        [
            ("phone", "Phone"),
            ("visit", "Visit"),
            ("wechat", "WeChat"),
            ("email", "E-mail"),
            ("other", "Other"),
        ],
        required=True,
        default="phone",
    )
    note = fields.Text()
    next_date = fields.Date(
        string="Next Follow-up",
        help="Schedules an activity for the customer's owner on this date.",
    )

    @api.onchange("next_date")
    def _onchange_next_date(self):
        if self.next_date and self.next_date < fields.Date.context_today(self):
            self.next_date = False
            return {
                "warning": {
                    "title": self.env._("Next follow-up"),
                    "message": self.env._("The next follow-up cannot be in the past."),
                }
            }
        return None

    def action_confirm(self):
        """Log the follow-up as a note of the customer (as the current user,
        who must be allowed to edit the customer: its owner, or a manager who
        edits within scope), move the follow-up date, schedule the next one."""
        self.ensure_one()
        partner = self.partner_id
        account = partner.commercial_partner_id
        if account.sudo().crm_is_pool and not partner.has_access("write"):
            # the pool-return job took it back while the wizard was open (seen
            # under load): say so, not "no write access"
            raise UserError(
                self.env._(
                    "%(name)s has returned to the customer pool: claim it to "
                    "follow it up.",
                    name=account.display_name,
                )
            )
        partner.check_access("write")
        if not account.sudo().crm_is_customer:
            raise UserError(self.env._("Only customers are followed up."))
        if self.next_date and self.next_date < fields.Date.context_today(self):
            raise UserError(self.env._("The next follow-up cannot be in the past."))
        # the note is read by everyone who opens the customer: the company's
        # language; the next follow-up's to-do by the owner: the owner's
        company_env = account._crm_company_env()
        kind = dict(self._fields["kind"]._description_selection(company_env))[self.kind]
        body = Markup("<p><b>%s</b></p>") % company_env._(
            "Follow-up (%(kind)s)", kind=kind
        )
        if self.note:
            body += Markup("<p>%s</p>") % self.note
        partner.message_post(
            body=body, message_type="comment", subtype_xmlid="mail.mt_note"
        )
        account.sudo()._crm_touch_followup()
        owner = account.sudo().crm_owner_id
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        # a second follow-up naming the same next date does not stack a second
        # to-do for it (seen under load: two follow-ups of one customer within
        # a minute gave its owner the same to-do twice)
        if (
            self.next_date
            and owner
            and not self.env["mail.activity"]
            .sudo()
            .search_count(
                [
                    ("res_model", "=", partner._name),
                    ("res_id", "=", partner.id),
                    ("user_id", "=", owner.id),
                    ("activity_type_id", "=", todo_type.id),
                    ("date_deadline", "=", self.next_date),
                ],
                limit=1,
            )
        ):
            partner.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=self.next_date,
                summary=self.with_context(lang=owner._crm_lang()).env._(
                    "Follow up %(name)s", name=account.name
                ),
                user_id=owner.id,
            )
        message = self.env._("Follow-up of %(name)s recorded.", name=account.name)
        if self.next_date and owner:
            message = self.env._(
                "Follow-up of %(name)s recorded; next one on %(date)s.",
                name=account.name,
                date=crm_date_text(self.env, self.next_date),
            )
        return self.env["crm.protected.mixin"]._crm_notify(message, close=True)
