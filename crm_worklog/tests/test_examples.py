from odoo.tests import HttpCase, tagged

from odoo.addons.crm_customer.tests.examples_common import ExamplesMixin

from .common import WorkCommon


@tagged("post_install", "-at_install")
class TestWorklogExamples(ExamplesMixin, WorkCommon, HttpCase):
    """examples/daily_log.py runs against this server: today's daily log is
    created, then updated when run again; it reaches the author's manager
    and nobody else of the same rank."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._script_user(cls.own1)

    def test_daily_log_example(self):
        output = self.run_example("crm_worklog", "daily_log.py", self.own1)
        Log = self.env["crm.work.log"]
        log = Log.search([("user_id", "=", self.own1.id), ("kind", "=", "daily")])
        self.assertEqual(len(log), 1)
        self.assertIn("催收二期款", str(log.done))
        self.assertIn("寄出报价单", str(log.plan))
        self.assertIn(f"(id {log.id})", output)
        self.assertIn("created", output)
        # run again the same day: the same log is updated, not a second one
        output = self.run_example("crm_worklog", "daily_log.py", self.own1)
        self.assertEqual(
            Log.search([("user_id", "=", self.own1.id), ("kind", "=", "daily")]), log
        )
        self.assertIn("updated", output)
        # the author's lead reads it; a colleague of the same rank does not
        self.assertTrue(Log.with_user(self.lead).search([("id", "=", log.id)]))
        self.assertFalse(Log.with_user(self.own2).search([("id", "=", log.id)]))
