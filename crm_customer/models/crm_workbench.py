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
        ids = self._crm_workbench_pool_soon_ids(today)
        tiles.append(
            self._crm_workbench_tile(
                "crm_customer.pool_soon",
                app,
                20,
                self.env._("My customers about to return to the pool"),
                len(ids),
                "crm_customer.res_partner_action_my",
                [("id", "in", ids)],
                severity="danger",
            )
        )
        return tiles

    @api.model
    def _crm_workbench_pool_soon_ids(self, today):
        """Ids of the current user's customers that return to the pool within
        the company's warning days (at least 1) unless followed up; the ones
        the automatic return keeps (open installments...) are left out."""
        Type = self.env["crm.customer.type"]
        if not Type.has_access("read"):
            return []
        types = Type.search([("pool_return_days", ">", 0)])
        if not types:
            return []
        days = max(self.env.company.crm_pool_notify_days, 1)
        Partner = self.env["res.partner"]
        domain = expression.AND(
            [
                [("crm_is_customer", "=", True), ("user_id", "=", self.env.uid)],
                expression.OR(
                    [
                        Partner._crm_pool_due_domain(ctype, today + timedelta(days))
                        for ctype in types
                    ]
                ),
            ]
        )
        soon = Partner.search(domain)
        kept = set(Partner._crm_pool_return_protected_ids(soon))
        return [pid for pid in soon.ids if pid not in kept]
