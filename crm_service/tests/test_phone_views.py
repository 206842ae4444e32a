from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_masterdata.tests.phone_views import PhoneViewsMixin

M = "crm_service."


@tagged("post_install", "-at_install")
class TestServicePhoneViews(PhoneViewsMixin, TransactionCase):
    PHONE_ACTIONS = (
        (M + "crm_service_request_action_my", ("name", "partner_id", "deadline")),
        (M + "crm_service_request_action", ("name", "partner_id", "deadline")),
        (M + "crm_service_request_action_overdue", ("name", "partner_id", "deadline")),
        (M + "crm_service_request_action_analysis", ("name", "partner_id", "deadline")),
        (M + "crm_service_visit_action", ("partner_id", "date", "satisfaction")),
        (M + "crm_service_plan_action", ("partner_id", "next_date", "contract_id")),
        (M + "res_partner_action_service_lookup", ("name", "phone")),
    )
    PHONE_BUTTONS = (
        (
            "crm.service.request",
            False,
            ("action_start", "action_resolve", "action_visit", "action_close"),
        ),
    )
