from datetime import datetime, time, timedelta

import pytz
from lxml import html as lxml_html
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, html2plaintext, is_html_empty, sql

from .crm_work_links import any_of_users

WORK_OWN_GROUP = "crm_worklog.crm_worklog_group_own"
BLOCK_TAGS = ("p", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "pre")
# the lines of a plan that become activities, at most
PLAN_MAX_LINES = 20

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
        "mail.thread",
        "mail.activity.mixin",
    ]
    _description = "Work Log"
    _order = "date desc, id desc"
    _crm_scope_app = "work"
    _crm_protected_fields = ("plan_scheduled",)
    # many2many links checked by crm.protected.mixin: each added needs read
    _crm_link_access = {"partner_ids": "read", "task_ids": "read"}

    kind = fields.Selection(KINDS, required=True, default="daily", tracking=True)
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="The day of a daily log, or a day of the week or month it covers.",
    )
    user_id = fields.Many2one(string="Author", tracking=True)
    done = fields.Html(string="Work Done", help="已做: what was done.")
    plan = fields.Html(help="待做/计划: what comes next.")
    lessons = fields.Html(
        string="Problems and Lessons",
        help="总结经验得失: problems met, lessons learnt.",
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
    addressed_user_ids = fields.Many2many(
        "res.users",
        string="Addressed To",
        compute="_compute_addressed_user_ids",
        search="_search_addressed_user_ids",
        compute_sudo=True,
        help="The people this log was sent to (its read receipts): its recipients "
        "and the members of its recipient departments.",
    )
    addressed_beyond_scope_ids = fields.Many2many(
        "res.users",
        string="Addressed To (Record Rule)",
        compute="_compute_addressed_user_ids",
        search="_search_addressed_beyond_scope_ids",
        compute_sudo=True,
        help="Technical: the record rule's way to the logs addressed to a reader.",
    )
    comment_ids = fields.One2many("crm.work.comment", "log_id", string="Coaching")
    comment_count = fields.Integer(compute="_compute_comment_count")
    is_read = fields.Boolean(
        string="Read by Me",
        compute="_compute_is_read",
        search="_search_is_read",
        help="Whether you have read this log addressed to you.",
    )

    plan_scheduled = fields.Boolean(
        readonly=True,
        copy=False,
        help="The plan's lines became activities of the next working day.",
    )
    is_recipient = fields.Boolean(compute="_compute_is_read")

    def init(self):
        res = super().init()
        # the completeness query (who wrote their daily log) and each
        # person's first page of logs
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS crm_work_log_user_date_index"
                " ON crm_work_log (user_id, kind, date DESC, id DESC)"
            )
        )
        # the default order of the lists, covering the scope rule's columns:
        # a reader's first page walks it backwards and filters on the owner
        # and company without visiting the table (an index-only scan, once
        # vacuum has marked the pages all-visible); it replaces the plain
        # index on the date, which led PostgreSQL to fetch every row it
        # filtered out
        sql.drop_index(self.env.cr, "crm_work_log_order_index", self._table)
        sql.drop_index(self.env.cr, "crm_work_log__date_index", self._table)
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS crm_work_log_order_cover_index"
                " ON crm_work_log (date DESC, id DESC) INCLUDE (user_id, company_id)"
            )
        )
        return res

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

    @api.depends("receipt_ids.user_id")
    def _compute_addressed_user_ids(self):
        for log in self:
            log.addressed_user_ids = log.receipt_ids.user_id
            log.addressed_beyond_scope_ids = log.receipt_ids.user_id

    def _search_addressed_beyond_scope_ids(self, operator, value):
        """For the record rule "within my scope OR addressed to me": the logs
        addressed to the reader whose author is outside the reader's scope
        (the scope's own arm already holds the others), so the array that
        PostgreSQL compares each row with stays short for a manager whose
        people all address their logs to them. Same union, as an index
        condition (see ``any_of_users``)."""
        if operator != "in" or not isinstance(value, list | tuple) or len(value) != 1:
            return self._search_addressed_user_ids(operator, value)
        user = self.env["res.users"].browse(int(value[0]))
        scope = user._crm_scope_user_ids(self._crm_scope_app)
        if scope is None:
            return self._search_addressed_user_ids(operator, value)
        addressed = SQL(
            "SELECT r.log_id FROM crm_work_log_receipt r"
            " JOIN crm_work_log l ON l.id = r.log_id"
            " WHERE r.user_id = %s AND l.user_id <> ALL(%s)",
            user.id,
            list(scope),
        )
        if len(scope) <= 1:
            # their own logs: PostgreSQL reads the owner's index and the
            # addressed ids (a BitmapOr), then sorts a few hundred rows
            return [("id", "=", SQL("ANY(ARRAY(%s))", addressed))]
        # people in scope: PostgreSQL walks the list's order (the covering
        # index) and filters; a hashed subquery keeps each row's test O(1)
        return [("id", "in", SQL("(%s)", addressed))]

    def _search_addressed_user_ids(self, operator, value):
        return any_of_users(
            self, "crm_work_log_receipt", "log_id", "user_id", operator, value
        )

    def _compute_comment_count(self):
        groups = self.env["crm.work.comment"]._read_group(
            [("log_id", "in", self.ids)], ["log_id"], ["__count"]
        )
        counts = {log.id: count for log, count in groups}
        for log in self:
            log.comment_count = counts.get(log.id, 0)

    @api.depends_context("uid")
    def _compute_is_read(self):
        receipts = (
            self.env["crm.work.log.receipt"]
            .sudo()
            .search([("log_id", "in", self.ids), ("user_id", "=", self.env.uid)])
        )
        addressed = {receipt.log_id.id for receipt in receipts}
        read_ids = {receipt.log_id.id for receipt in receipts if receipt.date_read}
        for log in self:
            log.is_recipient = log.id in addressed
            log.is_read = log.id in read_ids

    def _search_is_read(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Read by Me."))
        positive = (operator == "=") == value
        receipts = (
            self.env["crm.work.log.receipt"]
            .sudo()
            ._search([("user_id", "=", self.env.uid), ("date_read", "!=", False)])
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

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if (
            "done" in fields_list
            and not res.get("done")
            and res.get("kind", "daily") == "daily"
            and res.get("user_id", self.env.uid) == self.env.uid
        ):
            day = fields.Date.to_date(res.get("date")) or fields.Date.context_today(
                self
            )
            prefill = self._crm_prefill(self.env.user, day)
            res["done"] = prefill["done"]
            if (
                "partner_ids" in fields_list
                and prefill["partner_ids"]
                and not res.get("partner_ids")
            ):
                res["partner_ids"] = [Command.set(prefill["partner_ids"])]
            if (
                "task_ids" in fields_list
                and prefill["task_ids"]
                and not res.get("task_ids")
            ):
                res["task_ids"] = [Command.set(prefill["task_ids"])]
        return res

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._crm_check_author(
                [vals.get("user_id") or self.env.uid for vals in vals_list]
            )
        logs = super().create(vals_list)
        logs._crm_sync_receipts()
        logs._crm_feed_followups()
        return logs

    def write(self, vals):
        if not self.env.su:
            self._crm_check_author(self.user_id.ids)
            if vals.get("user_id"):
                self._crm_check_author([vals["user_id"]])
        res = super().write(vals)
        if {"recipient_user_ids", "recipient_department_ids"} & set(vals):
            self._crm_sync_receipts()
        if {"partner_ids", "date"} & set(vals):
            self._crm_feed_followups()
        return res

    def _crm_check_author(self, user_ids):
        """Logs are written by their author; "edit within scope" lets a
        manager edit the logs of the people in their scope."""
        user = self.env.user
        others = set(user_ids) - {user.id}
        if not others:
            return
        if user._crm_scope_can_edit("work"):
            visible = user._crm_scope_user_ids("work")
            if visible is None or others <= set(visible):
                return
        raise UserError(
            self.env._(
                "You can only write and edit your own work logs; editing the logs "
                'of others needs "Work: Edit Within Scope" and them in your scope.'
            )
        )

    # ------------------------------------------------------------------
    # recipients and read receipts (已读/未读)
    # ------------------------------------------------------------------
    def _crm_recipient_users(self):
        """The users this log is addressed to: its recipients and the members
        (with a Work role) of its recipient departments, without its author."""
        self.ensure_one()
        log = self.sudo()
        users = log.recipient_user_ids
        if log.recipient_department_ids:
            employees = (
                self.env["hr.employee"]
                .sudo()
                .search(
                    [
                        ("department_id", "in", log.recipient_department_ids.ids),
                        ("user_id", "!=", False),
                    ]
                )
            )
            users |= employees.user_id
        group = self.env.ref(WORK_OWN_GROUP)
        return (
            users.filtered(lambda u: u.active and not u.share and group in u.groups_id)
            - log.user_id
        )

    def _crm_sync_receipts(self):
        """One read receipt per recipient; the new recipients are notified (in
        their language). Receipts of removed recipients are kept when read."""
        Receipt = self.env["crm.work.log.receipt"].sudo()
        for log in self:
            users = log._crm_recipient_users()
            receipts = Receipt.search([("log_id", "=", log.id)])
            existing = receipts.user_id
            receipts.filtered(
                lambda r, users=users: r.user_id not in users and not r.date_read
            ).unlink()
            new_users = users - existing
            if not new_users:
                continue
            Receipt.create([{"log_id": log.id, "user_id": u.id} for u in new_users])
            log._crm_notify_recipients(new_users)

    def _crm_notify_recipients(self, users):
        self.ensure_one()
        by_lang = {}
        for user in users:
            by_lang.setdefault(user._crm_lang(), self.env["res.users"])
            by_lang[user._crm_lang()] |= user
        for lang, lang_users in by_lang.items():
            log = self.with_context(lang=lang)
            subject = log.env._(
                "%(author)s sent you a work log: %(log)s",
                author=self.user_id.name,
                log=log.display_name,
            )
            log.sudo().message_notify(
                partner_ids=lang_users.partner_id.ids,
                subject=subject,
                body=self.done or Markup(""),
                author_id=self.user_id.partner_id.id,
                email_layout_xmlid="mail.mail_notification_light",
            )

    def action_mark_read(self):
        """已读: record that the current user read the logs addressed to them."""
        self.check_access("read")
        receipts = (
            self.env["crm.work.log.receipt"]
            .sudo()
            .search(
                [
                    ("log_id", "in", self.ids),
                    ("user_id", "=", self.env.uid),
                    ("date_read", "=", False),
                ]
            )
        )
        if not receipts and not self.filtered("is_recipient"):
            raise UserError(self.env._("This work log is not addressed to you."))
        receipts.write({"date_read": fields.Datetime.now()})
        return self._crm_notify(self.env._("Marked as read."))

    # ------------------------------------------------------------------
    # customers: a log is a follow-up
    # ------------------------------------------------------------------
    def _crm_feed_followups(self):
        """A log linked to a customer is a follow-up of it on the log's date
        (the customer pool's rule); the link check has made sure the author
        may read the customers."""
        for log in self:
            if log.partner_ids:
                log.partner_ids.sudo()._crm_touch_followup(log.date)

    # ------------------------------------------------------------------
    # pre-fill of a daily log
    # ------------------------------------------------------------------
    @api.model
    def _crm_day_bounds(self, user, day):
        """The UTC (naive) bounds of ``day`` in the user's time zone."""
        tz = pytz.timezone(user.sudo().tz or "Asia/Shanghai")
        start = tz.localize(datetime.combine(day, time())).astimezone(pytz.utc)
        end = start + timedelta(days=1)
        return start.replace(tzinfo=None), end.replace(tzinfo=None)

    @api.model
    def _crm_prefill(self, user, day):
        """What ``user`` did on ``day``, for a new daily log: the activities
        they marked done, their follow-ups of customers, the tasks they
        updated and the service requests they handled (with crm_service).
        Returns ``{"done": html, "partner_ids": [...], "task_ids": [...]}``,
        each item read with the user's own rights."""
        start, end = self._crm_day_bounds(user, day)
        _ = self.env._
        sections = []
        partner_ids = []
        Message = self.env["mail.message"].sudo()
        messages = Message.search(
            [
                ("author_id", "=", user.partner_id.id),
                ("date", ">=", start),
                ("date", "<", end),
                ("mail_activity_type_id", "!=", False),
                ("message_type", "=", "notification"),
            ],
            order="date, id",
            limit=50,
        )
        lines = [
            f"{message.mail_activity_type_id.name}: {message.record_name or ''}"
            for message in messages
        ]
        if lines:
            sections.append((_("Activities done"), lines))
        followups = Message.search(
            [
                ("author_id", "=", user.partner_id.id),
                ("model", "=", "res.partner"),
                ("message_type", "=", "comment"),
                ("date", ">=", start),
                ("date", "<", end),
            ],
            order="date, id",
            limit=50,
        )
        Partner = self.env["res.partner"].with_user(user)
        customers = Partner.browse(followups.mapped("res_id")).exists()
        customers = customers.filtered_domain([("crm_is_customer", "=", True)])
        customers = Partner.search([("id", "in", customers.commercial_partner_id.ids)])
        lines = []
        for message in followups:
            text = html2plaintext(message.body or "").strip().replace("\n", " ")
            lines.append(f"{message.record_name or ''}: {text[:200]}")
        if lines:
            sections.append((_("Customer follow-ups"), lines))
            partner_ids = customers.ids
        tasks = (
            self.env["crm.work.task"]
            .with_user(user)
            .search(
                [
                    ("write_uid", "=", user.id),
                    ("write_date", ">=", start),
                    ("write_date", "<", end),
                ],
                limit=50,
            )
        )
        states = dict(tasks._fields["state"]._description_selection(self.env))
        lines = [
            f"{task.name} ({states[task.state]}, {task.progress:.0f}%)"
            for task in tasks
        ]
        if lines:
            sections.append((_("Tasks updated"), lines))
        # crm_service may be installed, and the author may have no service role
        Request = self.env.get("crm.service.request")
        if Request is not None and Request.with_user(user).has_access("read"):
            requests = Request.with_user(user).search(
                [
                    "|",
                    ("handler_id", "=", user.id),
                    ("user_id", "=", user.id),
                    ("write_date", ">=", start),
                    ("write_date", "<", end),
                ],
                limit=50,
            )
            states = dict(requests._fields["state"]._description_selection(self.env))
            lines = [
                f"{request.name} {request.title} ({states[request.state]})"
                for request in requests
            ]
            if lines:
                sections.append((_("Service requests handled"), lines))
        html = Markup("").join(
            Markup("<p><b>%s</b></p><ul>%s</ul>")
            % (title, Markup("").join(Markup("<li>%s</li>") % line for line in lines))
            for title, lines in sections
        )
        return {
            "done": html or False,
            "partner_ids": partner_ids,
            "task_ids": tasks.ids,
        }

    def action_prefill(self):
        """Add what the author did on the log's day to "Done" (a daily log)."""
        self.ensure_one()
        self.check_access("write")
        if self.kind != "daily":
            raise UserError(self.env._("Only a daily log is pre-filled."))
        prefill = self._crm_prefill(self.user_id, self.date)
        if not prefill["done"]:
            return self._crm_notify(
                self.env._("Nothing recorded on that day to add."), kind="info"
            )
        vals = {
            "done": (self.done if not is_html_empty(self.done) else Markup(""))
            + prefill["done"],
        }
        partners = set(prefill["partner_ids"]) - set(self.partner_ids.ids)
        tasks = set(prefill["task_ids"]) - set(self.task_ids.ids)
        if partners:
            vals["partner_ids"] = [Command.link(pid) for pid in partners]
        if tasks:
            vals["task_ids"] = [Command.link(tid) for tid in tasks]
        self.write(vals)
        return self._crm_notify(self.env._("The day's work was added."))

    # ------------------------------------------------------------------
    # plan -> next working day's activities
    # ------------------------------------------------------------------
    def _crm_plan_lines(self):
        self.ensure_one()
        if is_html_empty(self.plan):
            return []
        root = lxml_html.fragment_fromstring(self.plan, create_parent="div")
        for element in root.iter():
            if element is root or not isinstance(element.tag, str):
                continue
            if element.tag == "br" or element.tag in BLOCK_TAGS:
                element.tail = "\n" + (element.tail or "")
            if element.tag in BLOCK_TAGS:
                element.text = "\n" + (element.text or "")
        lines = []
        for raw in root.text_content().splitlines():
            line = raw.strip().lstrip("*-•·").strip()
            if line:
                lines.append(line)
        return lines[:PLAN_MAX_LINES]

    @api.model
    def _crm_next_working_day(self, company, day):
        for offset in range(1, 32):
            candidate = day + timedelta(days=offset)
            if company._crm_is_working_day(candidate):
                return candidate
        return day + timedelta(days=1)

    def action_plan_to_activities(self):
        """待做 → the next working day's to-dos: one activity of the author
        per line of the plan, once."""
        self.ensure_one()
        self.check_access("write")
        if self.user_id != self.env.user:
            raise UserError(
                self.env._("Only the author turns the plan of a log into activities.")
            )
        if self.plan_scheduled:
            raise UserError(self.env._("The plan of this log is already scheduled."))
        lines = self._crm_plan_lines()
        if not lines:
            raise UserError(self.env._("Write the plan first: one line per to-do."))
        today = fields.Date.context_today(self)
        day = max(self._crm_next_working_day(self.company_id, self.date), today)
        for line in lines:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=day,
                summary=line[:120],
                user_id=self.env.uid,
            )
        self.sudo().write({"plan_scheduled": True})
        return self._crm_notify(
            self.env._(
                "%(count)s to-dos scheduled on %(date)s.",
                count=len(lines),
                date=day.strftime("%Y-%m-%d"),
            )
        )

    def action_open_comment(self):
        """The coaching (辅导意见) dialog of a manager within scope."""
        self.ensure_one()
        self.env["crm.work.comment"]._crm_check_can_comment(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.work.comment",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "name": self.env._("Coaching"),
            "context": {"default_log_id": self.id},
        }

    # ------------------------------------------------------------------
    # submission completeness
    # ------------------------------------------------------------------
    @api.model
    def _crm_completeness(self, day, company=None, user_ids=None):
        """Who wrote a daily log for ``day`` and who did not, among the active
        internal users with a Work role of ``company`` (default the current
        one) within the current user's Work scope (``user_ids`` narrows it;
        as superuser, everyone). One SQL query (an index on the logs' author,
        kind and date). Returns ``{"written": [ids], "missing": [ids]}``."""
        company = company or self.env.company
        group = self.env.ref(WORK_OWN_GROUP)
        scope = None if self.env.su else self.env.user._crm_scope_user_ids("work")
        ids = user_ids
        if scope is not None:
            ids = scope if ids is None else sorted(set(ids) & set(scope))
        self.flush_model(["user_id", "kind", "date"])
        query = SQL(
            """
            SELECT u.id, EXISTS(
                       SELECT 1 FROM crm_work_log l
                        WHERE l.user_id = u.id AND l.kind = 'daily'
                          AND l.date = %(day)s)
              FROM res_users u
              JOIN res_groups_users_rel g ON g.uid = u.id AND g.gid = %(group)s
              JOIN res_company_users_rel c ON c.user_id = u.id AND c.cid = %(company)s
             WHERE u.active AND NOT u.share AND u.id != %(root)s
               %(restrict)s
             ORDER BY u.id
            """,
            day=day,
            group=group.id,
            company=company.id,
            root=1,
            restrict=SQL("AND u.id = ANY(%s)", list(ids)) if ids is not None else SQL(),
        )
        written, missing = [], []
        for user_id, has_log in self.env.execute_query(query):
            (written if has_log else missing).append(user_id)
        return {"written": written, "missing": missing}


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
