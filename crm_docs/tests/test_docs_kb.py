from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DocsCommon


@tagged("post_install", "-at_install")
class TestDocsKnowledgeBase(DocsCommon):
    """Submitting, grading and publishing; the knowledge manager's fields;
    the re-review reminders."""

    def test_flow(self):
        doc = self._doc(self.author)
        self.assertEqual(doc.kb_state, "draft")
        result = doc.with_user(self.author).action_submit()
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(doc.kb_state, "submitted")
        # publishing needs the knowledge manager, and a grade
        with self.assertRaises(UserError):
            doc.with_user(self.author).action_publish()
        with self.assertRaisesRegex(UserError, "Grade"):
            doc.with_user(self.km).action_publish()
        self.assertEqual(doc.kb_state, "submitted")
        doc.with_user(self.km).write({"grade": "featured"})
        with freeze_time("2026-03-02"):
            doc.with_user(self.km).action_publish()
        self.assertEqual(doc.kb_state, "published")
        self.assertEqual(doc.reviewer_id, self.km)
        self.assertEqual(doc.review_date, date(2027, 3, 2))
        # the author cannot withdraw it, the knowledge manager can
        with self.assertRaises(UserError):
            doc.with_user(self.author).action_expire()
        doc.with_user(self.km).action_expire()
        self.assertEqual((doc.kb_state, doc.grade), ("expired", "outdated"))
        # returned to the author
        doc.with_user(self.author).action_submit()
        doc.with_user(self.km).action_return_to_author()
        self.assertEqual(doc.kb_state, "draft")

    def test_kb_fields_only_for_the_knowledge_manager(self):
        doc = self._doc(self.author)
        for field, value in (
            ("grade", "featured"),
            ("review_date", "2030-01-01"),
            ("visibility", "managers"),
            ("visibility_department_ids", [(6, 0, self.dept_a.ids)]),
        ):
            with self.subTest(field=field):
                with self.assertRaisesRegex(UserError, "knowledge managers"):
                    doc.with_user(self.author).write({field: value})
                with self.assertRaisesRegex(UserError, "knowledge managers"):
                    self._doc(self.author, **{field: value})
        # the default visibility is accepted at creation (as the form sends it)
        self._doc(self.author, visibility="company")

    def test_published_to_departments_needs_departments(self):
        doc = self._doc(self.author)
        doc.with_user(self.author).action_submit()
        doc.with_user(self.km).write({"grade": "ordinary", "visibility": "departments"})
        with self.assertRaises(Exception):  # noqa: B017 (ValidationError)
            doc.with_user(self.km).action_publish()

    def test_protected_fields(self):
        doc = self._doc(self.author)
        for field, value in (
            ("kb_state", "published"),
            ("view_count", 100),
            ("download_count", 100),
            ("report_user_id", self.all_user.id),
            ("reviewer_id", self.km.id),
            ("content_text", "fake text"),
        ):
            with self.subTest(field=field):
                with self.assertRaises(UserError):
                    doc.with_user(self.author).write({field: value})
                with self.assertRaises(UserError):
                    doc.with_user(self.km).write({field: value})
                with self.assertRaises(UserError):
                    self._doc(self.author, **{field: value})

    def test_review_reminders_once(self):
        # only this test's documents are due (not the demo's)
        self.env["crm.document"].search([]).write({"review_date": False})
        docs = self.env["crm.document"]
        for user in (self.author, self.author2):
            doc = self._doc(user)
            doc.with_user(user).action_submit()
            doc.with_user(self.km).write(
                {"grade": "ordinary", "review_date": "2026-06-01"}
            )
            doc.with_user(self.km).action_publish()
            docs |= doc
        Activity = self.env["mail.activity"]
        domain = [("res_model", "=", "crm.document"), ("res_id", "in", docs.ids)]
        Document = self.env["crm.document"]
        with freeze_time("2026-05-31"):
            self.assertEqual(Document._cron_review_reminders(), 0)
        self.assertFalse(Activity.search(domain))
        with freeze_time("2026-06-01"):
            self.assertEqual(Document._cron_review_reminders(), 2)
            self.assertEqual(Document._cron_review_reminders(), 0)
        with freeze_time("2026-06-05"):
            self.assertEqual(Document._cron_review_reminders(), 0)
        activities = Activity.search(domain)
        self.assertEqual(len(activities), 2)
        self.assertEqual(activities.user_id, self.km)
        # done activities are deleted: still not sent again
        activities.action_feedback()
        with freeze_time("2026-06-06"):
            self.assertEqual(Document._cron_review_reminders(), 0)
        # re-reviewed: the next date gets its own reminder
        with freeze_time("2026-06-06"):
            docs[0].with_user(self.km).action_mark_reviewed()
        self.assertEqual(docs[0].review_date, date(2027, 6, 6))
        with freeze_time("2027-06-06"):
            self.assertEqual(Document._cron_review_reminders(), 1)
            self.assertEqual(Document._cron_review_reminders(), 0)

    def test_reminder_in_reader_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "crm_docs")]
        )._update_translations(["zh_CN"], overwrite=True)
        self.km.lang = "zh_CN"
        doc = self._doc(self.author)
        doc.with_user(self.author).action_submit()
        doc.with_user(self.km).write({"grade": "ordinary", "review_date": "2026-06-01"})
        doc.with_user(self.km).action_publish()
        with freeze_time("2026-06-02"):
            self.env["crm.document"]._cron_review_reminders()
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "crm.document"), ("res_id", "=", doc.id)]
        )
        self.assertEqual(activity.summary, "复审知识库文档")

    def test_knowledge_manager_needs_access(self):
        doc = self._doc(self.author)
        with self.assertRaises(UserError):
            doc.with_user(self.km).action_publish()
