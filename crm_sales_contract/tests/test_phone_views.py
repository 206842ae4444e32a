from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_masterdata.tests.phone_views import PhoneViewsMixin

M = "crm_sales_contract."
CARD = ("name", "partner_id", "amount_total", "date_signed")


@tagged("post_install", "-at_install")
class TestContractPhoneViews(PhoneViewsMixin, TransactionCase):
    PHONE_ACTIONS = (
        (M + "crm_contract_action_my", CARD),
        (M + "crm_contract_action", CARD),
        (M + "crm_contract_action_order", CARD),
        (M + "crm_approval_action_my", ("res_name", "summary", "date_deadline")),
        (
            M + "crm_contract_installment_action",
            ("partner_id", "residual_amount", "due_date", "state", "contract_id"),
        ),
    )
    PHONE_BUTTONS = (
        (
            "crm.contract",
            False,
            (
                "action_confirm",
                "action_submit",
                "action_approve",
                "action_reject",
                "action_generate_plan",
            ),
        ),
    )
