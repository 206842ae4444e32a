"""Visibility per Work level, both ways (who sees and who does not), with
collaborators and recipients, over the ORM; test_work_attack.py repeats the
main rows over XML-RPC."""

from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import WorkCommon


@tagged("post_install", "-at_install")
class TestWorkAccess(WorkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.authors = (
            cls.mgr,
            cls.lead,
            cls.own1,
            cls.own2,
            cls.own3,
            cls.director,
            cls.outsider,
            cls.all_user,
        )
        cls.tasks = {u: cls._task(u) for u in cls.authors}
        cls.logs = {u: cls._log(u, date=date(2026, 11, 2)) for u in cls.authors}
        # what each viewer reads, by level
        east = {cls.mgr, cls.lead, cls.own1, cls.own2, cls.director}
        cls.expected = {
            cls.own1: {cls.own1},
            cls.own2: {cls.own2},
            cls.own3: {cls.own3},
            cls.outsider: {cls.outsider},
            cls.lead: {cls.lead, cls.own1},
            cls.mgr: east,
            cls.director: east | {cls.own3},
            cls.all_user: set(cls.authors),
            cls.work_admin: set(cls.authors),
        }

    def _visible_authors(self, model, viewer):
        records = (
            self.env[model]
            .with_user(viewer)
            .search([("id", "in", [r.id for r in self._records(model)])])
        )
        return set(records.sudo().user_id)

    def _records(self, model):
        return list((self.tasks if model == "crm.work.task" else self.logs).values())

    def test_levels_both_ways(self):
        for model in ("crm.work.task", "crm.work.log"):
            for viewer, expected in self.expected.items():
                with self.subTest(model=model, viewer=viewer.login):
                    seen = self._visible_authors(model, viewer)
                    self.assertEqual(
                        {u.login for u in seen}, {u.login for u in expected}
                    )
                    # and the records outside the scope cannot be read directly
                    for author in set(self.authors) - expected:
                        record = (
                            self.tasks if model == "crm.work.task" else self.logs
                        )[author]
                        with self.assertRaises(AccessError):
                            record.with_user(viewer).check_access("read")

    def test_no_role_no_data(self):
        for user in (self.nobody, self.rep_only):
            for model in (
                "crm.work.task",
                "crm.work.log",
                "crm.work.comment",
                "crm.work.log.receipt",
                "crm.work.task.step",
                "crm.work.day",
                "crm.work.task.report",
            ):
                with self.subTest(user=user.login, model=model):
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).search([])

    def test_collaborators_see_and_update_not_delete(self):
        task = self._task(self.own3, collaborator_ids=self.link(self.own2))
        as_collaborator = task.with_user(self.own2)
        self.assertIn(task, self.env["crm.work.task"].with_user(self.own2).search([]))
        as_collaborator.write({"next_step": "Call back", "progress": 40})
        self.assertEqual(task.next_step, "Call back")
        as_collaborator.action_start()
        self.assertEqual(task.state, "open")
        with self.assertRaises(AccessError):
            as_collaborator.unlink()
        # someone else still does not see it
        with self.assertRaises(AccessError):
            task.with_user(self.own1).check_access("read")
        # removed from the task, they no longer see it
        task.with_user(self.own3).write({"collaborator_ids": [(5, 0, 0)]})
        with self.assertRaises(AccessError):
            task.with_user(self.own2).check_access("read")

    def test_recipients_users_and_departments(self):
        log = self._log(
            self.own2,
            date=date(2026, 11, 3),
            recipient_user_ids=self.link(self.own1),
            recipient_department_ids=self.link(self.dept_team),
        )
        for reader in (self.own1, self.own3):
            with self.subTest(reader=reader.login):
                self.assertIn(
                    log, self.env["crm.work.log"].with_user(reader).search([])
                )
                # read only: a recipient does not edit the log
                with self.assertRaises(UserError):
                    log.with_user(reader).write({"done": "<p>Changed</p>"})
        with self.assertRaises(AccessError):
            log.with_user(self.outsider).check_access("read")
        receipts = log.sudo().receipt_ids
        self.assertEqual(set(receipts.user_id), {self.own1, self.own3})
        self.assertFalse(any(receipts.mapped("date_read")))
        # 已读: the recipient marks it read, the author sees it
        self.assertFalse(log.with_user(self.own1).is_read)
        log.with_user(self.own1).action_mark_read()
        log.invalidate_recordset()
        self.assertTrue(log.with_user(self.own1).is_read)
        self.assertFalse(log.with_user(self.own3).is_read)
        read = log.with_user(self.own2).receipt_ids.filtered("date_read")
        self.assertEqual(read.user_id, self.own1)
        unread = (
            self.env["crm.work.log"]
            .with_user(self.own3)
            .search(
                [("is_read", "=", False), ("recipient_department_ids", "!=", False)]
            )
        )
        self.assertIn(log, unread)
        # the author is no recipient: nothing to mark
        with self.assertRaises(UserError):
            log.with_user(self.own2).action_mark_read()
        # the recipients were notified
        notified = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", "crm.work.log"), ("res_id", "=", log.id)])
            .partner_ids
        )
        self.assertIn(self.own1.partner_id, notified)
        self.assertIn(self.own3.partner_id, notified)

    def test_edit_within_scope(self):
        log = self.logs[self.own2]
        # the manager with "edit within scope" edits a log of their department
        log.with_user(self.mgr).write({"lessons": "<p>Prepare the quote</p>"})
        self.assertIn("quote", log.lessons)
        # the lead reads their subordinate's log but does not edit it
        with self.assertRaises(UserError) as caught:
            self.logs[self.own1].with_user(self.lead).write({"done": "<p>x</p>"})
        self.assertIn("Edit Within Scope", str(caught.exception))
        # nor writes a log in someone else's name
        with self.assertRaises(UserError):
            self._log(self.lead, date=date(2026, 11, 4), user_id=self.own1.id)
        # the manager cannot edit outside their scope
        with self.assertRaises(UserError):
            self.logs[self.own3].with_user(self.mgr).write({"done": "<p>x</p>"})
        # a task: same rule
        with self.assertRaises(AccessError):
            self.tasks[self.own1].with_user(self.lead).write({"name": "Mine now"})
        self.tasks[self.own2].with_user(self.mgr).write({"next_step": "Visit"})

    def test_comments_within_scope(self):
        log = self.logs[self.own1]
        comment = (
            self.env["crm.work.comment"]
            .with_user(self.lead)
            .create({"log_id": log.id, "body": "Call them before Friday"})
        )
        self.assertEqual(comment.kind, "coaching")
        self.assertEqual(comment.author_id, self.lead)
        # visible to whoever reads the log, not to others
        for reader in (self.own1, self.lead, self.mgr, self.director, self.all_user):
            with self.subTest(reader=reader.login):
                self.assertIn(
                    comment, self.env["crm.work.comment"].with_user(reader).search([])
                )
        for reader in (self.own2, self.outsider, self.own3):
            with self.subTest(reader=reader.login):
                self.assertNotIn(
                    comment, self.env["crm.work.comment"].with_user(reader).search([])
                )
        # the author of the log was notified
        message = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", "crm.work.log"), ("res_id", "=", log.id)], limit=1)
        )
        self.assertIn(self.own1.partner_id, message.partner_ids)
        # guidance on a task
        guidance = (
            self.env["crm.work.comment"]
            .with_user(self.mgr)
            .create({"task_id": self.tasks[self.own2].id, "body": "Focus on A"})
        )
        self.assertEqual(guidance.kind, "guidance")
        self.assertEqual(self.tasks[self.own2].with_user(self.own2).comment_count, 1)
        # not on one's own work, not outside the scope
        with self.assertRaises(UserError):
            self.env["crm.work.comment"].with_user(self.own1).create(
                {"log_id": log.id, "body": "Self praise"}
            )
        with self.assertRaises(AccessError):
            self.env["crm.work.comment"].with_user(self.lead).create(
                {"log_id": self.logs[self.own2].id, "body": "Not mine to judge"}
            )
        # only the author edits a comment
        with self.assertRaises(AccessError):
            comment.with_user(self.mgr).write({"body": "Changed"})
        comment.with_user(self.lead).write({"body": "Call them before Thursday"})

    def test_addressed_to_managers_beyond_their_scope(self):
        """A reader with people in scope (the rule's hashed-subquery path)
        reads what is addressed to them from outside their scope, and still
        everything of their scope; an Own reader (the index path) too."""
        log = self._log(
            self.outsider,
            date=date(2026, 11, 5),
            recipient_user_ids=self.link(self.lead | self.mgr | self.own2),
        )
        for reader in (self.lead, self.mgr, self.own2):
            with self.subTest(reader=reader.login):
                found = self.env["crm.work.log"].with_user(reader).search([])
                self.assertIn(log, found)
                self.assertTrue(
                    {self.logs[u] for u in self.expected[reader]} <= set(found)
                )
                log.with_user(reader).check_access("read")
        for reader in (self.own1, self.director, self.own3):
            with self.subTest(reader=reader.login):
                self.assertNotIn(
                    log, self.env["crm.work.log"].with_user(reader).search([])
                )
                with self.assertRaises(AccessError):
                    log.with_user(reader).check_access("read")
        # a log of their own people addressed to the manager: one row, once
        inside = self._log(
            self.own2, date=date(2026, 11, 5), recipient_user_ids=self.link(self.mgr)
        )
        found = (
            self.env["crm.work.log"]
            .with_user(self.mgr)
            .search([("id", "in", [inside.id, log.id])])
        )
        self.assertEqual(len(found), 2)
