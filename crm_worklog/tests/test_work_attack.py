"""Attacks over XML-RPC (DESIGN.md "Trust"): visibility per level, protected
fields, scoped links and other people's logs, with every context key the
suite ever read. Each refusal is an ``xmlrpc.client.Fault`` of a
UserError/ValidationError or AccessError, the record unchanged; a few
legitimate flows succeed."""

from datetime import date
from xmlrpc.client import Fault

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import WorkCommon

CONTEXTS = (
    {},
    {"crm_scope_implied": True},
    {"crm_reminder_no_follow": True},
    {"crm_work_update": True},
    {"crm_service_update": True},
    {"su": True, "sudo": True, "superuser": True},
    {"tracking_disable": True, "mail_notrack": True},
    {"active_test": False},
)
REFUSAL_CODES = (2, 4)


@tagged("post_install", "-at_install")
class TestWorkAttack(WorkCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.task1 = cls._task(cls.own1)
        cls.task_out = cls._task(cls.outsider)
        cls.log1 = cls._log(
            cls.own1, date=date(2026, 11, 2), recipient_user_ids=cls.link(cls.own2)
        )
        cls.log3 = cls._log(cls.own3, date=date(2026, 11, 2))
        cls.log_out = cls._log(cls.outsider, date=date(2026, 11, 2))
        cls.comment = (
            cls.env["crm.work.comment"]
            .with_user(cls.lead)
            .create({"log_id": cls.log1.id, "body": "Good"})
        )

    def rpc(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, list(args), kwargs
        )

    def assertRefused(self, label, user, model, method, *args, **kwargs):
        with self.assertRaises(Fault, msg=label) as caught, mute_logger("odoo.http"):
            self.rpc(user, model, method, *args, **kwargs)
        fault = caught.exception
        self.assertIn(fault.faultCode, REFUSAL_CODES, f"{label}: {fault.faultString}")
        return fault

    def test_comment_stays_where_it_was_written(self):
        """crm_masterdata's trust inventory lists the comment's links as set at
        creation: its author may edit the text, never move it to another log
        or task, whatever the context."""
        self.rpc(
            self.lead,
            "crm.work.comment",
            "write",
            self.comment.ids,
            {"body": "Good work"},
        )
        for context in CONTEXTS:
            for values in (
                {"log_id": self.log3.id},
                {"log_id": False, "task_id": self.task1.id},
            ):
                with self.subTest(context=context, values=values):
                    self.assertRefused(
                        "comment moved",
                        self.lead,
                        "crm.work.comment",
                        "write",
                        self.comment.ids,
                        values,
                        context=context,
                    )
        self.assertEqual(self.comment.log_id, self.log1)
        self.assertFalse(self.comment.task_id)

    def test_visibility_over_xmlrpc(self):
        ids = [self.log1.id, self.log3.id, self.log_out.id]
        rows = (
            (self.own1, {self.log1}),
            (self.own2, {self.log1}),  # a recipient
            (self.lead, {self.log1}),
            (self.mgr, {self.log1}),
            (self.director, {self.log1, self.log3}),
            (self.outsider, {self.log_out}),
            (self.all_user, {self.log1, self.log3, self.log_out}),
        )
        for user, expected in rows:
            for context in CONTEXTS:
                with self.subTest(user=user.login, context=context):
                    found = self.rpc(
                        user,
                        "crm.work.log",
                        "search_read",
                        [("id", "in", ids)],
                        fields=["id"],
                        context=context,
                    )
                    self.assertEqual(
                        {row["id"] for row in found}, {log.id for log in expected}
                    )
        for user in (self.nobody, self.rep_only):
            for model in ("crm.work.log", "crm.work.task", "crm.work.comment"):
                with self.subTest(user=user.login, model=model):
                    self.assertRefused(
                        f"{user.login} {model}", user, model, "search_read", []
                    )
        # out of scope records: read by id is refused too
        self.assertRefused(
            "read outside",
            self.own1,
            "crm.work.log",
            "read",
            [self.log_out.id],
            ["done"],
        )
        self.assertRefused(
            "read task outside",
            self.lead,
            "crm.work.task",
            "read",
            [self.task_out.id],
            ["name"],
        )

    def test_protected_fields_with_every_context(self):
        rows = (
            (self.own1, "crm.work.task", self.task1, {"state": "done"}),
            (self.own1, "crm.work.task", self.task1, {"date_done": "2026-11-01"}),
            (self.own1, "crm.work.log", self.log1, {"plan_scheduled": True}),
            (self.lead, "crm.work.comment", self.comment, {"author_id": self.mgr.id}),
            (self.lead, "crm.work.comment", self.comment, {"date": "2020-01-01"}),
            (
                self.own2,
                "crm.work.log.receipt",
                self.log1.sudo().receipt_ids,
                {"date_read": "2026-11-02 10:00:00"},
            ),
        )
        for user, model, record, vals in rows:
            for context in CONTEXTS:
                label = f"{model} {vals} {context}"
                with self.subTest(label=label):
                    self.assertRefused(
                        label, user, model, "write", record.ids, vals, context=context
                    )
        self.task1.invalidate_recordset()
        self.assertEqual(self.task1.state, "draft")
        self.assertFalse(self.log1.plan_scheduled)
        self.assertEqual(self.comment.author_id, self.lead)
        self.assertFalse(self.log1.sudo().receipt_ids.date_read)
        # at creation too, also as a context default
        for context in CONTEXTS:
            with self.subTest(context=context):
                self.assertRefused(
                    "create done task",
                    self.own1,
                    "crm.work.task",
                    "create",
                    [{"name": "Forged", "state": "done"}],
                    context=context,
                )
                self.assertRefused(
                    "comment as someone else",
                    self.lead,
                    "crm.work.comment",
                    "create",
                    [{"log_id": self.log1.id, "body": "x", "author_id": self.mgr.id}],
                    context=context,
                )
        self.assertFalse(self.env["crm.work.task"].search([("name", "=", "Forged")]))

    def test_links_and_others_logs(self):
        step = (
            self.env["crm.work.task.step"]
            .with_user(self.own1)
            .create({"task_id": self.task1.id, "name": "Call back"})
        )
        rows = (
            (
                "log links an unreadable customer",
                self.own1,
                "crm.work.log",
                "create",
                [
                    {
                        "date": "2026-11-03",
                        "partner_ids": [(6, 0, [self.customer_other.id])],
                    }
                ],
            ),
            (
                "log adds an unreadable task",
                self.own1,
                "crm.work.log",
                "write",
                [self.log1.id],
                {"task_ids": [(4, self.task_out.id)]},
            ),
            (
                "task links an unreadable customer",
                self.own1,
                "crm.work.task",
                "write",
                [self.task1.id],
                {"partner_ids": [(4, self.customer_other.id)]},
            ),
            (
                "task under an unreadable plan",
                self.own1,
                "crm.work.task",
                "write",
                [self.task1.id],
                {"parent_id": self.task_out.id},
            ),
            (
                "lead edits a subordinate's log",
                self.lead,
                "crm.work.log",
                "write",
                [self.log1.id],
                {"done": "<p>forged</p>"},
            ),
            (
                "a log in someone else's name",
                self.lead,
                "crm.work.log",
                "create",
                [{"date": "2026-11-03", "user_id": self.own1.id}],
            ),
            (
                "moving a log to someone else",
                self.own1,
                "crm.work.log",
                "write",
                [self.log1.id],
                {"user_id": self.own2.id},
            ),
            (
                "a recipient edits the log",
                self.own2,
                "crm.work.log",
                "write",
                [self.log1.id],
                {"done": "<p>forged</p>"},
            ),
            (
                "a log dated in the future",
                self.own1,
                "crm.work.log",
                "create",
                [{"date": "2099-01-01"}],
            ),
            (
                "coaching outside the scope",
                self.lead,
                "crm.work.comment",
                "create",
                [{"log_id": self.log3.id, "body": "x"}],
            ),
            (
                "moving a comment",
                self.lead,
                "crm.work.comment",
                "write",
                [self.comment.id],
                {"log_id": self.log3.id},
            ),
            (
                "receipt forged",
                self.own2,
                "crm.work.log.receipt",
                "create",
                [{"log_id": self.log_out.id, "user_id": self.own2.id}],
            ),
            (
                "a receipt through the log's lines",
                self.own1,
                "crm.work.log",
                "write",
                [self.log1.id],
                {"receipt_ids": [(0, 0, {"user_id": self.own1.id})]},
            ),
            (
                "self-coaching through the log's lines",
                self.own1,
                "crm.work.log",
                "write",
                [self.log1.id],
                {"comment_ids": [(0, 0, {"body": "Well done, me"})]},
            ),
            (
                "a task done through the parent's lines",
                self.own1,
                "crm.work.task",
                "write",
                [self.task1.id],
                {"child_ids": [(0, 0, {"name": "Forged child", "state": "done"})]},
            ),
            (
                "marking a log read that is not addressed",
                self.own1,
                "crm.work.log",
                "action_mark_read",
                [self.log1.id],
            ),
            (
                "a step added to someone else's task",
                self.own1,
                "crm.work.task.step",
                "create",
                [{"task_id": self.task_out.id, "name": "Forged step"}],
            ),
            (
                "one's own step moved to someone else's task",
                self.own1,
                "crm.work.task.step",
                "write",
                [step.id],
                {"task_id": self.task_out.id},
            ),
        )
        for label, user, model, method, *args in rows:
            for context in CONTEXTS:
                with self.subTest(label=label, context=context):
                    kwargs = {"context": context}
                    self.assertRefused(label, user, model, method, *args, **kwargs)
        self.log1.invalidate_recordset()
        self.assertEqual(self.log1.user_id, self.own1)
        self.assertFalse(self.log1.partner_ids)
        self.assertFalse(self.log1.task_ids)
        self.assertNotIn("forged", self.log1.done)
        Step = self.env["crm.work.task.step"]
        self.assertFalse(Step.search([("task_id", "=", self.task_out.id)]))
        self.assertEqual(step.task_id, self.task1)

    def test_legitimate_flows(self):
        [log_id] = self.rpc(
            self.own1,
            "crm.work.log",
            "create",
            [
                {
                    "date": "2026-11-04",
                    "done": "<p>Visited</p>",
                    "partner_ids": [(6, 0, [self.customer.id])],
                    "recipient_user_ids": [(6, 0, [self.lead.id])],
                }
            ],
        )
        self.rpc(self.lead, "crm.work.log", "action_mark_read", [log_id])
        self.rpc(
            self.lead, "crm.work.comment", "create", [{"log_id": log_id, "body": "OK"}]
        )
        self.rpc(self.mgr, "crm.work.log", "write", [log_id], {"lessons": "<p>x</p>"})
        self.rpc(self.own1, "crm.work.task", "action_start", [self.task1.id])
        log = self.env["crm.work.log"].browse(log_id)
        self.assertTrue(log.with_user(self.lead).is_read)
        self.assertEqual(log.comment_ids.author_id, self.lead)
        self.assertEqual(self.task1.state, "open")
