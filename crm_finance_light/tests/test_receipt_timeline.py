"""Receipts on the customer's timeline: only those the reader may read (a
salesperson's customers, the finance ladder), with their amount."""

from datetime import date
from xmlrpc.client import Fault

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import FinanceCommon


class ReceiptTimelineCommon(FinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.old = cls._receipt(amount=120.0, day=date(2024, 3, 5), reference="R-OLD")
        cls.new = cls._receipt(
            amount=80.0, day=date(2024, 4, 5), method=cls.method_cash
        )
        cls.new.action_confirm()
        cls.other = cls._receipt(partner=cls.customer2, amount=50.0)

    def receipts(self, user, partner=None):
        items = (partner or self.customer).with_user(user).crm_timeline()
        return [i for i in items if i["model"] == "crm.receipt"]


class TestReceiptTimeline(ReceiptTimelineCommon):
    def test_salesperson_and_manager(self):
        for user in (self.rep, self.mgr):
            with self.subTest(user=user.login):
                items = self.receipts(user)
                self.assertEqual(
                    [i["res_id"] for i in items], [self.new.id, self.old.id]
                )
                self.assertEqual([i["amount"] for i in items], [80.0, 120.0])
        item = self.receipts(self.rep)[0]
        self.assertEqual(item["kind"], "receipt")
        self.assertEqual(item["date"], "2024-04-05")
        self.assertIn("FIN Cash", item["summary"])
        self.assertIn("80", item["amount_display"])
        self.assertIn("R-OLD", self.receipts(self.rep)[1]["summary"])

    def test_finance_clerk(self):
        # finance staff read every customer; the clerk (finance All) every receipt
        items = self.receipts(self.clerk)
        self.assertEqual([i["res_id"] for i in items], [self.new.id, self.old.id])
        self.assertEqual(items[0]["amount"], 80.0)
        # the cashier (finance Own) reads the customer, not these receipts
        self.assertEqual(self.receipts(self.cashier), [])

    def test_others_refused(self):
        for user in (self.rep2, self.outsider):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.receipts(user)
        self.assertEqual(
            [i["res_id"] for i in self.receipts(self.rep2, self.customer2)],
            [self.other.id],
        )


@tagged("post_install", "-at_install")
class TestReceiptTimelineXmlrpc(ReceiptTimelineCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.rep, cls.rep2, cls.cashier):
            user.password = f"{user.login}_pw"

    def _call(self, user, partner):
        uid = self.xmlrpc_common.authenticate(
            self.env.cr.dbname, user.login, f"{user.login}_pw", {}
        )
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            uid,
            f"{user.login}_pw",
            "res.partner",
            "crm_timeline",
            [partner.ids],
            {"context": {"active_test": False}},
        )

    def test_xmlrpc(self):
        for user, partner in ((self.rep2, self.customer), (self.rep, self.customer2)):
            with (
                self.subTest(user=user.login),
                self.assertRaises(Fault) as caught,
                mute_logger("odoo.http"),
            ):
                self._call(user, partner)
            self.assertIn("(res.partner)", caught.exception.faultString)
        items = self._call(self.rep, self.customer)
        self.assertEqual(
            [i["res_id"] for i in items if i["model"] == "crm.receipt"],
            [self.new.id, self.old.id],
        )
        items = self._call(self.cashier, self.customer)
        self.assertFalse([i for i in items if i["model"] == "crm.receipt"])
