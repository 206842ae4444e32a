from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmContractPlanGenerate(models.TransientModel):
    _name = "crm.contract.plan.generate"
    _description = "Generate a Payment Plan"

    contract_id = fields.Many2one(
        "crm.contract", string="Contract", required=True, ondelete="cascade"
    )
    method = fields.Selection(
        [("template", "From a Template"), ("equal", "Equal Installments")],
        required=True,
        compute="_compute_method",
        store=True,
        readonly=False,
        precompute=True,
    )
    template_id = fields.Many2one(
        "crm.contract.plan.template", string="Template", ondelete="cascade"
    )
    count = fields.Integer(string="Number of Installments", default=3)
    interval_days = fields.Integer(string="Days Between Installments", default=30)

    @api.depends("template_id")
    def _compute_method(self):
        for wizard in self:
            wizard.method = "template" if wizard.template_id else "equal"

    def action_generate(self):
        self.ensure_one()
        if self.method == "template":
            if not self.template_id:
                raise UserError(self.env._("Choose a payment plan template."))
            installments = self.contract_id._crm_generate_installments(
                template=self.template_id
            )
        else:
            if self.count < 1:
                raise UserError(self.env._("At least one installment is needed."))
            installments = self.contract_id._crm_generate_installments(
                count=self.count, interval_days=self.interval_days
            )
        return self.contract_id._crm_notify(
            self.env._(
                "Payment plan of %(name)s: %(count)s installments.",
                name=self.contract_id.name,
                count=len(installments),
            ),
            close=True,
        )
