"""The printed contract, rendered to a real PDF by wkhtmltopdf and read back
with pdfminer.six: its Chinese text layer is there (it is not when the server
has no Chinese font: wkhtmltopdf drops every CJK character), with the
company's letterhead, 年月日 dates and the amount in capitals."""

import base64
import io
import subprocess
from datetime import date, datetime
from unittest.mock import patch

from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.crm_masterdata.models import ir_actions_report as crm_report

from .common import ContractCommon

try:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfpage import PDFPage
except ImportError:  # test-requirements.txt installs it
    extract_text = PDFPage = None

REPORT = "crm_sales_contract.report_crm_contract"
NO_FONT = (
    "the Chinese text is missing from the PDF: is a Chinese font installed for "
    "wkhtmltopdf (`fc-list :lang=zh`; apt-get install fonts-wqy-zenhei)?"
)

# A red 1x1 PNG: a logo of the company's own.
LOGO = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
        "53de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082"
    )
)


def pdf_pages(pdf):
    """The text of each page of ``pdf``, whitespace removed (pdfminer cuts
    lines where the PDF wraps them)."""
    count = len(list(PDFPage.get_pages(io.BytesIO(pdf))))
    return [
        "".join(extract_text(io.BytesIO(pdf), page_numbers=[page]).split())
        for page in range(count)
    ]


def render_pdf(env, report, ids):
    """Render through wkhtmltopdf even in test mode (Odoo returns HTML in
    tests unless `force_report_rendering` is set)."""
    pdf, fmt = (
        env["ir.actions.report"]
        .with_context(force_report_rendering=True)
        ._render_qweb_pdf(report, ids)
    )
    return pdf, fmt


