from odoo.tests import HttpCase, tagged

from .common import ContractCommon


@tagged("post_install", "-at_install")
class TestContractUi(HttpCase, ContractCommon):
    def test_approval_tour_in_chinese(self):
        """待我审批 in the web client: the manager approves from the list with a
        comment, gets a notification, and the request leaves the list."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "in", ("crm_masterdata", "crm_customer", "crm_sales_contract"))]
        )._update_translations(["zh_CN"], overwrite=True)
        self.mgr.lang = "zh_CN"
        self.product.crm_floor_price = 80.0
        contract = self._contract(lines=((1.0, 70.0),))
        contract.with_user(self.rep).action_submit()
        self.assertEqual(contract.state, "to_approve")
        self.start_tour(
            "/odoo/action-crm_sales_contract.crm_approval_action_my",
            "crm_approval_tour",
            login="ct_mgr",
        )
        self.assertEqual(contract.state, "confirmed")
        self.assertEqual(contract.approved_by_id, self.mgr)
        self.assertEqual(contract.approval_comment, "同意，重点客户")


@tagged("post_install", "-at_install")
class TestContractPhoneUi(HttpCase, ContractCommon):
    browser_size = "390x844"
    touch_enabled = True

    def test_contract_started_and_confirmed_on_a_phone(self):
        customer = self.env["res.partner"].create(
            {
                "name": "巡检手机合同客户",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": self.rep.id,
            }
        )
        draft = self._contract(partner=customer, title="巡检手机待确认")
        draft._crm_generate_installments(count=1)
        self.start_tour(
            "/odoo/action-crm_sales_contract.crm_contract_action_my",
            "crm_contract_phone_tour",
            login="ct_rep",
        )
        self.assertEqual(draft.state, "confirmed")
        new = self.env["crm.contract"].search([("title", "=", "巡检手机新合同")])
        self.assertEqual((new.partner_id, new.state), (customer, "draft"))
