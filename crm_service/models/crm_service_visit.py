from odoo import fields, models

from .crm_service_request import SATISFACTION


class CrmServiceVisit(models.Model):
    """回访: a follow-up visit of a resolved request, recorded through the
    request's "Visit" button only (every field is protected)."""

    _name = "crm.service.visit"
    _inherit = ["crm.protected.mixin"]
    _description = "Service Follow-up Visit"
    _order = "date desc, id desc"
    _crm_protected_fields = (
        "request_id",
        "date",
        "user_id",
        "satisfaction",
        "feedback",
    )

    request_id = fields.Many2one(
        "crm.service.request",
        string="Request",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    partner_id = fields.Many2one(related="request_id.partner_id", string="Customer")
    date = fields.Datetime(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Visited By", required=True, readonly=True
    )
    satisfaction = fields.Selection(SATISFACTION, required=True, readonly=True)
    feedback = fields.Text(string="Customer's Words", readonly=True)
    company_id = fields.Many2one(
        "res.company",
        related="request_id.company_id",
        store=True,
        index=True,
        string="Company",
    )
