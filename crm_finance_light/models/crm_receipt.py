from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

OPEN_INSTALLMENT_STATES = ("open", "partial", "overdue")


class CrmReceipt(models.Model):
    """收款单: money received from a customer, allocated to the open
    installments of its contracts; what is not allocated is the customer's
    advance (预收款).

    Scope: the receipt's owner (``user_id``) is the customer's owner when the
    receipt is recorded, and the receipt uses the *sales* app's scope, so a
    salesperson reads the receipts of their customers (and of the contracts
    they own, through the allocations) at their sales level; finance staff get
    their own rules from the finance ladder.
    """

    _name = "crm.receipt"
    _inherit = ["crm.money.voucher"]
    _description = "Receipt"
    _crm_scope_app = "sales"
    _crm_sequence_code = "crm.receipt"
    _crm_target_model = "crm.contract.installment"
    # the customer must be readable by who records the receipt
    _crm_link_access = {"partner_id": "read"}

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
        domain="[('crm_is_customer', '=', True), ('is_company', '=', True)]",
    )
    user_id = fields.Many2one(
        string="Customer Owner",
        help="The customer's owner when the receipt was recorded: they and the "
        "people whose sales scope includes them read the receipt.",
    )
    allocation_ids = fields.One2many(
        "crm.receipt.allocation", "receipt_id", string="Allocations", copy=False
    )
    allocated_amount = fields.Monetary(
        string="Allocated", compute="_compute_allocated_amount", store=True
    )
    unallocated_amount = fields.Monetary(
        string="Advance",
        compute="_compute_allocated_amount",
        store=True,
        help="What is not allocated to installments: the customer's advance "
        "(预收款), to be allocated later.",
    )
    contract_ids = fields.Many2many(
        "crm.contract", string="Contracts", compute="_compute_contract_ids"
    )

    @api.depends("amount", "state", "allocation_ids.amount")
    def _compute_allocated_amount(self):
        self._crm_compute_allocated()

    @api.depends("allocation_ids.contract_id")
    def _compute_contract_ids(self):
        for receipt in self:
            receipt.contract_ids = receipt.allocation_ids.contract_id

    @api.model_create_multi
    def create(self, vals_list):
        Partner = self.env["res.partner"]
        for vals in vals_list:
            if vals.get("partner_id"):
                owner = Partner.browse(vals["partner_id"]).sudo().commercial_partner_id
                vals["user_id"] = (
                    owner.user_id.id
                    or (self.env.su and vals.get("user_id"))
                    or self.env.uid
                )
        return super().create(vals_list)

    def write(self, vals):
        # the owner follows the customer (it decides who reads the receipt)
        if "user_id" in vals and not self.env.su:
            raise UserError(self._crm_protected_message({"user_id"}))
        if vals.get("partner_id"):
            if self.allocation_ids:
                raise UserError(
                    self.env._(
                        "Remove the allocations before changing the customer of a "
                        "receipt."
                    )
                )
            owner = (
                self.env["res.partner"]
                .browse(vals["partner_id"])
                .sudo()
                .commercial_partner_id
            )
            if owner.user_id:
                vals["user_id"] = owner.user_id.id
        return super().write(vals)

    def _crm_open_target_domain(self):
        return [
            ("contract_state", "in", ("confirmed", "done")),
            ("state", "in", OPEN_INSTALLMENT_STATES),
        ]

    def action_confirm(self):
        res = super().action_confirm()
        # money received counts as a follow-up of the customer
        for receipt in self:
            receipt.partner_id.commercial_partner_id.sudo()._crm_touch_followup(
                date=receipt.date
            )
        return res

    def _crm_allocated_message(self, amount, count):
        return self.env._(
            "%(amount)s of %(name)s allocated to %(count)s installment(s) of "
            "%(partner)s.",
            amount=format_amount(self.env, amount, self.currency_id),
            name=self.name,
            count=count,
            partner=self.partner_id.display_name,
        )

    def action_view_contracts(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Contracts"),
            "res_model": "crm.contract",
            "view_mode": "list,form",
            "domain": [("id", "in", self.contract_ids.ids)],
        }
