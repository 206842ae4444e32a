"""Contracts on the customer's timeline: only those the reader may read,
newest signed first among the follow-ups, with their total."""

from datetime import timedelta
from xmlrpc.client import Fault

from markupsafe import Markup

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ContractCommon


class ContractTimelineCommon(ContractCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = cls.signed
        # the rep's own contract, two days ago; a newer one the manager made
        # for the rep's customer (the rep does not read it); a note between
        cls.own = cls._contract(
            lines=((2.0, 150.0),),
            date_signed=today - timedelta(days=2),
            title="Printers",
        )
        cls.managers = cls._contract(
            user=cls.mgr, date_signed=today - timedelta(days=1), title="Toner"
        )
        note = cls.customer.with_user(cls.rep).message_post(
            body=Markup("<p>Visited</p>"),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        note.sudo().date = today - timedelta(days=2) + timedelta(hours=12)
        cls.note = note
        cls.other = cls._contract(user=cls.rep2, partner=cls.customer_rep2)

    def timeline(self, user, partner=None):
        return (partner or self.customer).with_user(user).crm_timeline()

    def keys(self, items):
        return [(i["model"], i["res_id"]) for i in items]


class TestContractTimeline(ContractTimelineCommon):
    def test_owner_reads_own_contracts(self):
        items = self.timeline(self.rep)
        self.assertEqual(
            self.keys(items),
            [
                ("mail.message", self.note.id),
                ("crm.contract", self.own.id),
            ],
        )
        contract = items[1]
        self.assertEqual(contract["kind"], "contract")
        self.assertEqual(contract["amount"], 300.0)
        self.assertIn("300", contract["amount_display"])
        self.assertIn(self.own.name, contract["title"])
        self.assertIn("Printers", contract["summary"])
        self.assertEqual(contract["user"], "Rep One")
        self.assertEqual(
            (contract["open_model"], contract["open_id"]), ("crm.contract", self.own.id)
        )

    def test_manager_and_director_read_all(self):
        expected = [
            ("crm.contract", self.managers.id),
            ("mail.message", self.note.id),
            ("crm.contract", self.own.id),
        ]
        for user in (self.mgr, self.director):
            with self.subTest(user=user.login):
                self.assertEqual(self.keys(self.timeline(user)), expected)

    def test_paging_across_sources(self):
        # pages of one item, one after the other, give the merged list
        full = self.keys(self.timeline(self.mgr))
        pages = [
            self.keys(self.customer.with_user(self.mgr).crm_timeline(offset=i, limit=1))
            for i in range(len(full) + 1)
        ]
        self.assertEqual([key for page in pages for key in page], full)
        self.assertEqual(pages[-1], [])

    def test_others_refused(self):
        for user in (self.rep2, self.outsider, self.controller):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.timeline(user)
        # and the other way round
        with self.assertRaises(AccessError):
            self.timeline(self.rep, self.customer_rep2)
        self.assertEqual(
            self.keys(self.timeline(self.rep2, self.customer_rep2)),
            [("crm.contract", self.other.id)],
        )

    def test_no_amount_without_the_right(self):
        field = self.env["crm.contract"]._fields["amount_total"]
        self.patch(field, "groups", "base.group_system")
        item = self.timeline(self.rep)[1]
        self.assertEqual(item["res_id"], self.own.id)
        self.assertFalse(item["amount"])
        self.assertEqual(item["amount_display"], "")


@tagged("post_install", "-at_install")
class TestContractTimelineXmlrpc(ContractTimelineCommon, HttpCase):
    def _call(self, login, partner, **kwargs):
        password = f"{login}_pw"
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, password, {})
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            uid,
            password,
            "res.partner",
            "crm_timeline",
            [partner.ids],
            kwargs,
        )

    def test_xmlrpc(self):
        # a customer the caller cannot read: refused, whatever the context
        for login, partner in (
            ("ct_rep2", self.customer),
            ("ct_outsider", self.customer),
            ("ct_rep", self.customer_rep2),
        ):
            for context in ({}, {"active_test": False, "crm_scope_implied": True}):
                with (
                    self.subTest(login=login, context=context),
                    self.assertRaises(Fault) as caught,
                    mute_logger("odoo.http"),
                ):
                    self._call(login, partner, context=context)
                self.assertIn("(res.partner)", caught.exception.faultString)
        # one they read: the manager's contract is absent for the rep
        items = self._call("ct_rep", self.customer, context={"active_test": False})
        self.assertEqual(
            [(i["model"], i["res_id"]) for i in items],
            [("mail.message", self.note.id), ("crm.contract", self.own.id)],
        )
        items = self._call("ct_mgr", self.customer)
        self.assertIn(self.managers.id, [i["res_id"] for i in items])
