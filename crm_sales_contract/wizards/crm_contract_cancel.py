from odoo import fields, models


class CrmContractCancel(models.TransientModel):
    _name = "crm.contract.cancel"
    _description = "Cancel a Contract"

    contract_id = fields.Many2one(
        "crm.contract", string="Contract", required=True, ondelete="cascade"
    )
    reason = fields.Text(required=True)

    def action_cancel(self):
        self.ensure_one()
        return self.contract_id._crm_cancel(self.reason)
