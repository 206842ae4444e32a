import re

from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_masterdata.jobs import in_company_tz

from ..models.ir_actions_report import SUITE_AUTHOR


@tagged("post_install", "-at_install")
class TestJobs(TransactionCase):
    def test_daily_jobs_count_in_the_company_time_zone(self):
        """Every daily (or longer) scheduled job of the suite runs its method
        through ``in_company_tz``: a job at night in China must count the
        Chinese date, not the UTC one."""
        suite = self.env["ir.module.module"].search(
            [("author", "=", SUITE_AUTHOR), ("state", "=", "installed")]
        )
        data = self.env["ir.model.data"].search(
            [("module", "in", suite.mapped("name")), ("model", "=", "ir.cron")]
        )
        crons = (
            self.env["ir.cron"]
            .with_context(active_test=False)
            .browse(data.mapped("res_id"))
            .filtered(lambda c: c.interval_type in ("days", "weeks", "months"))
        )
        if not crons:
            self.skipTest("no addon with a daily job is installed")
        for cron in crons:
            match = re.match(r"\s*model\.(\w+)\(", cron.code or "")
            with self.subTest(cron=cron.name):
                self.assertTrue(match, cron.code)
                method = getattr(type(self.env[cron.model_id.model]), match[1])
                self.assertTrue(
                    getattr(method, "_crm_in_company_tz", False),
                    f"{cron.model_id.model}.{match[1]} is not @in_company_tz",
                )

    def test_in_company_tz(self):
        """The decorated method sees the company partner's time zone, whatever
        the caller's context says, and the caller's records otherwise."""
        seen = []

        @in_company_tz
        def job(records, value):
            seen.append((records.env.context.get("tz"), records.ids, value))
            return value * 2

        self.env.company.partner_id.tz = "Asia/Shanghai"
        partners = self.env["res.partner"].with_context(tz="Europe/Paris")
        self.assertEqual(job(partners.browse(self.env.user.partner_id.id), 21), 42)
        self.assertEqual(seen, [("Asia/Shanghai", [self.env.user.partner_id.id], 21)])
        self.env.company.partner_id.tz = False
        self.env.user.tz = False
        job(partners, 1)
        self.assertEqual(seen[-1][0], "UTC")
