from datetime import timedelta

from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestServiceEscalation(ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the demo requests stay out of the counts
        cls.env["crm.service.request"].search([]).sudo().write({"state": "cancelled"})
        cls.request = cls._request(
            handling_department_id=cls.dept_svc.id, handler_id=cls.agent2.id
        )
        cls.deadline = cls.request.deadline
        cls.Request = cls.env["crm.service.request"]

    def sent(self, key=None):
        domain = [
            ("res_model", "=", "crm.service.request"),
            ("res_id", "=", self.request.id),
        ]
        if key:
            domain.append(("key", "=", key))
        return self.env["crm.reminder"].sudo().search(domain)

    def run_job(self, delta):
        return self.Request._cron_deadline_reminders(now=self.deadline + delta)

    def test_warning_then_escalations_once_each(self):
        # long before the deadline: nothing
        self.assertEqual(self.run_job(-timedelta(days=3)), 0)
        self.assertFalse(self.sent())
        # within the warning hours: the handler is warned, once
        self.assertEqual(self.run_job(-timedelta(hours=1)), 1)
        warning = self.sent("deadline_soon")
        self.assertEqual(warning.user_id, self.agent2)
        self.assertEqual(warning.activity_id.user_id, self.agent2)
        self.assertEqual(self.run_job(-timedelta(minutes=30)), 0)
        self.assertEqual(len(self.sent()), 1)
        # the deadline passed: the handling department's manager
        self.assertEqual(self.run_job(timedelta(hours=1)), 1)
        self.assertEqual(self.sent("overdue_manager").user_id, self.svc_mgr)
        # a second worker, or the next run: nothing more
        self.assertEqual(self.run_job(timedelta(hours=2)), 0)
        self.assertEqual(len(self.sent()), 2)
        # long overdue: every user of the service All level
        self.assertEqual(self.run_job(timedelta(hours=25)), 1)
        all_level = self.sent("overdue_all").user_id
        self.assertIn(self.svc_all, all_level)
        self.assertIn(self.svc_admin, all_level)
        self.assertNotIn(self.agent, all_level)
        count = len(self.sent())
        self.assertEqual(self.run_job(timedelta(hours=26)), 0)
        self.assertEqual(len(self.sent()), count)
        # activities: one per reminder
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "crm.service.request"),
                ("res_id", "=", self.request.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("crm_service.mail_activity_type_service_deadline").id,
                ),
            ]
        )
        self.assertEqual(len(activities), count)

    def test_second_worker_sends_nothing_twice(self):
        """A second worker that read the candidates before the first one sent
        them creates no activity: each reminder is claimed in the log first."""
        now = self.deadline + timedelta(hours=1)
        stale = self.Request._crm_deadline_candidates(now, 500)
        self.assertEqual(stale, [(self.request.id, "overdue_manager")])
        self.assertEqual(self.Request._cron_deadline_reminders(now=now), 1)
        activities = self.request.activity_ids
        self.assertEqual(len(activities), 1)
        # the second worker sends what it read: nothing new is created
        self.Request._crm_send_deadline_reminders(stale, now)
        self.request.invalidate_recordset(["activity_ids"])
        self.assertEqual(self.request.activity_ids, activities)
        self.assertEqual(len(self.sent()), 1)

    def test_overdue_jump_sends_both(self):
        # the job did not run before: warning is no longer due, escalations are
        self.assertEqual(self.run_job(timedelta(hours=30)), 2)
        self.assertFalse(self.sent("deadline_soon"))
        self.assertTrue(self.sent("overdue_manager"))
        self.assertTrue(self.sent("overdue_all"))

    def test_resolved_and_cancelled_requests_are_left_alone(self):
        self.request.with_user(self.agent)._crm_cancel("Duplicate")
        self.assertEqual(self.run_job(timedelta(hours=30)), 0)
        self.assertFalse(self.sent())

    def test_resolving_drops_the_open_reminders(self):
        self.run_job(timedelta(hours=1))
        self.assertTrue(self.sent().activity_id)
        request = self.request.with_user(self.agent)
        request.write({"resolution": "<p>Done</p>"})
        request.action_resolve()
        self.assertFalse(self.sent().activity_id)
        self.assertEqual(self.run_job(timedelta(hours=30)), 0)

    def test_manager_fallback_to_handler(self):
        self.dept_svc.manager_id = False
        self.run_job(timedelta(hours=1))
        self.assertEqual(self.sent("overdue_manager").user_id, self.agent2)

    def test_batches(self):
        others = self.Request.browse()
        for _i in range(4):
            others |= self._request(handler_id=self.agent.id)
        others.sudo().write({"deadline": self.deadline})
        done = self.Request._cron_deadline_reminders(
            batch_size=2, now=self.deadline + timedelta(hours=1)
        )
        self.assertEqual(done, 5)
        self.assertEqual(
            self.Request._cron_deadline_reminders(
                batch_size=2, now=self.deadline + timedelta(hours=1)
            ),
            0,
        )
