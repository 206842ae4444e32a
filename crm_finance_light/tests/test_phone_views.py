from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_masterdata.tests.phone_views import PhoneViewsMixin

M = "crm_finance_light."


@tagged("post_install", "-at_install")
class TestFinancePhoneViews(PhoneViewsMixin, TransactionCase):
    PHONE_ACTIONS = (
        (M + "crm_receipt_action", ("partner_id", "amount", "date", "state")),
        (M + "crm_expense_action", ("description", "amount", "date", "state")),
        (M + "crm_expense_action_to_approve", ("description", "amount", "state")),
        (M + "crm_expense_action_to_pay", ("description", "amount", "state")),
        (
            M + "crm_supplier_bill_action",
            ("partner_id", "amount_total", "date", "state"),
        ),
        (M + "crm_supplier_payment_action", ("partner_id", "amount", "date", "state")),
        (M + "crm_partner_statement_action", ("partner_id", "date_from", "date_to")),
        # reports: a pivot is unreadable at 390 px, cards instead
        (
            M + "crm_receivable_report_action",
            ("partner_id", "residual_amount", "due_date", "days_overdue"),
        ),
        (
            M + "crm_payable_report_action",
            ("partner_id", "residual_amount", "due_date", "days_overdue"),
        ),
        (
            M + "crm_contract_profit_report_action",
            ("contract_id", "partner_id", "profit", "date_signed"),
        ),
        (M + "crm_operating_report_action", ("name", "profit", "date", "kind")),
        (
            M + "crm_cash_journal_report_action",
            ("name", "amount_in", "amount_out", "date", "kind"),
        ),
    )
    PHONE_BUTTONS = (
        ("crm.receipt", False, ("action_confirm", "action_auto_allocate")),
        ("crm.supplier.payment", False, ("action_confirm", "action_auto_allocate")),
        ("crm.supplier.bill", False, ("action_confirm",)),
        (
            "crm.expense",
            False,
            ("action_submit", "action_approve", "action_reject", "action_pay"),
        ),
    )
