"""Workbench tiles of crm_service: the reader's requests due today and
overdue; for service managers, the open complaints of their scope. Counted
with the reader's own access."""

from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

OPEN_STATES = ["new", "assigned", "in_progress"]


class CrmWorkbench(models.AbstractModel):
    _inherit = "crm.workbench"

    @api.model
    def _crm_workbench_tiles(self):
        tiles = super()._crm_workbench_tiles()
        user = self.env.user
        if not user.has_group("crm_service.crm_service_group_own"):
            return tiles
        app = self.env._("Service")
        now = fields.Datetime.now()
        tz = pytz.timezone(user.tz or "Asia/Shanghai")
        local_today = now.replace(tzinfo=pytz.utc).astimezone(tz).date()
        day_end = (
            tz.localize(datetime.combine(local_today + timedelta(days=1), time.min))
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
        )
        mine = [("handler_id", "=", self.env.uid), ("state", "in", OPEN_STATES)]
        tiles.append(
            self._crm_workbench_count_tile(
                "crm_service.requests_due",
                app,
                40,
                self.env._("My requests due today"),
                "crm.service.request",
                mine
                + [
                    ("deadline", ">=", fields.Datetime.to_string(now)),
                    ("deadline", "<", fields.Datetime.to_string(day_end)),
                ],
                "crm_service.crm_service_request_action",
                severity="warning",
            )
        )
        tiles.append(
            self._crm_workbench_count_tile(
                "crm_service.requests_overdue",
                app,
                41,
                self.env._("My overdue requests"),
                "crm.service.request",
                mine + [("deadline", "<", fields.Datetime.to_string(now))],
                "crm_service.crm_service_request_action",
                severity="danger",
            )
        )
        return tiles

    @api.model
    def _crm_workbench_figures(self):
        figures = super()._crm_workbench_figures()
        if not self.env.user.has_group("crm_service.crm_service_group_subordinates"):
            return figures
        Request = self.env["crm.service.request"]
        Type = self.env["crm.service.type"]
        if not Request.has_access("read") or not Type.has_access("read"):
            return figures
        # by type (indexed) rather than the stored flag (no index: a full scan)
        types = Type.with_context(active_test=False).search(
            [("is_complaint", "=", True)]
        )
        domain = [("type_id", "in", types.ids), ("state", "in", OPEN_STATES)]
        label = self.env._("Open complaints")
        figures.append(
            self._crm_workbench_figure(
                "crm_service.open_complaints",
                self.env._("Service"),
                40,
                label,
                Request.search_count(domain),
                kind="count",
                action={
                    "xmlid": "crm_service.crm_service_request_action",
                    "domain": domain,
                    "context": {},
                    "name": label,
                },
            )
        )
        return figures
