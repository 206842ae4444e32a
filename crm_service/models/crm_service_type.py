from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmServiceType(models.Model):
    """客服类型: the kind of an after-sales request, with its response
    deadline per priority (in working hours) and the delay of the follow-up
    visit (回访)."""

    _name = "crm.service.type"
    _description = "Service Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="Company", index=True, ondelete="restrict"
    )
    is_complaint = fields.Boolean(
        string="Complaint",
        help="Complaints cannot be closed without a resolution and the customer's "
        "feedback from a follow-up visit.",
    )
    hours_low = fields.Float(
        string="Response Hours (Low)",
        default=24.0,
        help="Working hours to resolve a low-priority request.",
    )
    hours_normal = fields.Float(
        string="Response Hours (Normal)",
        default=16.0,
        help="Working hours to resolve a normal request.",
    )
    hours_high = fields.Float(
        string="Response Hours (High)",
        default=8.0,
        help="Working hours to resolve a high-priority request.",
    )
    hours_urgent = fields.Float(
        string="Response Hours (Urgent)",
        default=4.0,
        help="Working hours to resolve an urgent request.",
    )
    warn_hours = fields.Float(
        string="Warn Before (Hours)",
        default=2.0,
        help="The handler is warned this many hours before the deadline.",
    )
    escalate_all_hours = fields.Float(
        string="Escalate to All Level After (Hours)",
        default=24.0,
        help="Hours after the deadline at which the service users of the All level "
        "are told about a request still open (the department manager is told "
        "when the deadline passes).",
    )
    visit_delay_days = fields.Integer(
        string="Follow-up Visit After (Days)",
        default=3,
        help="Days after the resolution at which the owner visits the customer.",
    )
    description = fields.Text(translate=True)

    @api.constrains(
        "hours_low",
        "hours_normal",
        "hours_high",
        "hours_urgent",
        "visit_delay_days",
        "warn_hours",
        "escalate_all_hours",
    )
    def _check_hours(self):
        for stype in self:
            hours = (
                stype.hours_low,
                stype.hours_normal,
                stype.hours_high,
                stype.hours_urgent,
            )
            if any(h <= 0 for h in hours):
                raise ValidationError(
                    self.env._("The response hours of a service type must be positive.")
                )
            if (
                stype.visit_delay_days < 0
                or stype.warn_hours < 0
                or stype.escalate_all_hours < 0
            ):
                raise ValidationError(
                    self.env._(
                        "The visit delay and the warning and escalation hours cannot "
                        "be negative."
                    )
                )

    def _crm_response_hours(self, priority):
        self.ensure_one()
        return {
            "0": self.hours_low,
            "1": self.hours_normal,
            "2": self.hours_high,
            "3": self.hours_urgent,
        }.get(priority or "1", self.hours_normal)
