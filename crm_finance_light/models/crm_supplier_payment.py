from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount


class CrmSupplierPayment(models.Model):
    """付款单: money paid to a supplier, allocated to its confirmed bills like
    receipts are to installments; what is not allocated is prepaid (预付款)."""

    _name = "crm.supplier.payment"
    _inherit = ["crm.money.voucher"]
    _description = "Supplier Payment"
    _crm_link_access = {"partner_id": "read"}
    _crm_scope_app = "finance"
    _crm_sequence_code = "crm.supplier.payment"
    _crm_target_model = "crm.supplier.bill"

    partner_id = fields.Many2one(
        "res.partner",
        string="Supplier",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
        domain="[('crm_is_supplier', '=', True)]",
    )
    allocation_ids = fields.One2many(
        "crm.supplier.payment.allocation",
        "payment_id",
        string="Allocations",
        copy=False,
    )
    allocated_amount = fields.Monetary(
        string="Allocated", compute="_compute_allocated_amount", store=True
    )
    unallocated_amount = fields.Monetary(
        string="Prepaid",
        compute="_compute_allocated_amount",
        store=True,
        help="What is not allocated to bills: paid in advance (预付款).",
    )

    @api.depends("amount", "state", "allocation_ids.amount")
    def _compute_allocated_amount(self):
        self._crm_compute_allocated()

    def write(self, vals):
        if vals.get("partner_id") and self.allocation_ids:
            raise UserError(
                self.env._(
                    "Remove the allocations before changing the supplier of a payment."
                )
            )
        return super().write(vals)

    def _crm_open_target_domain(self):
        return [("state", "=", "confirmed"), ("payment_state", "!=", "paid")]

    def _crm_allocated_message(self, amount, count):
        return self.env._(
            "%(amount)s of %(name)s allocated to %(count)s bill(s) of %(partner)s.",
            amount=format_amount(self.env, amount, self.currency_id),
            name=self.name,
            count=count,
            partner=self.partner_id.display_name,
        )