@tagged("post_install", "-at_install")
class TestContractPrint(ContractCommon, HttpCase):
    """An HttpCase: wkhtmltopdf loads the report's assets from the test server,
    which must share the test transaction (a TransactionCase deadlocks there:
    the server waits on the test's uncommitted asset bundle)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "name": "上海示范科技有限公司",
                "street": "浦东新区世纪大道100号",
                "street2": False,
                "city": "上海市",
                "state_id": False,
                "zip": "200120",
                "phone": "021-5888 0000",
                "vat": "91310115MA1K4LXX3B",
            }
        )
        # the company's first bank account is printed: this one (beside Odoo's
        # accounting, the company also has account's demo bank accounts)
        bank = cls.env["res.bank"].create({"name": "中国工商银行上海分行"})
        cls.bank = cls.env["res.partner.bank"].create(
            {
                "partner_id": cls.company.partner_id.id,
                "bank_id": bank.id,
                "acc_number": "1001 2345 6789 0001",
                "sequence": -100,
            }
        )
        cls.cn_customer = cls.env["res.partner"].create(
            {
                "name": "杭州测试客户有限公司",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": cls.rep.id,
            }
        )
        cls.contract = cls._contract(
            partner=cls.cn_customer,
            lines=((2.0, 617.28),),
            date_signed=date(2026, 12, 1),
            terms="<p>质保期一年。</p>",
        )
        cls.contract._crm_generate_installments(count=2)

    def test_pdf_has_its_chinese_text(self):
        if extract_text is None:
            self.fail("pdfminer.six is missing: pip install -r test-requirements.txt")
        pdf, fmt = render_pdf(self.env(user=self.rep), REPORT, self.contract.ids)
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        pages = pdf_pages(pdf)
        text = "".join(pages)
        self.assertIn("销售合同", text, NO_FONT)
        self.assertIn("杭州测试客户有限公司", text, NO_FONT)
        self.assertIn("合计金额（大写）", text)
        self.assertIn("壹仟贰佰叁拾肆元伍角陆分", text)  # 2 x 617.28
        self.assertIn("陆佰壹拾柒元贰角捌分", text)  # each installment
        self.assertIn("签订日期：2026年12月01日", text)
        self.assertNotIn("20261201", text)
        # the company's own letterhead
        self.assertIn("上海示范科技有限公司", text)
        self.assertIn("地址：上海市浦东新区世纪大道100号邮编：200120", text)
        self.assertIn("021-58880000", text)
        self.assertIn("统一社会信用代码：91310115MA1K4LXX3B", text)
        self.assertIn(f"开户行：{self.bank.bank_id.name}", text)
        self.assertIn("".join(self.bank.acc_number.split()), text)
        self.assertIn("单位", text)
        self.assertNotIn("Yourlogo", text)
        self.assertEqual(len(pages), 1, "a one-line contract fits on one page")

    def test_long_contract_pages_are_not_blank(self):
        """A contract of 40 lines runs over two pages; none is blank."""
        if extract_text is None:
            self.fail("pdfminer.six is missing: pip install -r test-requirements.txt")
        contract = self._contract(
            partner=self.cn_customer,
            lines=tuple((1.0, 10.0 + i) for i in range(40)),
            date_signed=date(2026, 12, 1),
        )
        pdf, _fmt = render_pdf(self.env, REPORT, contract.ids)
        pages = pdf_pages(pdf)
        self.assertGreaterEqual(len(pages), 2)
        self.assertIn("CTWidget", pages[0])
        self.assertIn("乙方（盖章）", pages[-1])
        for number, page in enumerate(pages, start=1):
            with self.subTest(page=number):
                self.assertGreater(len(page), 40, "a blank page")

    def test_letterhead_logo_only_of_its_own(self):
        """Odoo's placeholder logo is never printed; the company's own is."""
        self.company.logo = self.company._get_logo()
        self.assertTrue(self.company.uses_default_logo)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(REPORT, self.contract.ids)[0]
            .decode()
        )
        self.assertNotIn('class="o_crm_logo"', html)
        self.company.logo = LOGO
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(REPORT, self.contract.ids)[0]
            .decode()
        )
        self.assertIn('class="o_crm_logo"', html)
        # a unit column per line
        self.assertIn(f">{self.contract.line_ids.uom_id.name}<", html)


@tagged("post_install", "-at_install")
class TestCjkFontCheck(TransactionCase):
    """crm_masterdata warns, loudly and once, when wkhtmltopdf has no Chinese
    font to draw with (fc-list's answer is mocked)."""

    def _check(self, stdout):
        state = {"families": None, "warned": False}
        with (
            patch.dict(crm_report._state, state),
            patch.object(crm_report.shutil, "which", return_value="/usr/bin/fc-list"),
            patch.object(
                crm_report.subprocess,
                "run",
                side_effect=lambda cmd, **kw: subprocess.CompletedProcess(
                    cmd, 0, stdout=stdout, stderr=""
                ),
            ) as run,
        ):
            Report = self.env["ir.actions.report"]
            first = Report._crm_check_cjk_font()
            second = Report._crm_check_cjk_font()
            self.assertEqual(run.call_args.args[0][1:], [":lang=zh", "family"])
            return first, second

    def test_no_font_warns_once(self):
        with self.assertLogs(crm_report._logger.name, "WARNING") as logs:
            first, second = self._check("")
        self.assertEqual((first, second), ((), ()))
        self.assertEqual(
            len(logs.records), 1, "one warning at start-up, not one per check"
        )
        self.assertIn("No Chinese (CJK) font is installed", logs.output[0])
        self.assertIn("fonts-wqy-zenhei", logs.output[0])

    def test_no_font_warns_again_at_print(self):
        state = {"families": None, "warned": True}  # start-up already warned
        with (
            patch.dict(crm_report._state, state),
            patch.object(crm_report, "cjk_font_families", return_value=()),
            self.assertLogs(crm_report._logger.name, "WARNING") as logs,
        ):
            self.env["ir.actions.report"]._crm_check_cjk_font(printing=True)
        self.assertIn("Printing a PDF without a Chinese (CJK) font", logs.output[0])

    def test_font_installed_no_warning(self):
        with self.assertNoLogs(crm_report._logger.name, "WARNING"):
            first, second = self._check(
                "Noto Sans CJK SC,Noto Sans CJK JP\nWenQuanYi Zen Hei\n"
            )
        self.assertIn("Noto Sans CJK SC", first)
        self.assertIn("WenQuanYi Zen Hei", first)
        self.assertEqual(first, second)

    def test_address_in_chinese(self):
        fmt = crm_report.format_address_cn
        state = self.env["res.country.state"].search([], limit=1)
        partner = self.env["res.partner"].new(
            {
                "name": "x",
                "state_id": state.id,
                "city": "上海市",
                "street": "上海市浦东新区世纪大道100号",
                "street2": "3号楼",
            }
        )
        self.assertEqual(fmt(partner), f"{state.name}上海市浦东新区世纪大道100号3号楼")
        partner.street = "浦东新区世纪大道100号"
        self.assertEqual(fmt(partner), f"{state.name}上海市浦东新区世纪大道100号3号楼")
        partner.state_id = False
        partner.street2 = False
        self.assertEqual(fmt(partner), "上海市浦东新区世纪大道100号")

    def test_date_in_chinese(self):
        fmt = crm_report.format_date_cn
        self.assertEqual(fmt(date(2026, 12, 1)), "2026年12月01日")
        self.assertEqual(fmt("2026-12-01"), "2026年12月01日")
        self.assertEqual(fmt(False), "")
        # 2026-11-30 17:00 UTC is already 1 December in Shanghai
        self.assertEqual(
            fmt(datetime(2026, 11, 30, 17, 0), tz="Asia/Shanghai"), "2026年12月01日"
        )
        self.assertEqual(fmt(datetime(2026, 11, 30, 17, 0)), "2026年11月30日")
