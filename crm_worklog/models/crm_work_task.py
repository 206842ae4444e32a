from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.crm_masterdata.jobs import in_company_tz

from .crm_work_links import any_of_users

KINDS = [
    ("goal", "Goal"),
    ("plan", "Plan"),
    ("task", "Task"),
]
STATES = [
    ("draft", "To Do"),
    ("open", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("draft", "open")
PRIORITIES = [
    ("0", "Normal"),
    ("1", "Important"),
    ("2", "Urgent"),
]


class CrmWorkTask(models.Model):
    """任务 / 目标 / 计划: a goal with a target value, a plan broken into
    tasks, or a task, owned by its owner (``user_id``) and shared with its
    collaborators, who see and update it."""

    _name = "crm.work.task"
    _inherit = [
        "crm.scope.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _description = "Task"
    _order = "priority desc, date_deadline, id desc"
    _crm_scope_app = "work"
    # collaborators see and update the task (shared_user_ids: the
    # collaborators, searched with an index-friendly condition)
    _crm_scope_assignee_fields = ("shared_user_ids",)
    # changed only by the task's own actions (with sudo(), after checks)
    _crm_protected_fields = ("state", "date_done")
    _crm_link_access = {"parent_id": "read", "partner_ids": "read"}

    name = fields.Char(string="Title", required=True, tracking=True, index="trigram")
    kind = fields.Selection(KINDS, required=True, default="task", tracking=True)
    description = fields.Html()
    partner_ids = fields.Many2many(
        "res.partner",
        "crm_work_task_partner_rel",
        "task_id",
        "partner_id",
        string="Customers",
        domain="[('crm_is_customer', '=', True), ('parent_id', '=', False)]",
    )
    parent_id = fields.Many2one(
        "crm.work.task",
        string="Parent Plan",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        help="The plan or goal this task is part of.",
    )
    child_ids = fields.One2many("crm.work.task", "parent_id", string="Sub-tasks")
    date_start = fields.Date(string="Start", default=fields.Date.context_today)
    date_deadline = fields.Date(string="Deadline", index=True, tracking=True)
    date_done = fields.Date(string="Done On", readonly=True, copy=False)
    target_value = fields.Float(string="Target", help="For a goal: the value to reach.")
    achieved_value = fields.Float(string="Achieved", tracking=True)
    value_unit = fields.Char(
        string="Unit", help="What the target counts, e.g. ¥, visits, contracts."
    )
    progress = fields.Float(
        string="Progress (%)",
        compute="_compute_progress",
        store=True,
        readonly=False,
        aggregator="avg",
        tracking=True,
        help="For a goal with a target, the achieved share of it; for a task "
        "with steps, the share of steps done; otherwise as entered.",
    )
    priority = fields.Selection(PRIORITIES, default="0", required=True, tracking=True)
    state = fields.Selection(
        STATES,
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        group_expand="_read_group_expand_states",
    )
    next_step = fields.Char(tracking=True)
    step_ids = fields.One2many(
        "crm.work.task.step", "task_id", string="Steps", copy=True
    )
    collaborator_ids = fields.Many2many(
        "res.users",
        "crm_work_task_collaborator_rel",
        "task_id",
        "user_id",
        string="Collaborators",
        domain="[('share', '=', False)]",
        help="People who see and update this task with its owner.",
    )
    shared_user_ids = fields.Many2many(
        "res.users",
        string="Shared With",
        compute="_compute_shared_user_ids",
        search="_search_shared_user_ids",
        compute_sudo=True,
    )
    comment_ids = fields.One2many("crm.work.comment", "task_id", string="Guidance")
    comment_count = fields.Integer(compute="_compute_comment_count")
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
    )
    user_id = fields.Many2one(tracking=True)

    @api.depends("kind", "target_value", "achieved_value", "step_ids.done")
    def _compute_progress(self):
        for task in self:
            if task.kind == "goal" and task.target_value:
                task.progress = min(
                    100.0, max(0.0, 100.0 * task.achieved_value / task.target_value)
                )
            elif task.step_ids:
                done = len(task.step_ids.filtered("done"))
                task.progress = 100.0 * done / len(task.step_ids)
            else:
                task.progress = task.progress or 0.0

    @api.depends("collaborator_ids")
    def _compute_shared_user_ids(self):
        for task in self:
            task.shared_user_ids = task.collaborator_ids

    def _search_shared_user_ids(self, operator, value):
        return any_of_users(
            self,
            "crm_work_task_collaborator_rel",
            "task_id",
            "user_id",
            operator,
            value,
        )

    def _compute_comment_count(self):
        groups = self.env["crm.work.comment"]._read_group(
            [("task_id", "in", self.ids)], ["task_id"], ["__count"]
        )
        counts = {task.id: count for task, count in groups}
        for task in self:
            task.comment_count = counts.get(task.id, 0)

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for task in self:
            task.is_overdue = bool(
                task.state in OPEN_STATES
                and task.date_deadline
                and task.date_deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Overdue."))
        today = fields.Date.context_today(self)
        domain = [
            ("state", "in", list(OPEN_STATES)),
            ("date_deadline", "<", today),
        ]
        if (operator == "=") != value:
            return ["!", "&"] + domain
        return domain

    @api.model
    def _read_group_expand_states(self, states, domain):
        return [key for key, _label in STATES]

    def init(self):
        res = super().init()
        # the default order of the lists and the kanban
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS crm_work_task_order_index ON crm_work_task"
                " (priority DESC, date_deadline ASC, id DESC)"
            )
        )
        return res

    @api.constrains("date_start", "date_deadline")
    def _check_dates(self):
        for task in self:
            if (
                task.date_start
                and task.date_deadline
                and task.date_deadline < task.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "The deadline of %(task)s is before its start.",
                        task=task.name,
                    )
                )

    @api.constrains("progress")
    def _check_progress(self):
        for task in self:
            if not 0.0 <= task.progress <= 100.0:
                raise ValidationError(
                    self.env._("The progress of a task is between 0 and 100.")
                )

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A task cannot be its own parent plan."))

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def _crm_check_state(self, allowed, message):
        self.check_access("write")
        for task in self:
            if task.state not in allowed:
                raise UserError(message)

    def action_start(self):
        self._crm_check_state(
            ("draft",), self.env._("Only a task to do can be started.")
        )
        self.sudo().write({"state": "open"})
        return self._crm_notify(self.env._("The task is in progress."))

    def action_done(self):
        self._crm_check_state(OPEN_STATES, self.env._("Only an open task can be done."))
        vals = {"state": "done", "date_done": fields.Date.context_today(self)}
        self.sudo().write(vals)
        for task in self:
            if task.kind != "goal" and not task.step_ids:
                task.progress = 100.0
        return self._crm_notify(self.env._("The task is done."))

    def action_cancel(self):
        self._crm_check_state(
            OPEN_STATES, self.env._("Only an open task can be cancelled.")
        )
        self.sudo().write({"state": "cancelled"})
        return self._crm_notify(self.env._("The task is cancelled."))

    def action_reopen(self):
        self._crm_check_state(
            ("done", "cancelled"),
            self.env._("Only a done or cancelled task can be reopened."),
        )
        self.sudo().write({"state": "open", "date_done": False})
        return self._crm_notify(self.env._("The task is open again."))

    def action_open_comment(self):
        """The guidance (指导意见) dialog of a manager within scope."""
        self.ensure_one()
        self.env["crm.work.comment"]._crm_check_can_comment(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.work.comment",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "name": self.env._("Guidance"),
            "context": {"default_task_id": self.id},
        }

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    @api.model
    def _crm_week_bounds(self, day):
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)

    # ------------------------------------------------------------------
    # deadline reminders
    # ------------------------------------------------------------------
    @api.model
    @in_company_tz
    def _cron_deadline_reminders(self, batch_size=500, today=None):
        """Remind each open task's owner the day before its deadline and once
        it is overdue, each at most once (crm.reminder). Returns the number of
        reminders handled."""
        today = today or fields.Date.context_today(self)
        done = 0
        while True:
            pairs = self._crm_deadline_candidates(today, batch_size)
            if not pairs:
                break
            tasks = self.sudo().browse([task_id for task_id, _key in pairs])
            by_id = {task.id: task for task in tasks}
            reminders = []
            for task_id, key in pairs:
                task = by_id[task_id]
                user = task.user_id
                _ = task.with_context(lang=user._crm_lang()).env._
                values = {
                    "name": task.name,
                    "date": task.date_deadline.strftime("%Y-%m-%d"),
                }
                if key == "deadline_soon":
                    summary = _("%(name)s is due on %(date)s", **values)
                else:
                    summary = _("%(name)s is overdue (deadline %(date)s)", **values)
                reminders.append(
                    {
                        "record": task,
                        "key": key,
                        "user": user,
                        "date": task.date_deadline,
                        "summary": summary,
                    }
                )
            self.env["crm.reminder"].sudo()._crm_send(reminders)
            done += len(pairs)
            if len(pairs) < batch_size:
                break
        return done

    @api.model
    def _crm_deadline_candidates(self, today, limit):
        self.flush_model(["date_deadline", "state", "user_id"])
        self.env["crm.reminder"].flush_model()
        query = SQL(
            """
            SELECT t.id, k.key
              FROM crm_work_task t
             CROSS JOIN LATERAL (VALUES
                   ('deadline_soon', t.date_deadline >= %(today)s
                                 AND t.date_deadline <= %(soon)s),
                   ('overdue', t.date_deadline < %(today)s)
                   ) AS k(key, is_due)
             WHERE t.state IN ('draft', 'open')
               AND t.date_deadline IS NOT NULL
               AND t.date_deadline <= %(soon)s
               AND k.is_due
               AND NOT EXISTS (
                   SELECT 1 FROM crm_reminder r
                    WHERE r.res_model = 'crm.work.task' AND r.res_id = t.id
                      AND r.key = k.key AND r.user_id = t.user_id)
             ORDER BY t.id, k.key
             LIMIT %(limit)s
            """,
            today=today,
            soon=today + timedelta(days=1),
            limit=limit,
        )
        return self.env.execute_query(query)


class CrmWorkTaskStep(models.Model):
    """A step of a task's checklist (完成步骤)."""

    _name = "crm.work.task.step"
    _inherit = ["crm.protected.mixin"]
    _description = "Task Step"
    # a step is added to a task its author may change
    _crm_link_access = {"task_id": "write"}
    _order = "sequence, id"

    task_id = fields.Many2one(
        "crm.work.task", string="Task", required=True, index=True, ondelete="cascade"
    )
    name = fields.Char(string="Step", required=True)
    sequence = fields.Integer(default=10)
    done = fields.Boolean()
    company_id = fields.Many2one(related="task_id.company_id", store=True, index=True)
