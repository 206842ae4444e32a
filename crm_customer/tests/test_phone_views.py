from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_masterdata.tests.phone_views import PhoneViewsMixin

M = "crm_customer."
CARD = ("name", "crm_customer_code", "phone", "crm_last_followup_date", "user_id")


@tagged("post_install", "-at_install")
class TestCustomerPhoneViews(PhoneViewsMixin, TransactionCase):
    PHONE_ACTIONS = (
        (M + "res_partner_action_my", CARD),
        (M + "res_partner_action_scope", CARD),
        (M + "res_partner_action_pool", CARD),
        (M + "res_partner_action_all", CARD),
    )
    PHONE_BUTTONS = (
        (
            "res.partner",
            M + "res_partner_view_form",
            ("action_claim", "action_crm_followup"),
        ),
    )
