from odoo import api, models

from odoo.addons.crm_sales_contract.tools import amount_to_chinese_capital


class ReportPartnerStatement(models.AbstractModel):
    _name = "report.crm_finance_light.report_partner_statement"
    _description = "Statement (对账单)"

    @api.model
    def _crm_balance_side(self, kind, closing):
        """Which way the closing balance goes, worded for the print:
        ``receivable`` (a customer owes us), ``advance_received`` (a customer
        paid more than billed: 预收, we owe it back), ``payable`` (we owe a
        supplier), ``advance_paid`` (we paid a supplier more than billed: 预付,
        they owe it back) or ``settled``."""
        if not closing:
            return "settled"
        if kind == "customer":
            return "receivable" if closing > 0 else "advance_received"
        return "payable" if closing > 0 else "advance_paid"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["crm.partner.statement"].browse(docids)
        statements = {}
        for doc in docs:
            st = doc._crm_statement_data()
            st["side"] = self._crm_balance_side(st["kind"], st["closing"])
            st["closing_words"] = amount_to_chinese_capital(abs(st["closing"]))
            statements[doc.id] = st
        return {
            "doc_ids": docids,
            "doc_model": "crm.partner.statement",
            "docs": docs,
            "statements": statements,
            "amount_in_words": amount_to_chinese_capital,
        }
