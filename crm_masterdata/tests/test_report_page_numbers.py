"""Page numbers on the suite's PDFs: drawn on the rendered PDF (Debian's
wkhtmltopdf ignores footer HTML), read back with pdfminer.six."""

import io
from unittest.mock import patch

from reportlab.pdfgen import canvas

from odoo.tests import TransactionCase, tagged

from odoo.addons.base.models.ir_actions_report import IrActionsReport
from odoo.addons.crm_masterdata.models.ir_actions_report import (
    format_address_cn,
    is_suite_module,
    stamp_page_numbers,
)

try:
    from pdfminer.high_level import extract_text
except ImportError:  # test-requirements.txt installs it
    extract_text = None


def two_pages():
    out = io.BytesIO()
    can = canvas.Canvas(out)
    for text in ("first page", "second page"):
        can.drawString(72, 720, text)
        can.showPage()
    can.save()
    return out.getvalue()


@tagged("post_install", "-at_install")
class TestReportPageNumbers(TransactionCase):
    def _text(self, pdf):
        if extract_text is None:
            self.fail("pdfminer.six is missing: pip install -r test-requirements.txt")
        return [
            "".join(page.split()) for page in extract_text(io.BytesIO(pdf)).split("\f")
        ]

    def test_stamp_in_chinese_and_english(self):
        pages = self._text(stamp_page_numbers(two_pages()))
        self.assertIn("firstpage", pages[0])
        self.assertIn("第1页/共2页", pages[0])
        self.assertIn("secondpage", pages[1])
        self.assertIn("第2页/共2页", pages[1])
        pages = self._text(stamp_page_numbers(two_pages(), chinese=False))
        self.assertIn("Page1of2", pages[0])
        self.assertIn("Page2of2", pages[1])
        self.assertNotIn("页", "".join(pages))

    def _streams(self, report_name, lang="zh_CN"):
        """What _render_qweb_pdf_prepare_streams gives for a report named
        ``report_name`` when wkhtmltopdf produced a plain 2-page PDF."""
        report = self.env["ir.actions.report"].create(
            {
                "name": "Two pages",
                "model": "res.partner",
                "report_type": "qweb-pdf",
                "report_name": report_name,
            }
        )
        partner = self.env.user.partner_id

        def fake(self_, report_ref, data, res_ids=None):
            return {partner.id: {"stream": io.BytesIO(two_pages()), "attachment": None}}

        with patch.object(IrActionsReport, "_render_qweb_pdf_prepare_streams", fake):
            streams = (
                self.env["ir.actions.report"]
                .with_context(lang=lang)
                ._render_qweb_pdf_prepare_streams(report, {}, [partner.id])
            )
        return self._text(streams[partner.id]["stream"].getvalue())

    def test_only_the_suites_reports(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.assertTrue(is_suite_module("crm_masterdata"))
        self.assertFalse(is_suite_module("base"))
        self.assertFalse(is_suite_module(""))
        pages = self._streams("crm_masterdata.report_test_two_pages")
        self.assertIn("第1页/共2页", pages[0])
        self.assertIn("第2页/共2页", pages[1])
        # an English reader in a company that is not Chinese
        self.env.company.partner_id.lang = "en_US"
        pages = self._streams("crm_masterdata.report_test_two_pages", lang="en_US")
        self.assertIn("Page2of2", pages[1])
        # Odoo's own reports are left as they are
        pages = self._streams("base.report_test_two_pages")
        self.assertNotIn("页", "".join(pages))
        self.assertNotIn("Page1of2", "".join(pages))


@tagged("post_install", "-at_install")
class TestChineseAddress(TransactionCase):
    def test_address_from_the_largest_place_to_the_smallest(self):
        partner = self.env["res.partner"].create(
            {
                "name": "瑞丰",
                "city": "上海市",
                "street": "上海市浦东新区张江路 88 号",
                "street2": "3 楼",
            }
        )
        # the city that the street already starts with is left out
        self.assertEqual(format_address_cn(partner), "上海市浦东新区张江路 88 号3 楼")
        partner.street = "张江路 88 号"
        self.assertEqual(format_address_cn(partner), "上海市张江路 88 号3 楼")

    def test_partner_without_an_address(self):
        """A company or customer with no address prints an empty line, not
        an error (a database installed without demo data)."""
        partner = self.env["res.partner"].create({"name": "无地址客户"})
        self.assertEqual(format_address_cn(partner), "")
