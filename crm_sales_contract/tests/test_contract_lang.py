from odoo.tests import tagged

from .common import ContractCommon


@tagged("post_install", "-at_install")
class TestContractLanguage(ContractCommon):
    """Texts the contract stores are written in the company's language, not in
    the language of whoever (or whatever script) generated them."""

    def test_installment_names_in_the_company_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "crm_sales_contract")]
        )._update_translations(["zh_CN"], overwrite=True)
        self.company.partner_id.lang = "zh_CN"
        contract = self._contract(user=self.rep)
        contract.with_user(self.rep).with_context(
            lang="en_US"
        )._crm_generate_installments(count=2)
        self.assertEqual(
            contract.installment_ids.mapped("name"), ["第 1/2 期", "第 2/2 期"]
        )
        # an English company keeps English descriptions
        self.company.partner_id.lang = "en_US"
        contract._crm_generate_installments(count=2)
        self.assertEqual(
            contract.installment_ids.mapped("name"),
            ["Installment 1/2", "Installment 2/2"],
        )
