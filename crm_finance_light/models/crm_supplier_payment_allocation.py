from odoo import fields, models


class CrmSupplierPaymentAllocation(models.Model):
    """The part of a supplier payment that pays one bill."""

    _name = "crm.supplier.payment.allocation"
    _inherit = ["crm.money.allocation"]
    _description = "Supplier Payment Allocation"
    _check_company_auto = True
    _crm_voucher_field = "payment_id"
    _crm_target_field = "bill_id"
    # who allocates writes the payment and reads the bill
    _crm_link_access = {"payment_id": "write", "bill_id": "read"}
    # stored copies of the payment: written only by it; an allocation never
    # moves to another payment
    _crm_protected_fields = (
        "applied",
        "payment_id",
        "partner_id",
        "date",
        "state",
        "company_id",
        "currency_id",
    )

    payment_id = fields.Many2one(
        "crm.supplier.payment",
        string="Payment",
        required=True,
        index=True,
        ondelete="cascade",
    )
    bill_id = fields.Many2one(
        "crm.supplier.bill",
        string="Bill",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id), ('state', '=', 'confirmed'), "
        "('payment_state', '!=', 'paid')]",
    )
    partner_id = fields.Many2one(
        related="payment_id.partner_id", store=True, string="Supplier"
    )
    date = fields.Date(related="payment_id.date", store=True)
    state = fields.Selection(related="payment_id.state", store=True, string="Status")
    company_id = fields.Many2one(
        related="payment_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="payment_id.currency_id", store=True)
    due_date = fields.Date(related="bill_id.due_date", string="Due Date")
    bill_amount = fields.Monetary(related="bill_id.amount_total", string="Bill Total")
    residual_amount = fields.Monetary(
        related="bill_id.residual_amount", string="Still to Pay"
    )
