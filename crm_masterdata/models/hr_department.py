from odoo import api, models

SCOPE_FIELDS = {"parent_id", "manager_id", "active", "company_id"}


class HrDepartment(models.Model):
    _inherit = "hr.department"

    @api.model_create_multi
    def create(self, vals_list):
        departments = super().create(vals_list)
        self.env.registry.clear_cache()
        return departments

    def write(self, vals):
        res = super().write(vals)
        if SCOPE_FIELDS & set(vals):
            # who reads what follows the department tree: drop cached rule domains
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res
