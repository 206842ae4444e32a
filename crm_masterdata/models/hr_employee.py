from odoo import api, models

SCOPE_FIELDS = {"department_id", "parent_id", "user_id", "active", "company_id"}


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        self.env.registry.clear_cache()
        return employees

    def write(self, vals):
        res = super().write(vals)
        if SCOPE_FIELDS & set(vals):
            # scope follows departments and the manager chain: drop cached rule domains
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res
