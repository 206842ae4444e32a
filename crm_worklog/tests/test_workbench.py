from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import WorkCommon


def tile(data, key):
    return next((t for t in data["tiles"] if t["key"] == key), None)


def figure(data, key):
    return next((f for f in data["figures"] if f["key"] == key), None)


@tagged("post_install", "-at_install")
class TestWorkWorkbench(WorkCommon):
    """The work tiles count the reader's own tasks due and missing daily
    log; managers see the log completeness of their scope."""

    TASKS = "crm_worklog.tasks_due"
    MISSING = "crm_worklog.log_missing"
    COMPLETENESS = "crm_worklog.log_completeness"

    def data(self, user):
        return self.env["crm.workbench"].with_user(user).crm_workbench_data()

    @staticmethod
    def today(user):
        """Today for ``user`` (their time zone, Asia/Shanghai): between 16:00
        and 24:00 UTC it is already tomorrow there."""
        return fields.Date.context_today(user.with_user(user))

    def _task(self, user, **vals):
        vals.setdefault("date_start", self.today(user) - timedelta(days=10))
        return super()._task(user, **vals)

    def test_tasks_due_by_role(self):
        today = self.today(self.own1)
        self._task(self.own1, date_deadline=today - timedelta(days=1))
        self._task(self.own1, date_deadline=today)
        self._task(self.own1, date_deadline=today + timedelta(days=1))
        self._task(self.own1)
        done = self._task(self.own1, date_deadline=today - timedelta(days=1))
        done.sudo().state = "done"
        self._task(self.own2, date_deadline=today)
        self.assertEqual(tile(self.data(self.own1), self.TASKS)["count"], 2)
        self.assertEqual(tile(self.data(self.own2), self.TASKS)["count"], 1)
        # the lead reads own1's tasks, but the tile is the lead's own
        self.assertEqual(tile(self.data(self.lead), self.TASKS)["count"], 0)
        self.assertIsNone(tile(self.data(self.rep_only), self.TASKS))
        self.assertEqual(self.data(self.nobody)["tiles"], [])

    def test_log_missing_and_completeness(self):
        today = self.today(self.own1)
        day = self.env["crm.work.day"]._crm_previous_working_day(self.company, today)
        self._log(self.own1, date=day)
        self._log(self.own2, date=day - timedelta(days=1))
        self.assertEqual(tile(self.data(self.own1), self.MISSING)["count"], 0)
        self.assertEqual(tile(self.data(self.own1), self.MISSING)["severity"], "ok")
        self.assertEqual(tile(self.data(self.own2), self.MISSING)["count"], 1)
        self.assertEqual(tile(self.data(self.own2), self.MISSING)["severity"], "danger")
        # the lead's scope: the lead (missing) and own1 (written)
        self.assertEqual(figure(self.data(self.lead), self.COMPLETENESS)["value"], 50.0)
        # the department: mgr, lead, own1, own2, director
        self.assertEqual(figure(self.data(self.mgr), self.COMPLETENESS)["value"], 20.0)
        for user in (self.own1, self.own2, self.outsider, self.rep_only):
            self.assertIsNone(figure(self.data(user), self.COMPLETENESS), user.login)
        # the figure opens the logs of that day, as the reader
        spec = figure(self.data(self.lead), self.COMPLETENESS)["action"]
        action = (
            self.env["crm.workbench"].with_user(self.lead).crm_workbench_action(spec)
        )
        logs = self.env["crm.work.log"].with_user(self.lead).search(action["domain"])
        self.assertEqual(logs.user_id, self.own1)
