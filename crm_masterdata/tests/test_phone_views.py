from odoo.tests import TransactionCase, tagged

from .phone_views import PhoneViewsMixin


@tagged("post_install", "-at_install")
class TestMasterdataPhoneViews(PhoneViewsMixin, TransactionCase):
    PHONE_ACTIONS = (
        ("crm_masterdata.crm_product_template_action", ("name",)),
        ("crm_masterdata.crm_supplier_action", ("display_name",)),
        ("crm_masterdata.crm_distributor_action", ("display_name",)),
        ("crm_masterdata.crm_pricelist_action", ("name",)),
        (
            "crm_masterdata.crm_sales_price_action",
            ("name", "fixed_price", "pricelist_id", "min_quantity", "date_start"),
        ),
        (
            "crm_masterdata.crm_purchase_price_action",
            ("product_tmpl_id", "price", "partner_id", "min_qty", "date_start"),
        ),
        ("crm_masterdata.crm_workday_action", ("date",)),
    )
