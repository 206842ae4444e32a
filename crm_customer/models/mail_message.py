from odoo import api, models


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    def _find_allowed_model_wise(self, doc_model, doc_dict):
        """The chatter of a pool account is masked like its fields for
        salespeople below the All level: searching messages finds none of it
        (their own messages, and those they received, stay theirs)."""
        if doc_model == "res.partner":
            Partner = self.env["res.partner"]
            if Partner._crm_pool_masked():
                pool_ids = set(
                    Partner.sudo()
                    .with_context(active_test=False)
                    .search([("id", "in", list(doc_dict)), ("crm_is_pool", "=", True)])
                    .ids
                )
                if pool_ids:
                    doc_dict = {
                        doc_id: message_ids
                        for doc_id, message_ids in doc_dict.items()
                        if doc_id not in pool_ids
                    }
        return super()._find_allowed_model_wise(doc_model, doc_dict)
