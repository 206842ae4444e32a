from odoo import fields, models


class CrmServiceWorkday(models.Model):
    """A make-up working day (调休): a weekend day on which the company works
    because the official holiday schedule moved a working day there. Service
    deadlines count it as a working day (with the hours of a Monday of the
    company's calendar). Public holidays are the calendar's global time off
    (``resource.calendar.leaves`` without a resource)."""

    _name = "crm.service.workday"
    _description = "Make-up Working Day"
    _order = "date desc"

    date = fields.Date(required=True, index=True)
    name = fields.Char(string="Reason")
    company_id = fields.Many2one(
        "res.company",
        string="Company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        ondelete="cascade",
    )

    _sql_constraints = [
        (
            "date_company_uniq",
            "unique(date, company_id)",
            "This make-up working day is already recorded for the company.",
        ),
    ]
