from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

KINDS = [
    ("daily", "Daily"),
    ("weekly", "Weekly"),
    ("monthly", "Monthly"),
]


class CrmWorkLog(models.Model):
    """日志: what its author did (已做), plans to do (待做/计划) and learnt
    (总结经验得失) on a day, week or month, linked to customers and tasks,
    addressed to recipients (users and departments) whose reading is recorded
    (已读/未读)."""

    _name = "crm.work.log"
    _inherit = [
        "crm.scope.mixin",
        "crm.work.link.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _description = "Work Log"
    _order = "date desc, id desc"
    _crm_scope_app = "work"
    _crm_protected_fields = ()
    _crm_m2m_link_access = {"partner_ids": "read", "task_ids": "read"}

    kind = fields.Selection(KINDS, required=True, default="daily", tracking=True)
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        index=True,
        tracking=True,
        help="The day of a daily log, or a day of the week or month it covers.",
    )
    user_id = fields.Many2one(string="Author", tracking=True)
    done = fields.Html(string="Done", help="已做: what was done.")
    plan = fields.Html(string="Plan", help="待做/计划: what comes next.")
    lessons = fields.Html(
        string="Problems and Lessons", help="总结经验得失: problems met, lessons learnt."
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "crm_work_log_partner_rel",
        "log_id",
        "partner_id",
        string="Customers",
        domain="[('crm_is_customer', '=', True), ('parent_id', '=', False)]",
    )
    task_ids = fields.Many2many(
        "crm.work.task",
        "crm_work_log_task_rel",
        "log_id",
        "task_id",
        string="Tasks",
    )
    recipient_user_ids = fields.Many2many(
        "res.users",
        "crm_work_log_recipient_user_rel",
        "log_id",
        "user_id",
        string="Recipients",
        domain="[('share', '=', False)]",
        help="People notified of this log; their reading is recorded.",
    )
    recipient_department_ids = fields.Many2many(
        "hr.department",
        "crm_work_log_recipient_department_rel",
        "log_id",
        "department_id",
        string="Recipient Departments",
        help="Departments whose members are notified of this log.",
    )
    receipt_ids = fields.One2many(
        "crm.work.log.receipt", "log_id", string="Read Receipts", readonly=True
    )
    comment_ids = fields.One2many("crm.work.comment", "log_id", string="Coaching")
    comment_count = fields.Integer(compute="_compute_comment_count")
    is_read = fields.Boolean(
        string="Read by Me",
        compute="_compute_is_read",
        search="_search_is_read",
        help="Whether you have read this log addressed to you.",
    )

    def init(self):
        super().init()
        # the completeness query (who wrote their daily log) and each
        # person's first page of logs
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS crm_work_log_user_date_index"
                " ON crm_work_log (user_id, kind, date DESC, id DESC)"
            )
        )

    @api.depends("kind", "date", "user_id")
    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for log in self:
            log.display_name = " ".join(
                part
                for part in (
                    log.user_id.name,
                    log.date and log.date.strftime("%Y-%m-%d"),
                    labels.get(log.kind),
                )
                if part
            )

    def _compute_comment_count(self):
        groups = self.env["crm.work.comment"]._read_group(
            [("log_id", "in", self.ids)], ["log_id"], ["__count"]
        )
        counts = {log.id: count for log, count in groups}
        for log in self:
            log.comment_count = counts.get(log.id, 0)

    def _compute_is_read(self):
        read_ids = set(
            self.env["crm.work.log.receipt"]
            .sudo()
            .search(
                [
                    ("log_id", "in", self.ids),
                    ("user_id", "=", self.env.uid),
                    ("date_read", "!=", False),
                ]
            )
            .log_id.ids
        )
        for log in self:
            log.is_read = log.id in read_ids

    def _search_is_read(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Read by Me."))
        positive = (operator == "=") == value
        receipts = self.env["crm.work.log.receipt"].sudo()._search(
            [("user_id", "=", self.env.uid), ("date_read", "!=", False)]
        )
        return [("id", "in" if positive else "not in", receipts.subselect("log_id"))]

    @api.constrains("date")
    def _check_date(self):
        for log in self:
            today = fields.Date.context_today(log)
            if log.date and log.date > today:
                raise ValidationError(
                    self.env._("A work log cannot be dated in the future.")
                )

    @api.constrains("kind", "date", "user_id")
    def _check_unique_daily(self):
        for log in self.filtered(lambda rec: rec.kind == "daily"):
            count = self.sudo().search_count(
                [
                    ("user_id", "=", log.user_id.id),
                    ("kind", "=", "daily"),
                    ("date", "=", log.date),
                    ("id", "!=", log.id),
                ],
                limit=1,
            )
            if count:
                raise ValidationError(
                    self.env._(
                        "%(user)s already has a daily log for %(date)s.",
                        user=log.user_id.name,
                        date=log.date,
                    )
                )


class CrmWorkLogReceipt(models.Model):
    """已读/未读: one row per recipient of a log, written by the log's own
    methods only."""

    _name = "crm.work.log.receipt"
    _inherit = ["crm.protected.mixin"]
    _description = "Work Log Read Receipt"
    _order = "date_read desc, id"
    _crm_protected_fields = ("log_id", "user_id", "date_read")

    log_id = fields.Many2one(
        "crm.work.log", string="Log", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        "res.users", string="Recipient", required=True, index=True, ondelete="cascade"
    )
    date_read = fields.Datetime(string="Read On", readonly=True)
    is_read = fields.Boolean(string="Read", compute="_compute_is_read")
    company_id = fields.Many2one(related="log_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "receipt_uniq",
            "unique(log_id, user_id)",
            "A recipient has one read receipt per log.",
        ),
    ]

    @api.depends("date_read")
    def _compute_is_read(self):
        for receipt in self:
            receipt.is_read = bool(receipt.date_read)
