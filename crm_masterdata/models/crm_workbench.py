"""工作台: the suite's home, the to-dos of the reader in one call.

Each addon extends ``_crm_workbench_tiles()`` (counts opening a list) and
``_crm_workbench_figures()`` (a manager's figures of the scope) and adds to
``super()``'s result, so the workbench shows what is installed. Everything is
counted and summed with the reader's own access: record rules apply, nothing
runs as superuser, and a figure is left out for a reader who may not read the
records it sums.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression

SEVERITIES = ("ok", "info", "warning", "danger")


class CrmWorkbench(models.AbstractModel):
    _name = "crm.workbench"
    _description = "Workbench"

    # ------------------------------------------------------------------
    # public API (one call per render)
    # ------------------------------------------------------------------
    @api.model
    def crm_workbench_data(self):
        """Every tile and figure of the current user's workbench.

        Returns ``{"user", "date", "tiles": [...], "figures": [...]}`` where a
        tile is ``{key, app, sequence, label, count, severity, action}`` and a
        figure ``{key, app, sequence, label, value, kind, currency, action}``;
        ``action`` is ``{xmlid, domain, context, name}`` (open it with
        ``crm_workbench_action``). A user without a role in the suite gets no
        tile."""
        user = self.env.user
        result = {
            "user": user.name,
            "date": fields.Date.to_string(fields.Date.context_today(self)),
            "tiles": [],
            "figures": [],
        }
        if not user.has_group("crm_masterdata.crm_masterdata_group_user"):
            return result
        tiles = [tile for tile in self._crm_workbench_tiles() if tile]
        figures = [figure for figure in self._crm_workbench_figures() if figure]
        result["tiles"] = sorted(tiles, key=lambda t: (t["sequence"], t["key"]))
        result["figures"] = sorted(figures, key=lambda f: (f["sequence"], f["key"]))
        return result

    @api.model
    def crm_workbench_action(self, spec):
        """The window action a tile opens: the action ``spec["xmlid"]`` (the
        reader must be allowed to see it) restricted to ``spec["domain"]``.
        The domain only narrows the list; record rules still apply."""
        refused = AccessError(self.env._("This workbench tile cannot be opened."))
        xmlid = spec.get("xmlid") if isinstance(spec, dict) else None
        # only the suite's own window actions, and only those the reader's
        # groups may open
        if (
            not isinstance(xmlid, str)
            or not xmlid.startswith("crm_")
            or xmlid.count(".") != 1
        ):
            raise refused
        record = self.env.ref(xmlid, raise_if_not_found=False)
        if (
            record is None
            or record._name != "ir.actions.act_window"
            or (
                record.sudo().groups_id
                and not record.sudo().groups_id & self.env.user.groups_id
            )
        ):
            raise refused
        action = record._get_action_dict()
        domain = spec.get("domain") or []
        if not isinstance(domain, list):
            raise refused
        context = spec.get("context") or {}
        action.update(
            {
                "domain": domain,
                "context": context if isinstance(context, dict) else {},
                "target": "current",
            }
        )
        if spec.get("name"):
            action["display_name"] = action["name"] = str(spec["name"])
        return action

    # ------------------------------------------------------------------
    # hooks: extend and add to super()'s result
    # ------------------------------------------------------------------
    @api.model
    def _crm_workbench_tiles(self):
        """Tiles of the installed addons (see ``_crm_workbench_count_tile``)."""
        return []

    @api.model
    def _crm_workbench_figures(self):
        """A manager's figures of the installed addons (see
        ``_crm_workbench_figure``)."""
        return []

    # ------------------------------------------------------------------
    # helpers for the addons
    # ------------------------------------------------------------------
    @api.model
    def _crm_workbench_count_tile(
        self,
        key,
        app,
        sequence,
        label,
        model,
        domain,
        xmlid,
        severity="info",
        context=None,
    ):
        """A tile counting the records of ``model`` matching ``domain`` that
        the current user can read (record rules apply); None when the user
        cannot read the model at all. ``domain`` must be JSON values only
        (dates as strings)."""
        Model = self.env[model]
        if not Model.has_access("read"):
            return None
        count = Model.search_count(domain)
        return self._crm_workbench_tile(
            key, app, sequence, label, count, xmlid, domain, severity, context
        )

    @api.model
    def _crm_workbench_tile(
        self,
        key,
        app,
        sequence,
        label,
        count,
        xmlid,
        domain,
        severity="info",
        context=None,
    ):
        return {
            "key": key,
            "app": app,
            "sequence": sequence,
            "label": label,
            "count": count,
            "severity": severity if count else "ok",
            "action": {
                "xmlid": xmlid,
                "domain": domain,
                "context": context or {},
                "name": label,
            },
        }

    @api.model
    def _crm_workbench_figure(
        self, key, app, sequence, label, value, kind="monetary", action=None
    ):
        """A figure: ``kind`` is ``monetary`` (in the company's currency),
        ``percent`` or ``count``."""
        currency = self.env.company.currency_id
        return {
            "key": key,
            "app": app,
            "sequence": sequence,
            "label": label,
            "value": value,
            "kind": kind,
            "currency": {
                "symbol": currency.symbol,
                "position": currency.position,
                "digits": currency.decimal_places,
            },
            "action": action,
        }

    @api.model
    def _crm_workbench_sum(self, model, domain, field):
        """The sum of ``field`` over the records of ``model`` matching
        ``domain`` that the current user can read (record rules apply), or
        None when the user cannot read the model."""
        Model = self.env[model]
        if not Model.has_access("read"):
            return None
        [(total,)] = Model._read_group(
            expression.AND([domain, [("company_id", "in", self.env.companies.ids)]])
            if "company_id" in Model._fields
            else domain,
            aggregates=[f"{field}:sum"],
        )
        return total or 0.0
