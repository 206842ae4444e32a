from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmExpenseCategory(models.Model):
    """支出类别: a tree of expense categories (差旅费 / 交通费 ...)."""

    _name = "crm.expense.category"
    _inherit = ["crm.masterdata.mixin"]
    _description = "Expense Category"
    _parent_name = "parent_id"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name, id"
    # the tree's materialised path: Odoo keeps it in SQL; a write would break it
    _crm_protected_fields = ("parent_path",)

    complete_name = fields.Char(
        compute="_compute_complete_name", recursive=True, store=True
    )
    parent_id = fields.Many2one(
        "crm.expense.category",
        string="Parent Category",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        "crm.expense.category", "parent_id", string="Sub-categories"
    )
    note = fields.Text(string="Notes")

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for category in self:
            if category.parent_id:
                category.complete_name = (
                    f"{category.parent_id.complete_name} / {category.name}"
                )
            else:
                category.complete_name = category.name

    @api.constrains("parent_id")
    def _check_category_recursion(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._("An expense category cannot be its own parent or ancestor.")
            )
