from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_masterdata.tests.phone_views import PhoneViewsMixin

M = "crm_docs."
CARD = ("name", "date", "category_id", "user_id")


@tagged("post_install", "-at_install")
class TestDocsPhoneViews(PhoneViewsMixin, TransactionCase):
    PHONE_ACTIONS = (
        (M + "crm_document_action_my", CARD),
        (M + "crm_document_action", CARD),
        (M + "crm_document_action_shared", CARD),
        (M + "crm_document_action_kb", CARD),
        (M + "crm_document_action_review", CARD),
        (M + "crm_document_action_analysis", CARD),
    )
    PHONE_BUTTONS = (
        (
            "crm.document",
            False,
            (
                "action_submit",
                "action_publish",
                "action_return_to_author",
                "action_mark_reviewed",
            ),
        ),
    )
