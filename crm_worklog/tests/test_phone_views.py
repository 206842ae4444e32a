from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_masterdata.tests.phone_views import PhoneViewsMixin

M = "crm_worklog."
LOG = ("date", "kind", "user_id", "partner_ids")
TASK = ("name", "date_deadline", "progress", "user_id", "partner_ids")


@tagged("post_install", "-at_install")
class TestWorklogPhoneViews(PhoneViewsMixin, TransactionCase):
    PHONE_ACTIONS = (
        (M + "crm_work_log_action_my", LOG),
        (M + "crm_work_log_action", LOG),
        (M + "crm_work_log_action_to_me", LOG),
        (M + "crm_work_log_action_analysis", LOG),
        (M + "crm_work_task_action_my", TASK),
        (M + "crm_work_task_action", TASK),
        (M + "crm_work_task_action_analysis", TASK),
        (M + "crm_work_day_action", ("date", "written_count", "missing_count")),
    )

    def test_task_statistics_open_as_a_chart_on_a_phone(self):
        action = self.env.ref(M + "crm_work_task_report_action")
        self.assertEqual(action.mobile_view_mode, "graph")
        self.assertIn("graph", action.view_mode.split(","))

    PHONE_BUTTONS = (
        ("crm.work.task", False, ("action_start", "action_done")),
        ("crm.work.log", False, ("action_mark_read", "action_open_comment")),
    )
