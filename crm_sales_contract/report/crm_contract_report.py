from odoo import api, models

from ..tools import amount_to_chinese_capital


class ReportCrmContract(models.AbstractModel):
    _name = "report.crm_sales_contract.report_crm_contract"
    _description = "Contract Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["crm.contract"].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "crm.contract",
            "docs": docs,
            "amount_in_words": amount_to_chinese_capital,
        }
