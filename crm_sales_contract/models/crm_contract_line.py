from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CrmContractLine(models.Model):
    _name = "crm.contract.line"
    _inherit = ["crm.protected.mixin"]
    _description = "Sales Contract Line"
    _order = "contract_id, sequence, id"
    _check_company_auto = True
    # the lines follow their contract's scope (record rules on the stored owner)
    _crm_scope_app = "sales"
    _crm_scope_owner_field = "user_id"
    _crm_scope_assignee_fields = ()
    # computed amounts and the contract's values copied on the line
    _crm_protected_fields = (
        "price_net",
        "price_subtotal",
        "price_tax",
        "cost_subtotal",
        "contract_state",
        "partner_id",
        "date_signed",
        "user_id",
        "department_id",
        "company_id",
        "currency_id",
    )
    # a line belongs to a contract its author may edit
    _crm_link_access = {"contract_id": "write"}

    contract_id = fields.Many2one(
        "crm.contract",
        string="Contract",
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
    name = fields.Text(
        string="Description",
        compute="_compute_name",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    quantity = fields.Float(
        default=1.0, required=True, digits="Product Unit of Measure"
    )
    uom_id = fields.Many2one(
        "uom.uom",
        string="Unit",
        compute="_compute_uom_id",
        store=True,
        readonly=False,
        precompute=True,
        ondelete="restrict",
        domain="[('category_id', '=', product_uom_category_id)]",
    )
    product_uom_category_id = fields.Many2one(
        related="product_id.uom_id.category_id", string="Unit Category"
    )
    price_unit = fields.Monetary(
        string="Unit Price",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
        precompute=True,
        help="Tax included.",
    )
    discount = fields.Float(string="Discount (%)", digits="Discount")
    tax_rate = fields.Float(
        string="Tax Rate (%)",
        digits=(16, 2),
        help="Only shows the tax part of the (tax included) amount.",
    )
    price_net = fields.Monetary(
        string="Net Unit Price", compute="_compute_amounts", store=True
    )
    price_subtotal = fields.Monetary(
        string="Subtotal",
        compute="_compute_amounts",
        store=True,
        help="Tax included.",
    )
    price_tax = fields.Monetary(string="Tax", compute="_compute_amounts", store=True)
    cost_unit = fields.Monetary(
        string="Unit Cost",
        compute="_compute_cost_unit",
        store=True,
        readonly=False,
        precompute=True,
        help="Cost of one unit when the contract was made, kept for the profit.",
    )
    cost_subtotal = fields.Monetary(
        string="Cost", compute="_compute_amounts", store=True
    )
    contract_state = fields.Selection(
        related="contract_id.state", string="Contract Status", store=True
    )
    partner_id = fields.Many2one(
        related="contract_id.partner_id", store=True, index=True, string="Customer"
    )
    date_signed = fields.Date(related="contract_id.date_signed", store=True)
    user_id = fields.Many2one(
        related="contract_id.user_id", store=True, index=True, string="Owner"
    )
    department_id = fields.Many2one(
        related="contract_id.department_id", store=True, string="Department"
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True, string="Company"
    )
    currency_id = fields.Many2one(
        related="contract_id.currency_id", store=True, string="Currency"
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity >= 0)", "Quantities cannot be negative."),
        ("price_positive", "CHECK(price_unit >= 0)", "Prices cannot be negative."),
        ("cost_positive", "CHECK(cost_unit >= 0)", "Costs cannot be negative."),
        (
            "discount_range",
            "CHECK(discount >= 0 AND discount <= 100)",
            "A discount is between 0 and 100%.",
        ),
        ("tax_rate_positive", "CHECK(tax_rate >= 0)", "Tax rates cannot be negative."),
    ]

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            if line.product_id:
                line.name = line.product_id.get_product_multiline_description_sale()
            elif not line.name:
                line.name = False

    @api.depends("product_id")
    def _compute_uom_id(self):
        for line in self:
            if not line.uom_id or (
                line.product_id
                and line.uom_id.category_id != line.product_id.uom_id.category_id
            ):
                line.uom_id = line.product_id.uom_id

    @api.depends("product_id", "quantity", "uom_id", "contract_id.partner_id")
    def _compute_price_unit(self):
        for line in self:
            if not line.product_id or line.contract_state not in (False, "draft"):
                continue
            line.price_unit = line._crm_default_price_unit()

    @api.depends("product_id", "quantity", "uom_id")
    def _compute_cost_unit(self):
        for line in self:
            if not line.product_id or line.contract_state not in (False, "draft"):
                continue
            line.cost_unit = line._crm_default_cost_unit()

    @api.depends("quantity", "price_unit", "discount", "tax_rate", "cost_unit")
    def _compute_amounts(self):
        for line in self:
            currency = line.currency_id or self.env.company.currency_id
            net = line.price_unit * (1.0 - (line.discount or 0.0) / 100.0)
            subtotal = currency.round(net * line.quantity)
            rate = line.tax_rate or 0.0
            line.price_net = net
            line.price_subtotal = subtotal
            line.price_tax = currency.round(subtotal - subtotal / (1.0 + rate / 100.0))
            line.cost_subtotal = currency.round(line.cost_unit * line.quantity)

    @api.constrains("quantity", "price_unit", "cost_unit", "discount", "tax_rate")
    def _check_amounts(self):
        for line in self:
            line._crm_check_values(
                {
                    "quantity": line.quantity,
                    "price_unit": line.price_unit,
                    "cost_unit": line.cost_unit,
                    "discount": line.discount,
                    "tax_rate": line.tax_rate,
                }
            )

    def _crm_check_values(self, vals):
        if (vals.get("quantity") or 0.0) < 0:
            raise ValidationError(self.env._("Quantities cannot be negative."))
        if (vals.get("price_unit") or 0.0) < 0:
            raise ValidationError(self.env._("Prices cannot be negative."))
        if (vals.get("cost_unit") or 0.0) < 0:
            raise ValidationError(self.env._("Costs cannot be negative."))
        if not 0.0 <= (vals.get("discount") or 0.0) <= 100.0:
            raise ValidationError(self.env._("A discount is between 0 and 100%."))
        if (vals.get("tax_rate") or 0.0) < 0:
            raise ValidationError(self.env._("Tax rates cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # refuse bad input before the database's checks do (clear message)
            self._crm_check_values(vals)
        contracts = self.env["crm.contract"].browse(
            {vals["contract_id"] for vals in vals_list if vals.get("contract_id")}
        )
        self._crm_check_draft(contracts)
        return super().create(vals_list)

    def write(self, vals):
        self._crm_check_values(vals)
        contracts = self.contract_id
        if vals.get("contract_id"):
            # moved: the contract it leaves and the one it joins are drafts
            contracts |= self.env["crm.contract"].browse(vals["contract_id"])
        self._crm_check_draft(contracts)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        self._crm_check_draft(self.contract_id)

    def _crm_check_draft(self, contracts):
        if any(c.state != "draft" for c in contracts):
            raise UserError(
                self.env._(
                    "The lines of a contract can only change while it is a draft."
                )
            )

    def _crm_default_price_unit(self):
        """Unit price (tax included) from the suite's price lookup."""
        self.ensure_one()
        product = self.product_id
        contract = self.contract_id
        if hasattr(product, "_crm_get_sales_price"):
            return product._crm_get_sales_price(
                contract.partner_id,
                quantity=self.quantity or 1.0,
                date=contract.date_signed,
                uom=self.uom_id,
            )
        return product.lst_price

    def _crm_default_cost_unit(self):
        self.ensure_one()
        product = self.product_id
        if hasattr(product, "_crm_get_purchase_price"):
            return product._crm_get_purchase_price(quantity=self.quantity or 1.0)
        return product.standard_price
