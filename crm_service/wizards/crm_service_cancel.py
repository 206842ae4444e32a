from odoo import fields, models


class CrmServiceCancel(models.TransientModel):
    _name = "crm.service.cancel"
    _description = "Cancel a Service Request"

    request_id = fields.Many2one("crm.service.request", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        # the request checks the caller's rights and its state
        return self.request_id._crm_cancel(self.reason)
