from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    crm_document_ids = fields.Many2many(
        "crm.document",
        string="Documents",
        compute="_compute_crm_document_count",
        groups="crm_docs.crm_docs_group_own",
    )
    crm_document_count = fields.Integer(
        string="Documents Count",
        compute="_compute_crm_document_count",
        groups="crm_docs.crm_docs_group_own",
    )

    @api.depends_context("uid")
    def _compute_crm_document_count(self):
        groups = dict(
            self.env["crm.document"]._read_group(
                [("partner_ids", "in", self.ids)], ["partner_ids"], ["id:recordset"]
            )
        )
        for partner in self:
            documents = groups.get(partner, self.env["crm.document"])
            partner.crm_document_ids = documents
            partner.crm_document_count = len(documents)

    def action_crm_view_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_docs.crm_document_action"
        )
        action["domain"] = [("partner_ids", "in", self.ids)]
        action["context"] = {"default_partner_ids": self.ids}
        return action
