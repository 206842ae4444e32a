from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..models.crm_contract import CREDIT_OVERRIDE_GROUP


class CrmContractCreditOverride(models.TransientModel):
    _name = "crm.contract.credit.override"
    _description = "Override a Customer's Credit Limit"

    contract_id = fields.Many2one(
        "crm.contract", string="Contract", required=True, ondelete="cascade"
    )
    next_step = fields.Selection(
        [("confirm", "Confirm"), ("submit", "Submit for Approval")],
        required=True,
        default="confirm",
    )
    problem = fields.Text(string="Credit Check", readonly=True)
    reason = fields.Text(required=True)

    def action_override(self):
        self.ensure_one()
        if not self.env.user.has_group(CREDIT_OVERRIDE_GROUP):
            raise AccessError(
                self.env._("Only credit controllers can override a credit limit.")
            )
        if not (self.reason or "").strip():
            raise UserError(self.env._("Give the reason of the override."))
        # the contract checks the group again: the reason is an argument
        result = self.contract_id._crm_override_credit(
            self.reason, next_step=self.next_step
        )
        if isinstance(result, dict) and result.get("tag") == "display_notification":
            # the dialog closes, the contract below reloads
            result["params"]["next"] = {"type": "ir.actions.act_window_close"}
            return result
        return result or {"type": "ir.actions.act_window_close"}
