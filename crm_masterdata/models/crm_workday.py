from odoo import api, fields, models

KINDS = [
    ("holiday", "Public Holiday"),
    ("workday", "Make-up Working Day"),
]


class CrmWorkday(models.Model):
    """A day of the yearly official holiday schedule: a public holiday (法定节
    假日) on which nobody works, or a make-up working day (调休), a weekend day
    on which everyone works because the schedule moved a working day there.
    Odoo's working calendars do not model make-up days. A day without company
    holds for every company (China's schedule is national); a company's own
    day on the same date takes precedence. ``res.company._crm_is_working_day``
    and ``res.company._crm_add_working_hours`` read them."""

    _name = "crm.workday"
    _description = "Public Holiday or Make-up Working Day"
    _order = "date desc, id desc"
    _rec_name = "name"

    date = fields.Date(required=True, index=True)
    kind = fields.Selection(KINDS, required=True, default="holiday")
    name = fields.Char(string="Occasion", required=True, help="e.g. 春节, or 春节调休")
    company_id = fields.Many2one(
        "res.company",
        string="Company",
        index=True,
        ondelete="cascade",
        help="Empty: the day holds for every company.",
    )

    _sql_constraints = [
        (
            "date_company_uniq",
            "unique nulls not distinct (date, company_id)",
            "This day is already in the holiday schedule.",
        ),
    ]

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Holidays and Working Days"),
                "template": "/crm_masterdata/static/csv/crm_workday_template.csv",
            }
        ]
