from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmWorkComment(models.Model):
    """指导意见 on a task / 辅导意见 on a log: a manager's comment, within
    their scope, listed under the task or log and read by whoever reads it.

    A model rather than bare chatter: the comments are listed apart from the
    tracking and system messages, their author is protected, and they can be
    counted and searched (which logs got no coaching)."""

    _name = "crm.work.comment"
    _inherit = ["crm.protected.mixin"]
    _description = "Guidance and Coaching"
    _order = "date desc, id desc"
    _rec_name = "body"
    _crm_protected_fields = ("author_id", "date")

    task_id = fields.Many2one(
        "crm.work.task", string="Task", index="btree_not_null", ondelete="cascade"
    )
    log_id = fields.Many2one(
        "crm.work.log", string="Work Log", index="btree_not_null", ondelete="cascade"
    )
    kind = fields.Selection(
        [("guidance", "Guidance"), ("coaching", "Coaching")],
        compute="_compute_kind",
        store=True,
    )
    body = fields.Text(string="Comment", required=True)
    author_id = fields.Many2one(
        "res.users",
        string="Author",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    date = fields.Datetime(default=fields.Datetime.now, readonly=True)
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        index=True,
    )

    _sql_constraints = [
        (
            "one_target",
            "CHECK((task_id IS NULL) != (log_id IS NULL))",
            "A comment is on one task or one work log.",
        ),
    ]

    @api.depends("task_id", "log_id")
    def _compute_kind(self):
        for comment in self:
            comment.kind = "guidance" if comment.task_id else "coaching"

    @api.depends("task_id.company_id", "log_id.company_id")
    def _compute_company_id(self):
        for comment in self:
            comment.company_id = (comment.task_id or comment.log_id).company_id

    @api.model
    def _crm_check_can_comment(self, record):
        """Managers comment on the tasks and logs of the people in their Work
        scope (not on their own)."""
        if self.env.su:
            return
        record.check_access("read")
        user = self.env.user
        visible = record._crm_scope_visible_user_ids()
        if record.user_id == user or (
            visible is not None and record.user_id.id not in visible
        ):
            raise UserError(
                self.env._(
                    "Only a manager whose scope includes %(person)s can comment "
                    "on their %(record)s.",
                    person=record.user_id.name,
                    record=record._description,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        comments = super().create(vals_list)
        for comment in comments:
            self._crm_check_can_comment(comment.task_id or comment.log_id)
        comments._crm_notify_owner()
        return comments

    def write(self, vals):
        if {"task_id", "log_id"} & set(vals) and not self.env.su:
            raise UserError(
                self.env._("A comment cannot be moved to another task or log.")
            )
        return super().write(vals)

    def _crm_notify_owner(self):
        """Notify the task's owner or the log's author, in their language."""
        for comment in self:
            record = comment.task_id or comment.log_id
            owner = record.user_id
            if not owner or owner == comment.author_id:
                continue
            lang = owner._crm_lang()
            record_l = record.with_context(lang=lang)
            if comment.task_id:
                subject = record_l.env._(
                    "Guidance from %(author)s on %(record)s",
                    author=comment.author_id.name,
                    record=record.display_name,
                )
            else:
                subject = record_l.env._(
                    "Coaching from %(author)s on %(record)s",
                    author=comment.author_id.name,
                    record=record.display_name,
                )
            record_l.sudo().message_notify(
                partner_ids=owner.partner_id.ids,
                subject=subject,
                body=comment.body,
                author_id=comment.author_id.partner_id.id,
                email_layout_xmlid="mail.mail_notification_light",
            )
