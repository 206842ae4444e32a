from odoo.tests import tagged

from ..tools import amount_to_chinese_capital
from .common import ContractCommon


@tagged("post_install", "-at_install")
class TestAmountWords(ContractCommon):
    def test_examples(self):
        cases = {
            1234.56: "壹仟贰佰叁拾肆元伍角陆分",
            100: "壹佰元整",
            1005.0: "壹仟零伍元整",
            0.05: "伍分",
            0: "零元整",
            10: "壹拾元整",
            10.05: "壹拾元零伍分",
            0.5: "伍角",
            100010: "壹拾万零壹拾元整",
            100000001: "壹亿零壹元整",
            20000000: "贰仟万元整",
            123456789.12: "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分",
            -3.2: "负叁元贰角",
            0.125: "壹角叁分",  # rounded half up to the fen
        }
        for amount, words in cases.items():
            with self.subTest(amount=amount):
                self.assertEqual(amount_to_chinese_capital(amount), words)

    def test_report_html(self):
        """The printed contract shows the total in figures and in capitals,
        its lines and its payment plan."""
        contract = self._contract(lines=((2.0, 617.28),))
        contract._crm_generate_installments(count=2)
        html, _fmt = self.env["ir.actions.report"]._render_qweb_html(
            "crm_sales_contract.report_crm_contract", contract.ids
        )
        html = html.decode()
        self.assertIn(contract.name, html)
        self.assertIn("壹仟贰佰叁拾肆元伍角陆分", html)  # 1234.56
        self.assertIn("陆佰壹拾柒元贰角捌分", html)  # each installment 617.28
        self.assertIn("付款计划", html)
        self.assertIn("CT Widget", html)
