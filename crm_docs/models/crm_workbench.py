"""Workbench tiles of crm_docs: for knowledge managers, the documents
submitted to the knowledge base and the published ones due for re-review.
Counted with the reader's own access."""

from odoo import api, fields, models


class CrmWorkbench(models.AbstractModel):
    _inherit = "crm.workbench"

    @api.model
    def _crm_workbench_tiles(self):
        tiles = super()._crm_workbench_tiles()
        if not self.env.user.has_group("crm_docs.crm_docs_group_knowledge_manager"):
            return tiles
        app = self.env._("Documents")
        today = fields.Date.to_string(fields.Date.context_today(self))
        tiles.append(
            self._crm_workbench_count_tile(
                "crm_docs.submitted",
                app,
                60,
                self.env._("Documents submitted to the knowledge base"),
                "crm.document",
                [("kb_state", "=", "submitted")],
                "crm_docs.crm_document_action_review",
                severity="warning",
            )
        )
        tiles.append(
            self._crm_workbench_count_tile(
                "crm_docs.review_due",
                app,
                61,
                self.env._("Documents to re-review"),
                "crm.document",
                [("kb_state", "=", "published"), ("review_date", "<=", today)],
                "crm_docs.crm_document_action_review",
                severity="warning",
            )
        )
        return tiles
