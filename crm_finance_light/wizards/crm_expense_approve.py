from odoo import fields, models


class CrmExpenseApprove(models.TransientModel):
    """Approve an expense with an optional comment, or reject it with a
    reason; the comment stays in the expense's chatter."""

    _name = "crm.expense.approve"
    _description = "Approve or Reject an Expense"

    expense_id = fields.Many2one(
        "crm.expense", string="Expense", required=True, ondelete="cascade"
    )
    decision = fields.Selection(
        [("approve", "Approve"), ("reject", "Reject")], required=True, default="approve"
    )
    amount = fields.Monetary(related="expense_id.amount")
    currency_id = fields.Many2one(related="expense_id.currency_id")
    description = fields.Char(related="expense_id.description")
    comment = fields.Text(help="Kept in the expense's chatter; required to reject.")

    def action_apply(self):
        self.ensure_one()
        expense = self.expense_id
        _ = self.env._
        if self.decision == "approve":
            expense._crm_approve(self.comment)
            message = _("%(name)s approved.", name=expense.name)
        else:
            expense._crm_reject(self.comment)
            message = _("%(name)s rejected.", name=expense.name)
        return expense._crm_notify(message, close=True)
