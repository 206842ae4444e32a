"""待我审批 (waiting for my approval): one list of every record of the suite
waiting for the current user's decision, with approve and reject on each row.

The mechanism (readme/DEVELOP.md "Waiting for my approval"): an addon flags
its approval activity type with ``crm_is_approval``, schedules one activity of
that type for the approver when a record is submitted, removes it when the
record is decided, and gives the record's model the method
``_crm_approval_open(decision)`` (decision ``"approve"`` or ``"reject"``),
which checks that the user may decide and returns the action to run (the
approval wizard, or a notification)."""

from odoo import api, fields, models
from odoo.exceptions import UserError

APPROVAL_DECISIONS = ("approve", "reject")


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    crm_is_approval = fields.Boolean(
        string="Approval Request",
        help="Activities of this type ask their user to approve or reject the "
        "record: they are listed under Waiting for My Approval (待我审批), with "
        "the record's own approve and reject.",
    )


class MailActivity(models.Model):
    _inherit = "mail.activity"

    crm_is_approval = fields.Boolean(
        related="activity_type_id.crm_is_approval", string="Approval Request"
    )
    crm_model_name = fields.Char(
        string="Document Type", compute="_compute_crm_model_name"
    )

    @api.depends("res_model")
    def _compute_crm_model_name(self):
        models_ = self.env["ir.model"].sudo()
        for activity in self:
            activity.crm_model_name = (
                activity.res_model and models_._get(activity.res_model).name
            )

    def action_crm_approve(self):
        """Approve the record of this approval request (its own checks apply)."""
        return self._crm_approval_decide("approve")

    def action_crm_reject(self):
        """Reject the record of this approval request (its own checks apply)."""
        return self._crm_approval_decide("reject")

    def _crm_approval_decide(self, decision):
        """Hand the decision to the record: it checks that the user may
        decide. Only approval requests the user reads, on models that
        implement ``_crm_approval_open``."""
        self.ensure_one()
        if decision not in APPROVAL_DECISIONS:
            raise UserError(self.env._("Approve or reject: nothing else."))
        self.check_access("read")
        if not self.activity_type_id.crm_is_approval:
            raise UserError(self.env._("This activity is not an approval request."))
        if self.res_model not in self.env or not hasattr(
            self.env[self.res_model], "_crm_approval_open"
        ):
            raise UserError(
                self.env._(
                    "%(model)s records cannot be approved here.", model=self.res_model
                )
            )
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise UserError(self.env._("The record of this request no longer exists."))
        return record._crm_approval_open(decision)
