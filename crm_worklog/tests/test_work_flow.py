from datetime import date, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import WorkCommon


@tagged("post_install", "-at_install")
class TestWorkFlow(WorkCommon):
    def test_bad_input(self):
        with self.assertRaises(ValidationError):
            self._task(
                self.own1,
                date_start=date(2026, 11, 10),
                date_deadline=date(2026, 11, 9),
            )
        for progress in (-1, 100.5, 150):
            with self.subTest(progress=progress), self.assertRaises(ValidationError):
                self._task(self.own1, progress=progress)
        future = fields.Date.context_today(self.env["crm.work.log"]) + timedelta(days=2)
        with self.assertRaises(ValidationError):
            self._log(self.own1, date=future)
        # one daily log a day
        self._log(self.own1, date=date(2026, 11, 5))
        with self.assertRaises(ValidationError):
            self._log(self.own1, date=date(2026, 11, 5))
        # a weekly log on the same day is fine
        self._log(self.own1, date=date(2026, 11, 5), kind="weekly")

    def test_link_only_readable(self):
        # a customer the author may not read: refused, in create and write
        with self.assertRaises(UserError) as caught:
            self._log(
                self.own1,
                date=date(2026, 11, 6),
                partner_ids=self.link(self.customer_other),
            )
        self.assertIn("may not read", str(caught.exception))
        log = self._log(self.own1, date=date(2026, 11, 7))
        with self.assertRaises(UserError):
            log.write({"partner_ids": [(4, self.customer_other.id)]})
        with self.assertRaises(UserError):
            log.write({"task_ids": [(4, self._task(self.outsider).id)]})
        with self.assertRaises(UserError):
            self._task(self.own1, partner_ids=self.link(self.customer_other))
        with self.assertRaises(AccessError):
            self._task(self.own1, parent_id=self._task(self.outsider).id)
        # a manager editing the log keeps the links the author made
        log.write({"partner_ids": self.link(self.customer)})
        log.with_user(self.mgr).write({"lessons": "<p>ok</p>"})
        self.assertEqual(log.partner_ids, self.customer)

    def test_log_feeds_followup(self):
        self.customer.sudo().crm_last_followup_date = date(2026, 10, 1)
        self._log(
            self.own1, date=date(2026, 11, 9), partner_ids=self.link(self.customer)
        )
        self.assertEqual(self.customer.crm_last_followup_date, date(2026, 11, 9))
        # an older log does not move it back
        self._log(
            self.own1, date=date(2026, 11, 1), partner_ids=self.link(self.customer)
        )
        self.assertEqual(self.customer.crm_last_followup_date, date(2026, 11, 9))
        # the customer's smart button counts only what the viewer reads
        self.assertEqual(self.customer.with_user(self.own1).crm_work_log_count, 2)
        self.assertEqual(self.customer.with_user(self.lead).crm_work_log_count, 2)
        action = self.customer.with_user(self.own1).action_crm_work_logs()
        self.assertEqual(action["context"]["default_partner_ids"], [self.customer.id])

    def test_prefill_daily_log(self):
        # real time: the ORM's write dates come from the database clock
        own1 = self.own1
        customer = self.customer.with_user(own1)
        # a follow-up of a customer, a done activity, an updated task
        customer.message_post(body="Discussed the copier lease", message_type="comment")
        activity = customer.activity_schedule(
            "mail.mail_activity_data_call", summary="Call the buyer", user_id=own1.id
        )
        activity.with_user(own1).action_feedback(feedback="Agreed on a demo")
        task = self._task(own1, name="Prepare the demo")
        task.write({"next_step": "Book the room"})
        other = self._task(self.own2, name="Not mine")
        defaults = (
            self.env["crm.work.log"]
            .with_user(own1)
            .default_get(["done", "partner_ids", "task_ids", "kind", "date"])
        )
        done = defaults["done"]
        self.assertIn("Discussed the copier lease", done)
        self.assertIn("WK Customer", done)
        self.assertIn("Prepare the demo", done)
        self.assertNotIn(other.name, done)
        self.assertEqual(defaults["partner_ids"][0][2], [self.customer.id])
        self.assertIn(task.id, defaults["task_ids"][0][2])
        # the button adds the day's work to an existing log
        log = self._log(own1, done="<p>Morning meeting</p>")
        log.action_prefill()
        self.assertIn("Morning meeting", log.done)
        self.assertIn("Prepare the demo", log.done)
        # another user's default is their own day
        defaults = self.env["crm.work.log"].with_user(self.own2).default_get(["done"])
        self.assertNotIn("Prepare the demo", defaults.get("done") or "")
        self.assertIn("Not mine", defaults.get("done") or "")

    @freeze_time("2026-12-04 10:00:00")
    def test_plan_to_activities(self):
        # Friday: the next working day is Monday
        log = self._log(
            self.own1,
            date=date(2026, 12, 4),
            plan="<ul><li>Call WK Customer</li><li>Send the quote</li></ul>",
        )
        result = log.action_plan_to_activities()
        self.assertEqual(result["tag"], "display_notification")
        activities = log.activity_ids
        self.assertEqual(
            sorted(activities.mapped("summary")), ["Call WK Customer", "Send the quote"]
        )
        self.assertEqual(set(activities.mapped("date_deadline")), {date(2026, 12, 7)})
        self.assertEqual(activities.user_id, self.own1)
        with self.assertRaises(UserError):
            log.action_plan_to_activities()
        # only the author
        other = self._log(self.own2, date=date(2026, 12, 4), plan="<p>Visit</p>")
        with self.assertRaises(UserError):
            other.with_user(self.mgr).action_plan_to_activities()

    def test_task_flow_and_overview(self):
        # own1's today (Asia/Shanghai): between 16:00 and 24:00 UTC it is
        # already tomorrow there
        today = fields.Date.context_today(
            self.env["crm.work.task"].with_user(self.own1)
        )
        goal = self._task(
            self.own1,
            kind="goal",
            name="Q4 revenue",
            target_value=100000,
            achieved_value=25000,
            value_unit="¥",
            date_start=today - timedelta(days=30),
            date_deadline=today + timedelta(days=30),
        )
        self.assertEqual(goal.progress, 25.0)
        late = self._task(
            self.own1,
            date_start=today - timedelta(days=10),
            date_deadline=today - timedelta(days=1),
            next_step="Chase the signature",
        )
        self.assertTrue(late.is_overdue)
        steps = self._task(
            self.own1, step_ids=[(0, 0, {"name": "A"}), (0, 0, {"name": "B"})]
        )
        steps.step_ids[0].done = True
        self.assertEqual(steps.progress, 50.0)
        steps.action_start()
        steps.action_done()
        self.assertEqual(steps.state, "done")
        self.assertEqual(steps.date_done, today)
        with self.assertRaises(UserError):
            steps.action_done()
        steps.action_reopen()
        self.assertEqual(steps.state, "open")
        overview = self.env["crm.work.overview"].with_user(self.own1).create({})
        self.assertEqual(overview.open_count, 3)
        self.assertEqual(overview.overdue_count, 1)
        self.assertIn(goal, overview.goal_ids)
        self.assertIn(late, overview.next_step_ids)
        self.assertFalse(overview.has_today_log)
        action = overview.action_overdue_tasks()
        tasks = self.env["crm.work.task"].with_user(self.own1).search(action["domain"])
        self.assertEqual(tasks, late)
        # statistics within scope; overdue on the company's date, as the
        # task's own flag (own1's, Asia/Shanghai)
        self.env.company.partner_id.tz = "Asia/Shanghai"
        Report = self.env["crm.work.task.report"]
        self.env.flush_all()
        rows = Report.with_user(self.lead)._read_group(
            [("user_id", "=", self.own1.id)],
            [],
            ["task_count:sum", "overdue_count:sum"],
        )
        self.assertEqual(rows[0], (3, 1))
        rows = Report.with_user(self.own2)._read_group(
            [("user_id", "=", self.own1.id)], [], ["task_count:sum"]
        )
        self.assertEqual(rows[0][0], 0)
