"""The printed statement, rendered to a real PDF by wkhtmltopdf and read back
with pdfminer.six: Chinese title, partner, 年月日 dates, the closing balance in
capitals, and wording that follows the sign of the balance (应收 / 预收, 应付 /
预付) for customers and suppliers."""

import io
from datetime import date

from odoo.tests import HttpCase, tagged

from .common import FinanceCommon

try:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfpage import PDFPage
except ImportError:  # test-requirements.txt installs it
    extract_text = PDFPage = None

REPORT = "crm_finance_light.report_partner_statement"
NO_FONT = (
    "the Chinese text is missing from the PDF: is a Chinese font installed for "
    "wkhtmltopdf (`fc-list :lang=zh`; apt-get install fonts-wqy-zenhei)?"
)


@tagged("post_install", "-at_install")
class TestStatementPrint(FinanceCommon, HttpCase):
    """An HttpCase: wkhtmltopdf loads the report's assets from the test server,
    which must share the test transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search(
            [("name", "in", ("crm_finance_light", "crm_sales_contract"))]
        )._update_translations(["zh_CN"], overwrite=True)
        cls.zh = cls.env(context={"lang": "zh_CN"})
        Partner = cls.env["res.partner"]
        cls.cn_customer = Partner.create(
            {
                "name": "杭州测试客户有限公司",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": cls.rep.id,
            }
        )
        cls.cn_advance = Partner.create(
            {
                "name": "苏州预付客户有限公司",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": cls.rep.id,
            }
        )
        cls._contract(
            partner=cls.cn_customer, prices=(1234.56,), signed=date(2026, 12, 1)
        )
        cls._receipt(
            partner=cls.cn_advance, amount=500.0, day=date(2026, 12, 3)
        ).action_confirm()

    def _statement(self, partner, kind="customer"):
        # no flush here: the statement writes what is pending before its SQL
        return self.env["crm.partner.statement"].create(
            {
                "partner_id": partner.id,
                "kind": kind,
                "date_from": date(2026, 12, 1),
                "date_to": date(2026, 12, 31),
            }
        )

    def _pdf_text(self, statement, pages=1):
        if extract_text is None:
            self.fail("pdfminer.six is missing: pip install -r test-requirements.txt")
        pdf, fmt = (
            self.env["ir.actions.report"]
            .with_user(self.clerk)
            .with_context(lang="zh_CN", force_report_rendering=True)
            ._render_qweb_pdf(REPORT, statement.ids)
        )
        self.assertEqual(fmt, "pdf")
        self.assertEqual(len(list(PDFPage.get_pages(io.BytesIO(pdf)))), pages)
        return "".join(extract_text(io.BytesIO(pdf)).split())

    def _html(self, statement):
        html, _fmt = (
            self.env["ir.actions.report"]
            .with_context(lang="zh_CN")
            ._render_qweb_html(REPORT, statement.ids)
        )
        return "".join(html.decode().split())

    def test_customer_owes_us(self):
        text = self._pdf_text(self._statement(self.cn_customer))
        self.assertIn("对账单", text, NO_FONT)
        self.assertIn("杭州测试客户有限公司", text, NO_FONT)
        self.assertIn("2026年12月01日-2026年12月31日", text)
        self.assertIn("期末应收余额", text)
        self.assertIn("大写金额：壹仟贰佰叁拾肆元伍角陆分", text)
        self.assertNotIn("预收", text)
        self.assertNotIn("20261201", text)

    def test_customer_advance_is_owed_back(self):
        """A customer who paid more than billed: 预收, we owe it back."""
        text = self._pdf_text(self._statement(self.cn_advance))
        self.assertIn("苏州预付客户有限公司", text, NO_FONT)
        self.assertIn("期末预收余额（我方应退贵方）", text)
        self.assertIn("大写金额：伍佰元整", text)
        self.assertNotIn("应收", text)
        self.assertNotIn("负", text)  # the words of the amount, not of -500

    def test_supplier_wording_follows_the_sign(self):
        bill = self.env["crm.supplier.bill"].create(
            {
                "partner_id": self.supplier.id,
                "date": date(2026, 12, 2),
                "due_date": date(2026, 12, 2),
                "line_ids": [
                    (0, 0, {"product_id": self.product.id, "price_unit": 100.0})
                ],
            }
        )
        bill.action_confirm()
        html = self._html(self._statement(self.supplier, kind="supplier"))
        self.assertIn("期末应付余额（我方应付贵方）", html)
        self.assertIn("壹佰元整", html)
        self.assertNotIn("预付", html)
        # paid 300 against a bill of 100: 200 paid in advance, owed back to us
        payment = self.env["crm.supplier.payment"].create(
            {
                "partner_id": self.supplier.id,
                "amount": 300.0,
                "date": date(2026, 12, 5),
                "payment_method_id": self.method_bank.id,
            }
        )
        payment.action_confirm()
        html = self._html(self._statement(self.supplier, kind="supplier"))
        self.assertIn("期末预付余额（贵方应退我方）", html)
        self.assertIn("贰佰元整", html)
        self.assertNotIn("应付余额", html)

    def test_balance_side(self):
        side = self.env[
            "report.crm_finance_light.report_partner_statement"
        ]._crm_balance_side
        self.assertEqual(side("customer", 10.0), "receivable")
        self.assertEqual(side("customer", -10.0), "advance_received")
        self.assertEqual(side("supplier", 10.0), "payable")
        self.assertEqual(side("supplier", -10.0), "advance_paid")
        self.assertEqual(side("customer", 0.0), "settled")
        self.assertEqual(side("supplier", 0.0), "settled")

    def test_page_numbers_on_every_page(self):
        """第 N 页 / 共 M 页 at the bottom of each page of a 2-page statement
        (drawn after rendering: Debian's wkhtmltopdf ignores footers)."""
        partner = self.env["res.partner"].create(
            {
                "name": "南京多页客户有限公司",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": self.rep.id,
            }
        )
        for day in range(1, 31):
            for amount in (10.0, 20.0):
                self._receipt(
                    partner=partner, amount=amount, day=date(2026, 12, day)
                ).action_confirm()
        text = self._pdf_text(self._statement(partner), pages=2)
        self.assertIn("南京多页客户有限公司", text, NO_FONT)
        self.assertIn("第1页/共2页", text)
        self.assertIn("第2页/共2页", text)
        self.assertNotIn("第3页", text)
        # a one-page statement says so
        text = self._pdf_text(self._statement(self.cn_customer))
        self.assertIn("第1页/共1页", text)

    def test_send_by_email_with_the_pdf(self):
        """The statement goes out with Odoo's mail composer: the template in
        the partner's language (Chinese here), the PDF attached, a message in
        the statement's chatter, and a notification saying so."""
        self.cn_customer.write({"email": "caiwu@hz-test.example.com", "lang": "zh_CN"})
        statement = (
            self.env["crm.partner.statement"]
            .with_user(self.clerk)
            .create(
                {
                    "partner_id": self.cn_customer.id,
                    "date_from": date(2026, 12, 1),
                    "date_to": date(2026, 12, 31),
                }
            )
        )
        action = statement.action_send_email()
        self.assertEqual(action["res_model"], "mail.compose.message")
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.clerk)
            .with_context(action["context"], force_report_rendering=True)
            .create({})
        )
        self.assertIn(self.cn_customer.commercial_partner_id, composer.partner_ids)
        self.assertIn("对账单", composer.subject)
        self.assertIn("2026年12月01日", composer.subject)
        [attachment] = composer.attachment_ids
        self.assertEqual(attachment.mimetype, "application/pdf")
        result = composer.action_send_mail()
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn("杭州测试客户有限公司", result["params"]["message"])
        message = statement.message_ids[0]
        self.assertEqual(message.attachment_ids.mimetype, "application/pdf")
        self.assertIn(self.cn_customer, message.partner_ids)
        self.assertIn("请", message.body)
