"""Work logs and tasks on the customer's timeline: only those the reader may
read in the Work scope (recipients and collaborators included), newest first,
over the ORM and XML-RPC."""

from datetime import date, datetime
from xmlrpc.client import Fault

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import SALES, WorkCommon


class WorkTimelineCommon(WorkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # own2 and the manager also read every customer (sales All)
        sales_all = cls.env.ref(SALES + "all")
        (cls.own2 | cls.mgr).write({"groups_id": [(4, sales_all.id)]})
        customer = cls.link(cls.customer)
        cls.log1 = cls._log(cls.own1, date=date(2026, 11, 2), partner_ids=customer)
        cls.log2 = cls._log(
            cls.own2,
            date=date(2026, 11, 3),
            partner_ids=customer,
            done="<p>Demo of the copier</p>",
        )
        # addressed to own1: a recipient reads it
        cls.log3 = cls._log(
            cls.own2,
            date=date(2026, 11, 4),
            partner_ids=customer,
            recipient_user_ids=cls.link(cls.own1),
        )
        cls.task1 = cls._task(cls.own1, partner_ids=customer, next_step="Call back")
        cls.task2 = cls._task(cls.own2, partner_ids=customer)
        cls.log_other = cls._log(
            cls.own2, date=date(2026, 11, 5), partner_ids=cls.link(cls.customer_other)
        )
        cls.env.flush_all()
        for task, created in (
            (cls.task1, datetime(2026, 11, 2, 12, 0)),
            (cls.task2, datetime(2026, 11, 3, 12, 0)),
        ):
            cls.env.cr.execute(
                "UPDATE crm_work_task SET create_date = %s WHERE id = %s",
                (created, task.id),
            )
        cls.env.invalidate_all()

    def keys(self, user, partner=None):
        items = (partner or self.customer).with_user(user).crm_timeline()
        return [
            (i["model"], i["res_id"])
            for i in items
            if i["model"] in ("crm.work.log", "crm.work.task")
        ]


class TestWorkTimeline(WorkTimelineCommon):
    def test_author_and_recipient(self):
        # own1: their log and task, and the log addressed to them; not own2's
        self.assertEqual(
            self.keys(self.own1),
            [
                ("crm.work.log", self.log3.id),
                ("crm.work.task", self.task1.id),
                ("crm.work.log", self.log1.id),
            ],
        )
        item = next(
            i
            for i in self.customer.with_user(self.own1).crm_timeline()
            if i["model"] == "crm.work.task"
        )
        self.assertEqual(item["kind"], "work_task")
        self.assertIn("Call back", item["summary"])
        self.assertEqual(item["user"], "East One")

    def test_manager_reads_the_department(self):
        self.assertEqual(
            self.keys(self.mgr),
            [
                ("crm.work.log", self.log3.id),
                ("crm.work.task", self.task2.id),
                ("crm.work.log", self.log2.id),
                ("crm.work.task", self.task1.id),
                ("crm.work.log", self.log1.id),
            ],
        )
        log2 = next(
            i
            for i in self.customer.with_user(self.mgr).crm_timeline()
            if i["res_id"] == self.log2.id and i["model"] == "crm.work.log"
        )
        self.assertEqual(log2["summary"], "Demo of the copier")
        self.assertEqual(log2["date"], "2026-11-03")

    def test_no_work_role_no_logs(self):
        # a salesperson without a Work role: their customer, without the log
        self.assertEqual(self.keys(self.rep_only, self.customer_other), [])
        self.assertEqual(
            self.keys(self.own2, self.customer_other),
            [("crm.work.log", self.log_other.id)],
        )

    def test_customer_unreadable(self):
        for user in (self.outsider, self.nobody, self.rep_only, self.lead):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.keys(user)


@tagged("post_install", "-at_install")
class TestWorkTimelineXmlrpc(WorkTimelineCommon, HttpCase):
    def _call(self, user, partner):
        # the tests' users have their login as password
        uid = self.xmlrpc_common.authenticate(
            self.env.cr.dbname, user.login, user.login, {}
        )
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            uid,
            user.login,
            "res.partner",
            "crm_timeline",
            [partner.ids],
            {"context": {"active_test": False}},
        )

    def test_xmlrpc(self):
        for user in (self.outsider, self.rep_only):
            with (
                self.subTest(user=user.login),
                self.assertRaises(Fault) as caught,
                mute_logger("odoo.http"),
            ):
                self._call(user, self.customer)
            self.assertIn("(res.partner)", caught.exception.faultString)
        items = self._call(self.own1, self.customer)
        self.assertEqual(
            [
                (i["model"], i["res_id"])
                for i in items
                if i["model"] in ("crm.work.log", "crm.work.task")
            ],
            [
                ("crm.work.log", self.log3.id),
                ("crm.work.task", self.task1.id),
                ("crm.work.log", self.log1.id),
            ],
        )
