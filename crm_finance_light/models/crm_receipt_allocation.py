from odoo import fields, models


class CrmReceiptAllocation(models.Model):
    """The part of a receipt that pays one installment."""

    _name = "crm.receipt.allocation"
    _inherit = ["crm.money.allocation"]
    _description = "Receipt Allocation"
    _check_company_auto = True
    _crm_voucher_field = "receipt_id"
    _crm_target_field = "installment_id"
    # who allocates writes the receipt and reads the installment (and, below,
    # its contract)
    _crm_link_access = {"receipt_id": "write", "installment_id": "read"}
    # stored copies of the receipt and the installment (the receipt rules read
    # contract_user_id): written only by their sources; an allocation never
    # moves to another receipt
    _crm_protected_fields = (
        "applied",
        "receipt_id",
        "partner_id",
        "date",
        "state",
        "company_id",
        "currency_id",
        "contract_id",
        "contract_user_id",
    )

    receipt_id = fields.Many2one(
        "crm.receipt",
        string="Receipt",
        required=True,
        index=True,
        ondelete="cascade",
    )
    installment_id = fields.Many2one(
        "crm.contract.installment",
        string="Installment",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id), "
        "('state', 'in', ('open', 'partial', 'overdue')), "
        "('contract_state', 'in', ('confirmed', 'done'))]",
    )
    partner_id = fields.Many2one(
        related="receipt_id.partner_id", store=True, string="Customer"
    )
    date = fields.Date(related="receipt_id.date", store=True)
    state = fields.Selection(related="receipt_id.state", store=True, string="Status")
    company_id = fields.Many2one(
        related="receipt_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="receipt_id.currency_id", store=True)
    contract_id = fields.Many2one(
        related="installment_id.contract_id", store=True, index=True, string="Contract"
    )
    contract_user_id = fields.Many2one(
        related="installment_id.user_id",
        store=True,
        index=True,
        string="Contract Owner",
    )
    due_date = fields.Date(related="installment_id.due_date", string="Due Date")
    installment_amount = fields.Monetary(
        related="installment_id.amount", string="Installment Amount"
    )
    residual_amount = fields.Monetary(
        related="installment_id.residual_amount", string="Still Open"
    )

    def _crm_check_links(self, names):
        res = super()._crm_check_links(names)
        if "installment_id" in names and not self.env.su:
            self.installment_id.contract_id.check_access("read")
        return res
