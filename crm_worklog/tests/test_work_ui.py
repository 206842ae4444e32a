from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import WorkCommon


@tagged("post_install", "-at_install")
class TestWorkPhoneUi(WorkCommon, HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_phone_tour_daily_log_in_chinese(self):
        """At phone size, a Chinese-speaking salesperson's logs open as cards;
        they write today's daily log linked to the customer they visited."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "in", ("crm_masterdata", "crm_customer", "crm_worklog"))]
        )._update_translations(["zh_CN"], overwrite=True)
        self.own1.lang = "zh_CN"
        self.customer.name = "巡检日志客户"
        today = fields.Date.context_today(self.env["crm.work.log"].with_user(self.own1))
        self._log(self.own1, date=today - timedelta(days=1), done="<p>巡检昨日日志</p>")
        self.start_tour(
            "/odoo/action-crm_worklog.crm_work_log_action_my",
            "crm_worklog_phone_tour",
            login="wk_own1",
        )
        log = self.env["crm.work.log"].search(
            [("user_id", "=", self.own1.id), ("date", "=", today)]
        )
        self.assertEqual(len(log), 1)
        self.assertEqual(log.kind, "daily")
        self.assertEqual(log.partner_ids, self.customer)
        self.assertIn("演示新款复印机", log.done)
        self.assertEqual(self.customer.crm_last_followup_date, today)
