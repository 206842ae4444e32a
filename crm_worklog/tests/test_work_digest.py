"""Submission completeness, the morning digest and the reminders, on frozen
dates: once each (reminder log), skipping non-working days."""

import time
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import WorkCommon


@tagged("post_install", "-at_install")
class TestWorkDigest(WorkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Monday 2026-11-30: own1, own2 and the lead wrote their daily log
        for user in (cls.own1, cls.own2, cls.lead):
            cls._log(user, date=date(2026, 11, 30))
        cls._log(cls.own3, date=date(2026, 11, 30), kind="weekly")

    def _sent(self, key=None):
        domain = [("res_model", "=", "crm.work.day")]
        if key:
            domain.append(("key", "=", key))
        return self.env["crm.reminder"].sudo().search(domain)

    def test_completeness_within_scope(self):
        Log = self.env["crm.work.log"]
        day = date(2026, 11, 30)
        stats = Log.with_user(self.mgr)._crm_completeness(day)
        self.assertEqual(
            set(stats["written"]), {self.own1.id, self.own2.id, self.lead.id}
        )
        self.assertEqual(set(stats["missing"]), {self.mgr.id, self.director.id})
        stats = Log.with_user(self.director)._crm_completeness(day)
        self.assertIn(self.own3.id, stats["missing"])  # a weekly log is no daily log
        stats = Log.with_user(self.own1)._crm_completeness(day)
        self.assertEqual(stats, {"written": [self.own1.id], "missing": []})
        stats = Log.with_user(self.all_user)._crm_completeness(day)
        self.assertIn(self.outsider.id, stats["missing"])
        self.assertNotIn(self.nobody.id, stats["missing"] + stats["written"])
        self.assertNotIn(self.rep_only.id, stats["missing"] + stats["written"])

    @freeze_time("2026-12-01 00:30:00")
    def test_digest_once_and_idempotent(self):
        Day = self.env["crm.work.day"]
        Day._cron_morning_digest(today=date(2026, 12, 1))
        day = Day.search([("date", "=", date(2026, 11, 30))])
        self.assertEqual(len(day), 1)
        missing = self._sent("missing_log")
        self.assertIn(self.mgr, missing.user_id)
        self.assertIn(self.outsider, missing.user_id)
        self.assertIn(self.own3, missing.user_id)
        self.assertNotIn(self.own1, missing.user_id)
        self.assertNotIn(self.nobody, missing.user_id)
        digests = self._sent("digest")
        for manager in (self.mgr, self.lead, self.director, self.all_user):
            self.assertIn(manager, digests.user_id)
        for person in (self.own1, self.own2, self.outsider):
            self.assertNotIn(person, digests.user_id)
        lead_digest = digests.filtered(lambda r: r.user_id == self.lead).activity_id
        self.assertIn("1 written, 0 missing", lead_digest.summary)
        mgr_digest = digests.filtered(lambda r: r.user_id == self.mgr).activity_id
        self.assertIn("3 written, 1 missing", mgr_digest.summary)
        self.assertIn("East Director", mgr_digest.note)
        # the day's record, read by the manager, lists their scope's absentees
        self.assertEqual(
            set(day.with_user(self.mgr).missing_user_ids), {self.mgr, self.director}
        )
        # rerun: nothing new
        count = len(self._sent())
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search_count([("res_model", "=", "crm.work.day")])
        )
        Day._cron_morning_digest(today=date(2026, 12, 1))
        self.assertEqual(len(self._sent()), count)
        self.assertEqual(
            self.env["mail.activity"]
            .sudo()
            .search_count([("res_model", "=", "crm.work.day")]),
            activities,
        )
        self.assertEqual(len(Day.search([("date", "=", date(2026, 11, 30))])), 1)

    def test_non_working_days(self):
        Day = self.env["crm.work.day"]
        # Saturday: nothing
        with freeze_time("2026-12-05 00:30:00"):
            Day._cron_morning_digest(today=date(2026, 12, 5))
        self.assertFalse(self._sent())
        # Monday: about Friday
        with freeze_time("2026-12-07 00:30:00"):
            Day._cron_morning_digest(today=date(2026, 12, 7))
        self.assertEqual(set(self._sent().mapped("res_id")), set(Day.search([]).ids))
        self.assertEqual(Day.search([]).date, date(2026, 12, 4))

    def test_completeness_is_fast(self):
        Log = self.env["crm.work.log"]
        start = time.perf_counter()
        Log.sudo()._crm_completeness(date(2026, 11, 30))
        self.assertLess(time.perf_counter() - start, 1.0)

    @freeze_time("2026-11-20 01:00:00")
    def test_task_deadline_reminders(self):
        Task = self.env["crm.work.task"]
        soon = self._task(
            self.own1, date_start=date(2026, 11, 1), date_deadline=date(2026, 11, 21)
        )
        late = self._task(
            self.own2, date_start=date(2026, 11, 1), date_deadline=date(2026, 11, 19)
        )
        later = self._task(
            self.own2, date_start=date(2026, 11, 1), date_deadline=date(2026, 12, 19)
        )
        Task._cron_deadline_reminders(today=date(2026, 11, 20))
        sent = (
            self.env["crm.reminder"]
            .sudo()
            .search([("res_model", "=", "crm.work.task")])
        )
        pairs = {(r.res_id, r.key, r.user_id) for r in sent}
        self.assertIn((soon.id, "deadline_soon", self.own1), pairs)
        self.assertIn((late.id, "overdue", self.own2), pairs)
        self.assertNotIn(later.id, {r.res_id for r in sent})
        self.assertEqual(Task._cron_deadline_reminders(today=date(2026, 11, 20)), 0)

    @freeze_time("2026-12-01 00:30:00")
    def test_digest_in_reader_language(self):
        """Each reader gets the digest and the reminder in their language."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "crm_worklog")]
        )._update_translations(["zh_CN"], overwrite=True)
        self.mgr.lang = "zh_CN"
        self.director.lang = "zh_CN"
        self.env["crm.work.day"]._cron_morning_digest(today=date(2026, 12, 1))
        sent = self._sent()
        mgr_digest = sent.filtered(
            lambda r: r.user_id == self.mgr and r.key == "digest"
        ).activity_id
        self.assertIn("已写 3 人，未写 1 人", mgr_digest.summary)
        reminder = sent.filtered(
            lambda r: r.user_id == self.director and r.key == "missing_log"
        ).activity_id
        self.assertIn("请填写 2026-11-30 的日报", reminder.summary)
        english = sent.filtered(
            lambda r: r.user_id == self.lead and r.key == "digest"
        ).activity_id
        self.assertIn("1 written, 0 missing", english.summary)
