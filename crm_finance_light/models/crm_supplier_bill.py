from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero, format_amount

from .crm_money_voucher import (
    check_number_vals,
    check_number_write,
    without_keys,
)

BILL_STATES = [
    ("draft", "Draft"),
    ("confirmed", "Confirmed"),
    ("cancelled", "Cancelled"),
]
PAYMENT_STATES = [
    ("not_paid", "Not Paid"),
    ("partial", "Partially Paid"),
    ("paid", "Paid"),
]
LOCKED_FIELDS = {
    "partner_id",
    "date",
    "due_date",
    "line_ids",
    "company_id",
    "purchase_type_id",
    "user_id",
    "state",
    "paid_amount",
}


class CrmSupplierBill(models.Model):
    """采购应付: what the company owes a supplier for a purchase, paid by
    supplier payments (付款单) allocated to it."""

    _name = "crm.supplier.bill"
    _inherit = ["crm.scope.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Supplier Bill"
    _order = "date desc, id desc"
    _crm_scope_app = "finance"
    # changed only by the bill's own actions, payments (_crm_apply_payment)
    # and computes; the number and the LOCKED_FIELDS of a confirmed bill are
    # refused in create/write below, whatever the context
    _crm_protected_fields = (
        "name",
        "state",
        "paid_amount",
        "allocation_ids",
        "was_confirmed",
        "date_cancelled",
        "amount_total",
        "residual_amount",
        "payment_state",
        "department_id",
        "currency_id",
    )
    # the supplier must be one the author may read
    _crm_link_access = {"partner_id": "read"}

    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        index="trigram",
    )
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
    purchase_type_id = fields.Many2one(
        "crm.purchase.type",
        string="Purchase Type",
        ondelete="restrict",
        check_company=True,
    )
    reference = fields.Char(
        string="Supplier Reference", help="The supplier's invoice or delivery number."
    )
    date = fields.Date(
        required=True, default=fields.Date.context_today, index=True, tracking=True
    )
    due_date = fields.Date(required=True, index=True, tracking=True)
    line_ids = fields.One2many(
        "crm.supplier.bill.line", "bill_id", string="Lines", copy=True
    )
    currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", store=True, string="Currency"
    )
    amount_total = fields.Monetary(
        string="Total", compute="_compute_amount_total", store=True, tracking=True
    )
    paid_amount = fields.Monetary(
        string="Paid",
        default=0.0,
        readonly=True,
        copy=False,
        tracking=True,
        help="Written by the allocations of supplier payments.",
    )
    residual_amount = fields.Monetary(
        string="Still to Pay", compute="_compute_residual_amount", store=True
    )
    state = fields.Selection(
        BILL_STATES,
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    payment_state = fields.Selection(
        PAYMENT_STATES,
        string="Payment Status",
        compute="_compute_residual_amount",
        store=True,
        index=True,
    )
    allocation_ids = fields.One2many(
        "crm.supplier.payment.allocation", "bill_id", string="Payments", readonly=True
    )
    note = fields.Text(string="Notes")
    was_confirmed = fields.Boolean(readonly=True, copy=False)
    date_cancelled = fields.Date(string="Cancelled On", readonly=True, copy=False)

    _sql_constraints = [
        (
            "paid_range",
            "CHECK(paid_amount >= 0 AND paid_amount <= amount_total)",
            "What is paid on a bill is between 0 and its total.",
        ),
    ]

    @api.depends("line_ids.price_subtotal")
    def _compute_amount_total(self):
        for bill in self:
            bill.amount_total = sum(bill.line_ids.mapped("price_subtotal"))

    @api.depends("amount_total", "paid_amount")
    def _compute_residual_amount(self):
        for bill in self:
            rounding = (bill.currency_id or self.env.company.currency_id).rounding
            bill.residual_amount = bill.amount_total - bill.paid_amount
            if float_is_zero(bill.paid_amount, precision_rounding=rounding):
                bill.payment_state = "not_paid"
            elif (
                float_compare(
                    bill.paid_amount, bill.amount_total, precision_rounding=rounding
                )
                >= 0
            ):
                bill.payment_state = "paid"
            else:
                bill.payment_state = "partial"

    @api.constrains("date", "due_date")
    def _check_due_date(self):
        for bill in self:
            if bill.due_date and bill.date and bill.due_date < bill.date:
                raise ValidationError(
                    self.env._("A bill cannot be due before its date.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_number_vals(self, vals_list)
        for vals in vals_list:
            if vals.get("state", "draft") != "draft" or vals.get("paid_amount"):
                raise UserError(self.env._("A bill is created as a draft."))
            if not vals.get("due_date"):
                vals["due_date"] = vals.get("date") or fields.Date.context_today(self)
            self._crm_set_number(vals, "crm.supplier.bill")
        return super().create(vals_list)

    @api.model
    def _crm_check_protected_create(self, vals_list):
        # the number was checked in create(), before the sequence gave it
        return super()._crm_check_protected_create(without_keys(vals_list, {"name"}))

    def write(self, vals):
        # only the bill's own actions (env.su) change a confirmed bill; no
        # context key lifts this
        check_number_write(self, vals)
        if not self.env.su:
            locked = LOCKED_FIELDS & set(vals)
            if locked and self.filtered(lambda b: b.state != "draft"):
                raise UserError(
                    self.env._(
                        "A confirmed bill cannot be changed; cancel it (when nothing "
                        "was paid on it) and record a new one."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        for bill in self:
            if bill.state != "draft" or bill.allocation_ids:
                raise UserError(
                    self.env._(
                        "%(name)s was confirmed or has payments: it can be "
                        "cancelled, never deleted.",
                        name=bill.name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_confirm(self):
        self.check_access("write")
        for bill in self:
            if bill.state != "draft":
                raise UserError(self.env._("Only draft bills can be confirmed."))
            if (
                float_compare(
                    bill.amount_total, 0.0, precision_rounding=bill.currency_id.rounding
                )
                <= 0
            ):
                raise UserError(
                    self.env._(
                        "The total of %(name)s must be positive.", name=bill.name
                    )
                )
        self.sudo().write({"state": "confirmed", "was_confirmed": True})
        _ = self.env._
        if len(self) == 1:
            return self._crm_notify(_("%(name)s confirmed.", name=self.name))
        return self._crm_notify(_("%(count)s bills confirmed.", count=len(self)))

    def action_cancel(self):
        self.check_access("write")
        for bill in self:
            if bill.state == "cancelled":
                raise UserError(
                    self.env._("%(name)s is cancelled already.", name=bill.name)
                )
            if not float_is_zero(
                bill.paid_amount, precision_rounding=bill.currency_id.rounding
            ):
                raise UserError(
                    self.env._(
                        "%(name)s has payments: cancel the payments first.",
                        name=bill.name,
                    )
                )
        self.sudo().write(
            {"state": "cancelled", "date_cancelled": fields.Date.context_today(self)}
        )
        _ = self.env._
        if len(self) == 1:
            return self._crm_notify(_("%(name)s cancelled.", name=self.name))
        return self._crm_notify(_("%(count)s bills cancelled.", count=len(self)))

    # ------------------------------------------------------------------
    # Payment API (the same as the installments')
    # ------------------------------------------------------------------
    def _crm_apply_payment(self, amount):
        """Record ``amount`` (> 0) paid on this bill; never more than what is
        still to pay (a bill is never paid twice)."""
        self.ensure_one()
        self.check_access("read")
        bill = self.sudo()
        currency = bill.currency_id
        if float_compare(amount, 0.0, precision_rounding=currency.rounding) <= 0:
            raise ValidationError(self.env._("A payment must be positive."))
        if bill.state != "confirmed":
            raise UserError(
                self.env._("%(name)s is not open for payments.", name=bill.name)
            )
        paid = currency.round(bill.paid_amount + amount)
        if (
            float_compare(paid, bill.amount_total, precision_rounding=currency.rounding)
            > 0
        ):
            raise ValidationError(
                self.env._(
                    "%(amount)s is more than the %(residual)s still to pay on "
                    "%(name)s: a bill is not paid twice.",
                    amount=format_amount(self.env, amount, currency),
                    residual=format_amount(self.env, bill.residual_amount, currency),
                    name=bill.name,
                )
            )
        bill.write({"paid_amount": paid})
        return True

    def _crm_revert_payment(self, amount):
        self.ensure_one()
        self.check_access("read")
        bill = self.sudo()
        currency = bill.currency_id
        if float_compare(amount, 0.0, precision_rounding=currency.rounding) <= 0:
            raise ValidationError(self.env._("A payment must be positive."))
        paid = currency.round(bill.paid_amount - amount)
        if float_compare(paid, 0.0, precision_rounding=currency.rounding) < 0:
            raise ValidationError(
                self.env._(
                    "Cannot take back %(amount)s: only %(paid)s was paid on %(name)s.",
                    amount=format_amount(self.env, amount, currency),
                    paid=format_amount(self.env, bill.paid_amount, currency),
                    name=bill.name,
                )
            )
        bill.write({"paid_amount": paid})
        return True
