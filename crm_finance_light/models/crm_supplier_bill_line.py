from odoo import api, fields, models
from odoo.exceptions import UserError

from .crm_money_voucher import without_keys


class CrmSupplierBillLine(models.Model):
    _name = "crm.supplier.bill.line"
    _inherit = ["crm.protected.mixin"]
    _description = "Supplier Bill Line"
    _order = "bill_id, sequence, id"
    _check_company_auto = True
    # a line never moves to another bill
    _crm_protected_fields = ("bill_id", "price_subtotal", "company_id", "currency_id")
    # who adds a line edits the bill
    _crm_link_access = {"bill_id": "write"}

    bill_id = fields.Many2one(
        "crm.supplier.bill",
        string="Bill",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product",
        string="Product",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    name = fields.Char(
        string="Description",
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
    )
    quantity = fields.Float(
        default=1.0, required=True, digits="Product Unit of Measure"
    )
    price_unit = fields.Monetary(
        string="Purchase Price",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
        precompute=True,
        help="Defaults to the supplier's price for the quantity at the bill's date.",
    )
    price_subtotal = fields.Monetary(
        string="Subtotal", compute="_compute_price_subtotal", store=True
    )
    company_id = fields.Many2one(
        related="bill_id.company_id", store=True, index=True, string="Company"
    )
    currency_id = fields.Many2one(
        related="bill_id.currency_id", store=True, string="Currency"
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "Quantities must be positive."),
        ("price_positive", "CHECK(price_unit >= 0)", "Prices cannot be negative."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._crm_check_bill_draft()
        return lines

    @api.model
    def _crm_check_protected_create(self, vals_list):
        # the bill is set by its lines' one2many (checked: _crm_link_access)
        return super()._crm_check_protected_create(without_keys(vals_list, {"bill_id"}))

    def write(self, vals):
        self._crm_check_bill_draft()
        res = super().write(vals)
        if "bill_id" in vals:
            self._crm_check_bill_draft()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed_bill(self):
        self._crm_check_bill_draft()

    def _crm_check_bill_draft(self):
        """The lines of a confirmed or cancelled bill never change (its total
        is what the supplier is owed)."""
        if self.env.su:
            return
        if self.bill_id.filtered(lambda b: b.state != "draft"):
            raise UserError(
                self.env._(
                    "A confirmed bill cannot be changed; cancel it (when nothing "
                    "was paid on it) and record a new one."
                )
            )

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            line.name = line.product_id.display_name or line.name

    @api.depends("product_id", "quantity", "bill_id.partner_id", "bill_id.date")
    def _compute_price_unit(self):
        for line in self:
            if not line.product_id:
                line.price_unit = 0.0
                continue
            bill = line.bill_id
            line.price_unit = line.product_id.with_company(
                bill.company_id or self.env.company
            )._crm_get_purchase_price(
                quantity=line.quantity or 1.0,
                date=bill.date,
                supplier=bill.partner_id,
            )

    @api.depends("quantity", "price_unit")
    def _compute_price_subtotal(self):
        for line in self:
            currency = line.currency_id or self.env.company.currency_id
            line.price_subtotal = currency.round(line.quantity * line.price_unit)
