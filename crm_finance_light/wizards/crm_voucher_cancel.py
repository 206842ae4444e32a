from odoo import fields, models
from odoo.exceptions import UserError

VOUCHER_MODELS = [
    ("crm.receipt", "Receipt"),
    ("crm.supplier.payment", "Supplier Payment"),
]


class CrmVoucherCancel(models.TransientModel):
    _name = "crm.voucher.cancel"
    _description = "Cancel a Receipt or Payment"

    res_model = fields.Selection(VOUCHER_MODELS, string="Document Type", required=True)
    res_id = fields.Integer(string="Document", required=True)
    reason = fields.Text(required=True)

    def action_cancel(self):
        self.ensure_one()
        if self.res_model not in dict(VOUCHER_MODELS):
            raise UserError(self.env._("This document cannot be cancelled here."))
        voucher = self.env[self.res_model].browse(self.res_id).exists()
        if not voucher:
            raise UserError(self.env._("The document does not exist anymore."))
        voucher._crm_cancel(self.reason)
        return voucher._crm_notify(voucher._crm_done_message("cancelled"), close=True)
