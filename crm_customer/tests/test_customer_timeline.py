"""The customer's timeline (res.partner.crm_timeline): follow-ups newest
first, paging, only what the reader may read, the pool's masking, and the
same over XML-RPC."""

from datetime import datetime, timedelta
from xmlrpc.client import Fault

from markupsafe import Markup

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import CustomerCommon


class TimelineCommon(CustomerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.base_date = datetime(2026, 11, 1, 8, 0, 0)
        cls.notes = {}
        # five notes of the owner on rep1's customer and one on its contact,
        # an hour apart: note 5 (on the contact) is the newest
        rep1 = cls.users["rep1"]
        targets = [cls.customers["rep1"]] * 5 + [cls.contacts["rep1"]]
        for index, partner in enumerate(targets):
            message = partner.with_user(rep1).message_post(
                body=Markup("<p>Note %s</p><p>talked about order %s</p>")
                % (index, index),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            message.sudo().date = cls.base_date + timedelta(hours=index)
            cls.notes[index] = message
        # an automatic message (not a follow-up) and a note on rep2's customer
        cls.customers["rep1"].message_post(body="automatic notice")
        cls.customers["rep2"].with_user(cls.users["rep2"]).message_post(
            body="rep2's note", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        cls.pool.message_post(
            body="pool history", message_type="comment", subtype_xmlid="mail.mt_note"
        )

    def timeline(self, key, partner, **kwargs):
        return partner.with_user(self.users[key]).crm_timeline(**kwargs)


class TestCustomerTimeline(TimelineCommon):
    def test_followups_newest_first(self):
        items = self.timeline("rep1", self.customers["rep1"])
        titles = [item["title"] for item in items]
        self.assertEqual(titles, [f"Note {i}" for i in range(5, -1, -1)])
        first = items[0]
        self.assertEqual(first["kind"], "followup")
        self.assertEqual(first["model"], "mail.message")
        self.assertEqual(first["res_id"], self.notes[5].id)
        self.assertEqual(first["summary"], "talked about order 5")
        self.assertEqual(first["user"], "Cust rep1")
        self.assertFalse(first["amount"])
        self.assertEqual(first["date"], "2026-11-01 13:00:00")
        self.assertNotIn("sort_date", first)
        # a click on a follow-up opens the contact it was written on
        self.assertEqual(
            (first["open_model"], first["open_id"]),
            ("res.partner", self.contacts["rep1"].id),
        )
        self.assertEqual(items[1]["open_id"], self.customers["rep1"].id)
        # the automatic message is no follow-up
        self.assertNotIn("automatic notice", [i["summary"] for i in items])
        # from a contact, the same timeline (its account's)
        self.assertEqual(
            [i["res_id"] for i in self.timeline("rep1", self.contacts["rep1"])],
            [i["res_id"] for i in items],
        )

    def test_paging(self):
        customer = self.customers["rep1"]
        pages = [
            self.timeline("rep1", customer, offset=offset, limit=2)
            for offset in (0, 2, 4, 6)
        ]
        self.assertEqual([len(page) for page in pages], [2, 2, 2, 0])
        ids = [item["res_id"] for page in pages for item in page]
        self.assertEqual(ids, [self.notes[i].id for i in range(5, -1, -1)])
        # a limit is capped, nonsense falls back to the defaults
        self.assertEqual(len(self.timeline("rep1", customer, limit=10**9)), 6)
        self.assertEqual(len(self.timeline("rep1", customer, limit="x")), 6)
        self.assertEqual(len(self.timeline("rep1", customer, offset=-5, limit=1)), 1)

    def test_dates_for_chinese_readers(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        # as the web client calls it: the reader's language and timezone
        customer = self.customers["rep1"].with_context(lang="zh_CN", tz="Asia/Shanghai")
        item = self.timeline("rep1", customer, limit=1)[0]
        self.assertEqual(item["date_display"], "2026年11月01日 21:00")
        self.assertEqual(item["kind_label"], "跟进")

    def test_activity_done_is_a_followup(self):
        customer = self.customers["rep1"]
        activity = customer.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=self.users["rep1"].id,
            summary="Call back",
        )
        activity.with_user(self.users["rep1"]).action_feedback(feedback="agreed")
        item = self.timeline("rep1", customer, limit=1)[0]
        self.assertEqual(item["kind"], "followup")
        self.assertEqual(item["kind_label"], "Activity done")
        self.assertEqual(item["icon"], "fa-check-square-o")

    def test_readers(self):
        customer = self.customers["rep1"]
        expected = [self.notes[i].id for i in range(5, -1, -1)]
        # the owner, their team lead, the department manager, the director
        for key in ("rep1", "lead", "mgr1", "diva", "director"):
            with self.subTest(reader=key):
                ids = [i["res_id"] for i in self.timeline(key, customer)]
                self.assertEqual(ids, expected)
        # a colleague, another department, no role: the customer is unreadable
        for key in ("rep2", "rep3", "ops", "outsider"):
            with self.subTest(reader=key), self.assertRaises(AccessError):
                self.timeline(key, customer)
        # the other way round: rep1 does not read rep2's customer
        with self.assertRaises(AccessError):
            self.timeline("rep1", self.customers["rep2"])
        rep2_items = self.timeline("rep2", self.customers["rep2"])
        self.assertEqual([i["title"] for i in rep2_items], ["rep2's note"])

    def test_archived_contact_kept(self):
        self.contacts["rep1"].active = False
        ids = [i["res_id"] for i in self.timeline("rep1", self.customers["rep1"])]
        self.assertIn(self.notes[5].id, ids)

    def test_pool_masked(self):
        # salespeople below All read the pool account masked: no history
        for key in ("rep1", "lead", "mgr1", "diva"):
            with self.subTest(reader=key):
                self.assertEqual(self.timeline(key, self.pool), [])
        # the All level reads it
        titles = [i["title"] for i in self.timeline("director", self.pool)]
        self.assertEqual(titles, ["pool history"])
        # its contact is unreadable for them
        with self.assertRaises(AccessError):
            self.timeline("rep1", self.pool_contact)


@tagged("post_install", "-at_install")
class TestCustomerTimelineXmlrpc(TimelineCommon, HttpCase):
    """The timeline over XML-RPC: refused on a customer the caller cannot
    read, whatever the context; on one they read, only what they read."""

    def _call(self, key, method, ids, **kwargs):
        login, password = f"cust_{key}", f"cust_{key}_pw"
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, password, {})
        self.assertTrue(uid, f"{login} could not log in")
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, password, "res.partner", method, [ids], kwargs
        )

    def test_xmlrpc_refused(self):
        contexts = (
            {},
            {"active_test": False},
            {"crm_scope_implied": "res.partner"},
            {"crm_timeline_all": True, "tracking_disable": True},
        )
        rows = [
            ("rep2", self.customers["rep1"]),
            ("rep3", self.contacts["rep1"]),
            ("outsider", self.customers["rep1"]),
            ("rep1", self.pool_contact),
            ("lead", self.customers["rep3"]),
        ]
        for key, partner in rows:
            for context in contexts:
                with (
                    self.subTest(reader=key, partner=partner.name, context=context),
                    self.assertRaises(Fault) as caught,
                    mute_logger("odoo.http"),
                ):
                    self._call(key, "crm_timeline", partner.ids, context=context)
                # Odoo's AccessError on the customer
                self.assertIn("(res.partner)", caught.exception.faultString)
                self.assertIn("'read' access", caught.exception.faultString)

    def test_xmlrpc_readable(self):
        items = self._call("rep1", "crm_timeline", self.customers["rep1"].ids, limit=3)
        self.assertEqual(
            [i["res_id"] for i in items], [self.notes[i].id for i in (5, 4, 3)]
        )
        # on the pool account, nothing (masked), whatever the context
        for context in ({}, {"active_test": False}, {"tz": "Asia/Shanghai"}):
            self.assertEqual(
                self._call("rep1", "crm_timeline", self.pool.ids, context=context),
                [],
            )
        # only the director's own rights make the pool's history appear
        titles = [
            i["title"] for i in self._call("director", "crm_timeline", self.pool.ids)
        ]
        self.assertEqual(titles, ["pool history"])


@tagged("post_install", "-at_install")
class TestCustomerTimelineUi(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_timeline_tour_on_a_phone(self):
        """A salesperson working in Chinese reads the timeline of their
        customer on a phone: the newest follow-ups first, then Load more."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "in", ("crm_masterdata", "crm_customer"))]
        )._update_translations(["zh_CN"], overwrite=True)
        rep = new_test_user(
            self.env,
            login="cust_tl_rep",
            lang="zh_CN",
            tz="Asia/Shanghai",
            groups="base.group_user,crm_masterdata.crm_masterdata_group_sales_own",
        )
        customer = self.env["res.partner"].create(
            {
                "name": "巡检动态客户",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": rep.id,
            }
        )
        base = datetime(2026, 11, 1, 2, 0, 0)
        for index in range(25):
            message = customer.with_user(rep).message_post(
                body=Markup("<p>回访记录 %s</p><p>客户反馈良好</p>") % index,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            message.sudo().date = base + timedelta(hours=index)
        action = self.env.ref("crm_customer.res_partner_action_my")
        self.start_tour(
            f"/odoo/action-{action.id}/{customer.id}",
            "crm_customer_timeline_tour",
            login="cust_tl_rep",
        )
