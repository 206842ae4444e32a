"""Workbench tiles of crm_worklog: the reader's tasks due, their missing
daily log of the previous working day; for managers, the log completeness of
their scope. Counted with the reader's own access."""

from odoo import api, fields, models

from odoo.addons.crm_customer.models.res_partner_pool import crm_date_text


class CrmWorkbench(models.AbstractModel):
    _inherit = "crm.workbench"

    @api.model
    def _crm_workbench_tiles(self):
        tiles = super()._crm_workbench_tiles()
        if not self.env.user.has_group("crm_worklog.crm_worklog_group_own"):
            return tiles
        app = self.env._("Work Log")
        today = fields.Date.context_today(self)
        tiles.append(
            self._crm_workbench_count_tile(
                "crm_worklog.tasks_due",
                app,
                50,
                self.env._("My tasks due"),
                "crm.work.task",
                [
                    ("user_id", "=", self.env.uid),
                    ("state", "in", ["draft", "open"]),
                    ("date_deadline", "<=", fields.Date.to_string(today)),
                ],
                "crm_worklog.crm_work_task_action",
                severity="warning",
            )
        )
        Log = self.env["crm.work.log"]
        if Log.has_access("read"):
            day = self.env["crm.work.day"]._crm_previous_working_day(
                self.env.company, today
            )
            written = Log.search_count(
                [
                    ("user_id", "=", self.env.uid),
                    ("kind", "=", "daily"),
                    ("date", "=", day),
                ],
                limit=1,
            )
            tiles.append(
                self._crm_workbench_tile(
                    "crm_worklog.log_missing",
                    app,
                    51,
                    self.env._(
                        "Daily log missing for %(date)s",
                        date=crm_date_text(self.env, day),
                    ),
                    0 if written else 1,
                    "crm_worklog.crm_work_log_action",
                    [
                        ("user_id", "=", self.env.uid),
                        ("kind", "=", "daily"),
                    ],
                    severity="danger",
                )
            )
        return tiles

    @api.model
    def _crm_workbench_figures(self):
        figures = super()._crm_workbench_figures()
        if not self.env.user.has_group("crm_worklog.crm_worklog_group_subordinates"):
            return figures
        Log = self.env["crm.work.log"]
        if not Log.has_access("read"):
            return figures
        day = self.env["crm.work.day"]._crm_previous_working_day(
            self.env.company, fields.Date.context_today(self)
        )
        stats = Log._crm_completeness(day)
        total = len(stats["written"]) + len(stats["missing"])
        rate = 100.0 * len(stats["written"]) / total if total else 0.0
        label = self.env._(
            "Daily log completeness, %(date)s", date=crm_date_text(self.env, day)
        )
        figures.append(
            self._crm_workbench_figure(
                "crm_worklog.log_completeness",
                self.env._("Work Log"),
                50,
                label,
                rate,
                kind="percent",
                action={
                    "xmlid": "crm_worklog.crm_work_log_action",
                    "domain": [
                        ("kind", "=", "daily"),
                        ("date", "=", fields.Date.to_string(day)),
                    ],
                    "context": {},
                    "name": label,
                },
            )
        )
        return figures
