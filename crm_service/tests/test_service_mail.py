from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ServiceCommon

RAW = """Return-Path: <{email_from}>
From: {name} <{email_from}>
To: service@example.com
Subject: {subject}
Date: Tue, 01 Dec 2026 09:00:00 +0800
Message-ID: <{msg_id}@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

{body}
"""


@tagged("post_install", "-at_install")
class TestServiceMail(ServiceCommon):
    def process(self, **values):
        raw = RAW.format(**values)
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            thread_id = self.env["mail.thread"].message_process(
                "crm.service.request", raw.encode()
            )
        return self.env["crm.service.request"].browse(thread_id)

    def test_mail_from_a_customer_contact(self):
        self.contact.email = "li.lei@customer.example.com"
        request = self.process(
            email_from="li.lei@customer.example.com",
            name="Li Lei",
            subject="复印机不出纸",
            msg_id="svc-mail-1",
            body="三楼复印机不出纸，请尽快处理。",
        )
        self.assertTrue(request)
        self.assertTrue(request.name.startswith("FW"))
        self.assertEqual(request.title, "复印机不出纸")
        self.assertEqual(request.partner_id, self.customer)
        self.assertEqual(request.contact_id, self.contact)
        self.assertEqual(request.channel, "email")
        self.assertEqual(request.state, "new")
        self.assertIn("三楼复印机不出纸", request.description)
        self.assertFalse(request.type_id.is_complaint)
        self.assertTrue(request.deadline)
        self.assertTrue(request.message_ids)

    def test_mail_from_an_unknown_sender(self):
        request = self.process(
            email_from="new.buyer@unknown.example.com",
            name="New Buyer",
            subject="Need a quote for maintenance",
            msg_id="svc-mail-2",
            body="Hello",
        )
        self.assertEqual(request.partner_id.email, "new.buyer@unknown.example.com")
        self.assertTrue(request.partner_id.crm_is_customer)
        self.assertEqual(request.title, "Need a quote for maintenance")

    def test_alias_exists(self):
        alias = self.env.ref("crm_service.mail_alias_service")
        self.assertEqual(alias.alias_model_id.model, "crm.service.request")
