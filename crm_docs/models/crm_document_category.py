from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmDocumentCategory(models.Model):
    """A folder of the documents' tree (文档分类), kept by the knowledge
    managers."""

    _name = "crm.document.category"
    _inherit = ["crm.protected.mixin"]
    _description = "Document Category"
    # kept by the ORM from parent_id
    _crm_protected_fields = ("parent_path",)
    _parent_store = True
    _parent_name = "parent_id"
    _order = "complete_name, id"
    _rec_name = "complete_name"

    name = fields.Char(required=True)
    complete_name = fields.Char(
        string="Full Name", compute="_compute_complete_name", store=True, recursive=True
    )
    parent_id = fields.Many2one(
        "crm.document.category",
        string="Parent Category",
        index=True,
        ondelete="restrict",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many(
        "crm.document.category", "parent_id", string="Subcategories"
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Company",
        index=True,
        ondelete="restrict",
        help="Leave empty to share the category between companies.",
    )
    description = fields.Text()
    document_count = fields.Integer(
        compute="_compute_document_count", string="Documents"
    )

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for category in self:
            if category.parent_id:
                category.complete_name = (
                    f"{category.parent_id.complete_name} / {category.name}"
                )
            else:
                category.complete_name = category.name

    def _compute_document_count(self):
        counts = dict(
            self.env["crm.document"]._read_group(
                [("category_id", "child_of", self.ids)],
                ["category_id"],
                ["__count"],
            )
        )
        for category in self:
            category.document_count = sum(
                count
                for cat, count in counts.items()
                if cat.parent_path.startswith(category.parent_path)
            )

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A category cannot be its own parent."))

    def action_view_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_docs.crm_document_action"
        )
        action["domain"] = [("category_id", "child_of", self.id)]
        action["context"] = {"default_category_id": self.id}
        return action
