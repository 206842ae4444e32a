from odoo import models


class HrDepartment(models.Model):
    _name = "hr.department"
    _inherit = ["hr.department", "crm.scope.watch.mixin"]

    _crm_scope_watched_fields = ("parent_id", "manager_id", "active", "company_id")
