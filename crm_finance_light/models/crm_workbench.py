"""Workbench figures of crm_finance_light, for managers and finance: the
collection of this month and the overdue amount, summed over the records the
reader can read (record rules apply); absent for a reader who may not read
them."""

from odoo import api, fields, models

MANAGER_GROUPS = (
    "crm_masterdata.crm_masterdata_group_sales_subordinates",
    "crm_finance_light.crm_finance_light_group_subordinates",
)


class CrmWorkbench(models.AbstractModel):
    _inherit = "crm.workbench"

    @api.model
    def _crm_workbench_figures(self):
        figures = super()._crm_workbench_figures()
        user = self.env.user
        if not any(user.has_group(group) for group in MANAGER_GROUPS):
            return figures
        app = self.env._("Finance")
        today = fields.Date.context_today(self)
        month_start = fields.Date.to_string(today.replace(day=1))
        domain = [
            ("state", "=", "confirmed"),
            ("date", ">=", month_start),
            ("date", "<=", fields.Date.to_string(today)),
        ]
        collected = self._crm_workbench_sum("crm.receipt", domain, "amount")
        if collected is not None:
            figures.append(
                self._crm_workbench_figure(
                    "crm_finance_light.collected_month",
                    app,
                    10,
                    self.env._("Collected this month"),
                    collected,
                    action={
                        "xmlid": "crm_finance_light.crm_receipt_action",
                        "domain": domain,
                        "context": {},
                        "name": self.env._("Collected this month"),
                    },
                )
            )
        domain = [
            ("state", "=", "overdue"),
            ("contract_state", "in", ["confirmed", "done"]),
        ]
        overdue = self._crm_workbench_sum(
            "crm.contract.installment", domain, "residual_amount"
        )
        if overdue is not None:
            figures.append(
                self._crm_workbench_figure(
                    "crm_finance_light.overdue_amount",
                    app,
                    11,
                    self.env._("Overdue amount"),
                    overdue,
                    action={
                        "xmlid": "crm_sales_contract.crm_contract_installment_action",
                        "domain": domain,
                        "context": {},
                        "name": self.env._("Overdue amount"),
                    },
                )
            )
        return figures
