from odoo import fields, models


class CrmContractApprove(models.TransientModel):
    _name = "crm.contract.approve"
    _description = "Approve or Reject a Contract"

    contract_id = fields.Many2one(
        "crm.contract", string="Contract", required=True, ondelete="cascade"
    )
    decision = fields.Selection(
        [("approve", "Approve"), ("reject", "Reject")], required=True, default="approve"
    )
    approval_reason = fields.Text(
        related="contract_id.approval_reason", string="Why Approval Is Needed"
    )
    comment = fields.Text()

    def action_apply(self):
        self.ensure_one()
        if self.decision == "approve":
            return self.contract_id._crm_approve(self.comment)
        return self.contract_id._crm_reject(self.comment)
