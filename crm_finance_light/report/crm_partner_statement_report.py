from odoo import api, models


class ReportPartnerStatement(models.AbstractModel):
    _name = "report.crm_finance_light.report_partner_statement"
    _description = "Statement (对账单)"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["crm.partner.statement"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "crm.partner.statement",
            "docs": docs,
            "statements": {doc.id: doc._crm_statement_data() for doc in docs},
        }
