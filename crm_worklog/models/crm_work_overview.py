from datetime import timedelta

from odoo import api, fields, models

OPEN = [("state", "in", ("draft", "open"))]


class CrmWorkOverview(models.TransientModel):
    """本人任务一览表: the current user's workload (open, due this week,
    overdue), goals with their progress, next steps and their logs."""

    _name = "crm.work.overview"
    _inherit = ["crm.protected.mixin"]
    _description = "My Task Overview"

    user_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    open_count = fields.Integer(string="Open", compute="_compute_overview")
    due_week_count = fields.Integer(string="Due This Week", compute="_compute_overview")
    overdue_count = fields.Integer(string="Overdue", compute="_compute_overview")
    unread_count = fields.Integer(string="Unread Logs", compute="_compute_overview")
    has_today_log = fields.Boolean(
        string="Today's Log Written", compute="_compute_overview"
    )
    goal_ids = fields.Many2many(
        "crm.work.task", string="Goals", compute="_compute_overview"
    )
    next_step_ids = fields.Many2many(
        "crm.work.task", string="Next Steps", compute="_compute_overview"
    )

    @api.model
    def _crm_my_domain(self):
        uid = self.env.uid
        return ["|", ("user_id", "=", uid), ("collaborator_ids", "in", [uid])]

    @api.model
    def _crm_week_end(self):
        today = fields.Date.context_today(self)
        return today, today + timedelta(days=6 - today.weekday())

    def _compute_overview(self):
        Task = self.env["crm.work.task"]
        Log = self.env["crm.work.log"]
        mine = self._crm_my_domain()
        today, week_end = self._crm_week_end()
        for overview in self:
            overview.open_count = Task.search_count(mine + OPEN)
            overview.due_week_count = Task.search_count(
                mine
                + OPEN
                + [("date_deadline", "<=", week_end)]
                + [("date_deadline", ">=", today)]
            )
            overview.overdue_count = Task.search_count(
                mine + [("is_overdue", "=", True)]
            )
            overview.goal_ids = Task.search(
                mine + OPEN + [("kind", "=", "goal")], order="date_deadline", limit=20
            )
            overview.next_step_ids = Task.search(
                mine + OPEN + [("next_step", "!=", False)],
                order="date_deadline, priority desc",
                limit=20,
            )
            overview.unread_count = Log.search_count(
                [("recipient_user_ids", "in", [self.env.uid]), ("is_read", "=", False)]
            )
            overview.has_today_log = bool(
                Log.search_count(
                    [
                        ("user_id", "=", self.env.uid),
                        ("kind", "=", "daily"),
                        ("date", "=", today),
                    ],
                    limit=1,
                )
            )

    @api.model
    def action_open(self):
        overview = self.create({})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": overview.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "name": self.env._("My Task Overview"),
        }

    def _crm_task_action(self, domain, name):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_worklog.crm_work_task_action_my"
        )
        action.update(name=name, domain=self._crm_my_domain() + domain, context={})
        return action

    def action_open_tasks(self):
        return self._crm_task_action(OPEN, self.env._("Open Tasks"))

    def action_due_week_tasks(self):
        today, week_end = self._crm_week_end()
        return self._crm_task_action(
            OPEN + [("date_deadline", ">=", today), ("date_deadline", "<=", week_end)],
            self.env._("Due This Week"),
        )

    def action_overdue_tasks(self):
        return self._crm_task_action(
            [("is_overdue", "=", True)], self.env._("Overdue Tasks")
        )

    def action_unread_logs(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_worklog.crm_work_log_action_to_me"
        )
        action["context"] = {"search_default_unread": 1}
        return action

    def action_today_log(self):
        """Open today's daily log, or a new one (pre-filled)."""
        today = fields.Date.context_today(self)
        log = self.env["crm.work.log"].search(
            [
                ("user_id", "=", self.env.uid),
                ("kind", "=", "daily"),
                ("date", "=", today),
            ],
            limit=1,
        )
        action = {
            "type": "ir.actions.act_window",
            "res_model": "crm.work.log",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "name": self.env._("Today's Log"),
        }
        if log:
            action["res_id"] = log.id
        return action
