"""Workbench tiles of crm_customer: follow-ups due, own customers about to
return to the pool. Counted with the reader's own access."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.osv import expression


class CrmWorkbench(models.AbstractModel):
    _inherit = "crm.workbench"

    @api.model
    def _crm_workbench_tiles(self):
        tiles = super()._crm_workbench_tiles()
        Partner = self.env["res.partner"]
        if not self.env.user.has_group(
            "crm_masterdata.crm_masterdata_group_sales_own"
        ) or not Partner.has_access("read"):
            return tiles
        app = self.env._("Customers")
        today = fields.Date.context_today(self)
        tiles.append(
            self._crm_workbench_count_tile(
                "crm_customer.followups_due",
                app,
                10,
                self.env._("Follow-ups due"),
                "res.partner",
                [
                    ("crm_is_customer", "=", True),
                    ("my_activity_date_deadline", "<=", fields.Date.to_string(today)),
                ],
                "crm_customer.res_partner_action_scope",
                severity="warning",
            )
        )
        domain = self._crm_workbench_pool_soon_domain(today)
        if domain:
            tiles.append(
                self._crm_workbench_count_tile(
                    "crm_customer.pool_soon",
                    app,
                    20,
                    self.env._("My customers about to return to the pool"),
                    "res.partner",
                    domain,
                    "crm_customer.res_partner_action_my",
                    severity="danger",
                )
            )
        return tiles

    @api.model
    def _crm_workbench_pool_soon_domain(self, today):
        """The current user's customers that the pool rule returns within the
        company's warning days (at least 1) unless followed up, as a domain
        (JSON values). The customers the job keeps anyway (an open
        installment, a recent contract, an open service request) are counted
        too: deciding that needs records the reader may not read."""
        Type = self.env["crm.customer.type"]
        if not Type.has_access("read"):
            return []
        types = Type.search([("pool_return_days", ">", 0)])
        if not types:
            return []
        days = max(self.env.company.crm_pool_notify_days, 1)
        on_date = today + timedelta(days)
        domains = []
        for ctype in types:
            limit = fields.Date.to_string(
                on_date - timedelta(days=ctype.pool_return_days)
            )
            domains.append(
                [
                    ("crm_customer_type_id", "=", ctype.id),
                    ("crm_owner_date", "<=", limit),
                    "|",
                    ("crm_last_followup_date", "=", False),
                    ("crm_last_followup_date", "<=", limit),
                ]
            )
        return expression.AND(
            [
                [
                    ("crm_is_customer", "=", True),
                    ("parent_id", "=", False),
                    ("user_id", "=", self.env.uid),
                ],
                expression.OR(domains),
            ]
        )
