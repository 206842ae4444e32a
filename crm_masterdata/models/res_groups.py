from odoo import api, fields, models

# Data-scope levels, from narrowest to widest (DESIGN.md "Own, within scope, all").
SCOPE_LEVELS = [
    ("own", "Own"),
    ("subordinates", "Own and Subordinates"),
    ("department", "Department"),
    ("department_tree", "Department and Sub-departments"),
    ("all", "All"),
]
SCOPE_RANK = {level: rank for rank, (level, _label) in enumerate(SCOPE_LEVELS, start=1)}


class ResGroups(models.Model):
    _inherit = "res.groups"

    crm_scope_app = fields.Char(
        string="Scope App",
        help="Technical key of the suite's app whose data scope this group sets "
        "(sales, service, work, docs, finance).",
    )
    crm_scope_level = fields.Selection(
        SCOPE_LEVELS,
        string="Scope Level",
        help="Records of the app this group lets its members read.",
    )
    crm_scope_edit = fields.Boolean(
        string="Edit Within Scope",
        help="Members edit every record they can read in the app, not only their own.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        groups = super().create(vals_list)
        if any(g.crm_scope_app for g in groups):
            self.env.registry.clear_cache()
        return groups

    def write(self, vals):
        res = super().write(vals)
        if {"crm_scope_app", "crm_scope_level", "crm_scope_edit"} & set(vals):
            self.env.registry.clear_cache()
        return res
