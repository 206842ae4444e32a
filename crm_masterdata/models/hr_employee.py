from odoo import models


class HrEmployee(models.Model):
    _name = "hr.employee"
    _inherit = ["hr.employee", "crm.scope.watch.mixin"]

    _crm_scope_watched_fields = (
        "department_id",
        "parent_id",
        "user_id",
        "active",
        "company_id",
    )
