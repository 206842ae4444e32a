from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

TRIGGERS = [
    ("signing", "On Signing"),
    ("delivery", "On Delivery"),
    ("acceptance", "After Acceptance"),
    ("other", "Other"),
]


class CrmContractPlanTemplate(models.Model):
    _name = "crm.contract.plan.template"
    _description = "Payment Plan Template"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Company",
        index=True,
        ondelete="cascade",
        help="Leave empty to share the template between companies.",
    )
    line_ids = fields.One2many(
        "crm.contract.plan.template.line",
        "template_id",
        string="Installments",
        copy=True,
    )
    total_percentage = fields.Float(
        string="Total %", compute="_compute_total_percentage", digits=(16, 2)
    )

    @api.depends("line_ids.percentage")
    def _compute_total_percentage(self):
        for template in self:
            template.total_percentage = sum(template.line_ids.mapped("percentage"))

    @api.constrains("line_ids")
    def _check_total_percentage(self):
        for template in self:
            if not template.line_ids:
                raise ValidationError(
                    self.env._(
                        "The payment plan template %(name)s has no installment.",
                        name=template.name,
                    )
                )
            if float_compare(template.total_percentage, 100.0, precision_digits=2):
                raise ValidationError(
                    self.env._(
                        "The installments of the payment plan template %(name)s add "
                        "up to %(total)s%%, not 100%%.",
                        name=template.name,
                        total=round(template.total_percentage, 2),
                    )
                )


class CrmContractPlanTemplateLine(models.Model):
    _name = "crm.contract.plan.template.line"
    _description = "Payment Plan Template Installment"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "crm.contract.plan.template",
        string="Template",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Description", required=True, translate=True)
    percentage = fields.Float(digits=(16, 2), required=True)
    trigger = fields.Selection(TRIGGERS, default="signing", required=True)
    days = fields.Integer(
        string="Days After Signing",
        help="Due date = signing date + these days; leave 0 to use the customer's "
        "receivable days.",
    )

    _sql_constraints = [
        (
            "percentage_range",
            "CHECK(percentage > 0 AND percentage <= 100)",
            "An installment's percentage must be above 0 and at most 100.",
        ),
        ("days_positive", "CHECK(days >= 0)", "Days cannot be negative."),
    ]
