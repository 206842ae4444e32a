"""Service requests and visits on the customer's timeline: a service agent
without sales rights sees the service history and no contract or amount; a
salesperson sees the contracts and no service history they may not read."""

from datetime import datetime
from xmlrpc.client import Fault

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ServiceCommon


class ServiceTimelineCommon(ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.request = cls._request(title="Copier jams")
        request = cls.request.with_user(cls.agent)
        request.action_start()
        request.write({"resolution": "<p>Replaced the roller.</p>"})
        request.action_resolve()
        cls.visit = request._crm_record_visit("satisfied", "Works well now.")
        cls.request2 = cls._request(
            user=cls.agent2, partner_id=cls.contact.id, title="Toner empty"
        )
        cls.contract = cls._contract()
        # fixed dates: request, its visit, the second request, the contract
        cls.visit.sudo().date = datetime(2026, 10, 3, 9, 0)
        cls.contract.sudo().date_signed = datetime(2026, 10, 4).date()
        cls.env.flush_all()
        for request, created in (
            (cls.request, datetime(2026, 10, 1, 9, 0)),
            (cls.request2, datetime(2026, 10, 5, 9, 0)),
        ):
            cls.env.cr.execute(
                "UPDATE crm_service_request SET create_date = %s WHERE id = %s",
                (created, request.id),
            )
        cls.env.invalidate_all()

    def keys(self, user, partner=None):
        items = (partner or self.customer).with_user(user).crm_timeline()
        return [
            (i["model"], i["res_id"])
            for i in items
            if i["model"] not in ("mail.message",)
        ]


class TestServiceTimeline(ServiceTimelineCommon):
    def test_service_agent_without_sales_rights(self):
        # the agent reads the customer (service lookup), their request and its
        # visit; not the colleague's request, not the contract (no sales right)
        self.assertEqual(
            self.keys(self.agent),
            [
                ("crm.service.visit", self.visit.id),
                ("crm.service.request", self.request.id),
            ],
        )
        items = self.customer.with_user(self.agent).crm_timeline()
        self.assertFalse([i for i in items if i["amount"] or i["amount_display"]])
        visit = next(i for i in items if i["model"] == "crm.service.visit")
        self.assertEqual(visit["kind"], "service_visit")
        self.assertIn("Works well now.", visit["summary"])
        self.assertIn(self.request.name, visit["title"])

    def test_service_manager(self):
        self.assertEqual(
            self.keys(self.svc_mgr),
            [
                ("crm.service.request", self.request2.id),
                ("crm.service.visit", self.visit.id),
                ("crm.service.request", self.request.id),
            ],
        )

    def test_salesperson(self):
        # the owner of the customer: the contract, no service history
        self.assertEqual(self.keys(self.rep), [("crm.contract", self.contract.id)])
        item = next(
            i
            for i in self.customer.with_user(self.rep).crm_timeline()
            if i["model"] == "crm.contract"
        )
        self.assertEqual(item["amount"], 5000.0)

    def test_others(self):
        # a service agent of another department reads the customer, not the
        # history; a salesperson with both roles neither the contract
        self.assertEqual(self.keys(self.outsider), [])
        self.assertEqual(self.keys(self.rep_agent), [])
        for user in (self.nobody, self.rep2):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.keys(user)


@tagged("post_install", "-at_install")
class TestServiceTimelineXmlrpc(ServiceTimelineCommon, HttpCase):
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
        for user in (self.nobody, self.rep2):
            with (
                self.subTest(user=user.login),
                self.assertRaises(Fault) as caught,
                mute_logger("odoo.http"),
            ):
                self._call(user, self.customer)
            self.assertIn("(res.partner)", caught.exception.faultString)
        items = self._call(self.agent, self.customer)
        self.assertEqual(
            [(i["model"], i["res_id"]) for i in items if i["model"] != "mail.message"],
            [
                ("crm.service.visit", self.visit.id),
                ("crm.service.request", self.request.id),
            ],
        )
