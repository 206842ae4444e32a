from odoo import fields, models

from ..models.crm_service_request import SATISFACTION


class CrmServiceVisitWizard(models.TransientModel):
    _name = "crm.service.visit.wizard"
    _description = "Record a Follow-up Visit"

    request_id = fields.Many2one("crm.service.request", required=True)
    satisfaction = fields.Selection(SATISFACTION, required=True, default="satisfied")
    feedback = fields.Text(string="Customer's Words")
    unsatisfied_action = fields.Selection(
        [
            ("reopen", "Reopen the request"),
            ("complaint", "Open a complaint linked to it"),
        ],
        string="If Unsatisfied",
        required=True,
        default="reopen",
    )

    def action_confirm(self):
        self.ensure_one()
        request = self.request_id
        # the request checks the caller's rights and its state
        request._crm_record_visit(
            self.satisfaction, self.feedback, self.unsatisfied_action
        )
        _ = self.env._
        if self.satisfaction != "unsatisfied":
            message = _("Visit recorded.")
        elif self.unsatisfied_action == "reopen":
            message = _("Visit recorded: the request is reopened.")
        else:
            message = _("Visit recorded: a complaint is opened.")
        return request._crm_notify(message, kind="info", close=True)
