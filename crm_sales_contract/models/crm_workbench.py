"""Workbench tiles of crm_sales_contract: the reader's installments due this
week and overdue, and the approvals waiting for them (待我审批). Counted with
the reader's own access."""

from datetime import timedelta

from odoo import api, fields, models


class CrmWorkbench(models.AbstractModel):
    _inherit = "crm.workbench"

    @api.model
    def _crm_workbench_tiles(self):
        tiles = super()._crm_workbench_tiles()
        user = self.env.user
        app = self.env._("Contracts")
        today = fields.Date.context_today(self)
        if user.has_group("crm_masterdata.crm_masterdata_group_sales_own"):
            week_end = today + timedelta(days=6 - today.weekday())
            mine = [
                ("user_id", "=", self.env.uid),
                ("contract_state", "in", ["confirmed", "done"]),
            ]
            tiles.append(
                self._crm_workbench_count_tile(
                    "crm_sales_contract.installments_week",
                    app,
                    30,
                    self.env._("My installments due this week"),
                    "crm.contract.installment",
                    mine
                    + [
                        ("state", "in", ["open", "partial"]),
                        ("due_date", ">=", fields.Date.to_string(today)),
                        ("due_date", "<=", fields.Date.to_string(week_end)),
                    ],
                    "crm_sales_contract.crm_contract_installment_action",
                    severity="warning",
                )
            )
            tiles.append(
                self._crm_workbench_count_tile(
                    "crm_sales_contract.installments_overdue",
                    app,
                    31,
                    self.env._("My overdue installments"),
                    "crm.contract.installment",
                    mine + [("state", "=", "overdue")],
                    "crm_sales_contract.crm_contract_installment_action",
                    severity="danger",
                )
            )
        # 待我审批: the approval requests (contracts, expenses...) sent to me
        tiles.append(
            self._crm_workbench_count_tile(
                "crm_sales_contract.approvals",
                app,
                5,
                self.env._("Waiting for my approval"),
                "mail.activity",
                [("user_id", "=", self.env.uid), ("crm_is_approval", "=", True)],
                "crm_sales_contract.crm_approval_action_my",
                severity="warning",
                context={"create": False},
            )
        )
        return tiles
