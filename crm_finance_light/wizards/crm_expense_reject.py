from odoo import fields, models


class CrmExpenseReject(models.TransientModel):
    _name = "crm.expense.reject"
    _description = "Reject an Expense"

    expense_id = fields.Many2one(
        "crm.expense", string="Expense", required=True, ondelete="cascade"
    )
    comment = fields.Text(required=True, help="Why the expense is rejected.")

    def action_reject(self):
        self.ensure_one()
        self.expense_id._crm_reject(self.comment)
        return {"type": "ir.actions.act_window_close"}
