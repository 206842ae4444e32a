from odoo import api, fields, models

from odoo.addons.crm_sales_contract.models.crm_contract import (
    CrmContract as SalesContract,
)

PROFIT_EXPENSE_STATES = ("approved", "paid")
# written by this addon's computes and documents only
FINANCE_PROTECTED_FIELDS = (
    "crm_expense_total",
    "crm_profit",
    "crm_profit_margin",
    "crm_expense_ids",
    "crm_receipt_allocation_ids",
)


class CrmContract(models.Model):
    """Profit per deal (每笔业务利润): revenue (the untaxed total) less the cost
    of goods (the unit costs kept on the lines) less the approved and paid
    expenses recorded against the contract."""

    _inherit = "crm.contract"
    # crm_sales_contract's list and this addon's fields (the attribute of the
    # last class wins: it extends the one of crm_sales_contract)
    _crm_protected_fields = (
        tuple(getattr(SalesContract, "_crm_protected_fields", ()))
        + FINANCE_PROTECTED_FIELDS
    )

    crm_expense_ids = fields.One2many(
        "crm.expense", "contract_id", string="Expense Records", readonly=True
    )
    crm_expense_total = fields.Monetary(
        string="Expenses",
        compute="_compute_crm_profit",
        store=True,
        help="Approved and paid expenses recorded against this contract.",
    )
    crm_profit = fields.Monetary(
        string="Profit",
        compute="_compute_crm_profit",
        store=True,
        help="Untaxed total less the cost of goods less the expenses.",
    )
    crm_profit_margin = fields.Float(
        string="Profit Margin (%)",
        compute="_compute_crm_profit",
        store=True,
        digits=(16, 2),
        aggregator="avg",
    )
    crm_receipt_allocation_ids = fields.One2many(
        "crm.receipt.allocation",
        "contract_id",
        string="Receipt Allocations",
        readonly=True,
    )
    crm_receipt_count = fields.Integer(
        string="Receipts", compute="_compute_crm_receipt_count"
    )

    @api.depends(
        "amount_untaxed",
        "cost_total",
        "crm_expense_ids.amount",
        "crm_expense_ids.state",
    )
    def _compute_crm_profit(self):
        for contract in self:
            expenses = contract.sudo().crm_expense_ids.filtered(
                lambda e: e.state in PROFIT_EXPENSE_STATES
            )
            expense_total = sum(expenses.mapped("amount"))
            profit = contract.amount_untaxed - contract.cost_total - expense_total
            contract.crm_expense_total = expense_total
            contract.crm_profit = profit
            contract.crm_profit_margin = (
                profit / contract.amount_untaxed * 100.0
                if contract.amount_untaxed
                else 0.0
            )

    def _compute_crm_receipt_count(self):
        data = dict(
            self.env["crm.receipt.allocation"]._read_group(
                [("contract_id", "in", self.ids), ("state", "=", "confirmed")],
                ["contract_id"],
                ["receipt_id:count_distinct"],
            )
        )
        for contract in self:
            contract.crm_receipt_count = data.get(contract, 0)

    def action_crm_view_receipts(self):
        self.ensure_one()
        receipts = self.crm_receipt_allocation_ids.receipt_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Receipts"),
            "res_model": "crm.receipt",
            "view_mode": "list,form",
            "domain": [("id", "in", receipts.ids)],
        }

    def action_crm_view_expenses(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Expenses"),
            "res_model": "crm.expense",
            "view_mode": "list,form",
            "domain": [("contract_id", "=", self.id)],
            "context": {
                "default_contract_id": self.id,
                "default_partner_id": self.partner_id.id,
            },
        }
