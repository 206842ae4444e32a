import base64
import io

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

KINDS = [("customer", "Customer"), ("supplier", "Supplier")]


class CrmPartnerStatement(models.TransientModel):
    """往来账 / 对账单: the running account of a customer or a supplier over a
    period: opening balance, every document in date order with its debit,
    credit and running balance, closing balance.

    For a customer the balance is what they owe (contracts are debits,
    receipts credits); for a supplier it is what the company owes them (bills
    are credits, payments debits). Cancelling a document adds the opposite
    line at the date of the cancellation, so earlier statements stay true.
    """

    _name = "crm.partner.statement"
    _description = "Partner Statement"

    partner_id = fields.Many2one(
        "res.partner", string="Partner", required=True, ondelete="cascade"
    )
    kind = fields.Selection(KINDS, required=True, default="customer")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: fields.Date.context_today(self)
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise UserError(self.env._("The period ends before it starts."))

    # ------------------------------------------------------------------
    # Data
    # ------------------------------------------------------------------
    def _crm_entries_query(self, partner_ids, date_to):
        company = self.company_id.id
        partners = tuple(partner_ids)
        if self.kind == "customer":
            return SQL(
                """
                SELECT * FROM (
                    SELECT c.date_signed AS date, 1 AS seq, c.id AS res_id,
                           'crm.contract' AS res_model, c.name AS number,
                           'contract' AS kind, COALESCE(c.title, '') AS label,
                           c.amount_total AS debit, 0::numeric AS credit
                      FROM crm_contract c
                     WHERE c.partner_id IN %(partners)s AND c.company_id = %(company)s
                       AND c.was_confirmed
                    UNION ALL
                    SELECT c.write_date::date, 4, c.id, 'crm.contract', c.name,
                           'contract_cancel', COALESCE(c.cancel_reason, ''), 0,
                           SUM(i.amount - i.paid_amount)
                      FROM crm_contract c
                      JOIN crm_contract_installment i
                        ON i.contract_id = c.id AND i.is_cancelled
                     WHERE c.partner_id IN %(partners)s AND c.company_id = %(company)s
                       AND c.was_confirmed AND c.state = 'cancelled'
                     GROUP BY c.id
                    UNION ALL
                    SELECT r.date, 2, r.id, 'crm.receipt', r.name, 'receipt',
                           COALESCE(r.reference, ''), 0, r.amount
                      FROM crm_receipt r
                     WHERE r.partner_id IN %(partners)s AND r.company_id = %(company)s
                       AND r.was_confirmed
                    UNION ALL
                    SELECT r.date_cancelled, 3, r.id, 'crm.receipt', r.name,
                           'receipt_cancel', COALESCE(r.cancel_reason, ''), r.amount, 0
                      FROM crm_receipt r
                     WHERE r.partner_id IN %(partners)s AND r.company_id = %(company)s
                       AND r.was_confirmed AND r.state = 'cancelled'
                ) t
                WHERE t.date <= %(date_to)s
                ORDER BY t.date, t.seq, t.res_id
                """,
                partners=partners,
                company=company,
                date_to=date_to,
            )
        return SQL(
            """
            SELECT * FROM (
                SELECT b.date AS date, 1 AS seq, b.id AS res_id,
                       'crm.supplier.bill' AS res_model, b.name AS number,
                       'bill' AS kind, COALESCE(b.reference, '') AS label,
                       0::numeric AS debit, b.amount_total AS credit
                  FROM crm_supplier_bill b
                 WHERE b.partner_id IN %(partners)s AND b.company_id = %(company)s
                   AND b.was_confirmed
                UNION ALL
                SELECT b.date_cancelled, 4, b.id, 'crm.supplier.bill', b.name,
                       'bill_cancel', '', b.amount_total, 0
                  FROM crm_supplier_bill b
                 WHERE b.partner_id IN %(partners)s AND b.company_id = %(company)s
                   AND b.was_confirmed AND b.state = 'cancelled'
                UNION ALL
                SELECT p.date, 2, p.id, 'crm.supplier.payment', p.name, 'payment',
                       COALESCE(p.reference, ''), p.amount, 0
                  FROM crm_supplier_payment p
                 WHERE p.partner_id IN %(partners)s AND p.company_id = %(company)s
                   AND p.was_confirmed
                UNION ALL
                SELECT p.date_cancelled, 3, p.id, 'crm.supplier.payment', p.name,
                       'payment_cancel', COALESCE(p.cancel_reason, ''), 0, p.amount
                  FROM crm_supplier_payment p
                 WHERE p.partner_id IN %(partners)s AND p.company_id = %(company)s
                   AND p.was_confirmed AND p.state = 'cancelled'
            ) t
            WHERE t.date <= %(date_to)s
            ORDER BY t.date, t.seq, t.res_id
            """,
            partners=partners,
            company=company,
            date_to=date_to,
        )

    def _crm_kind_labels(self):
        _ = self.env._
        return {
            "contract": _("Contract"),
            "contract_cancel": _("Contract cancelled"),
            "receipt": _("Receipt"),
            "receipt_cancel": _("Receipt cancelled"),
            "bill": _("Purchase"),
            "bill_cancel": _("Purchase cancelled"),
            "payment": _("Payment"),
            "payment_cancel": _("Payment cancelled"),
        }

    def _crm_readable_rows(self, rows):
        """The rows of the documents the current user reads: the statement is
        read with the user's rights (a Finance "Own" user sees the receipts,
        bills and payments of their level, never a figure of what they cannot
        read)."""
        if self.env.su:
            return rows
        ids_by_model = {}
        for row in rows:
            ids_by_model.setdefault(row[3], set()).add(row[2])
        readable = set()
        for model, ids in ids_by_model.items():
            records = self.env[model].browse(sorted(ids))._filtered_access("read")
            readable.update((model, res_id) for res_id in records.ids)
        return [row for row in rows if (row[3], row[2]) in readable]

    def _crm_statement_data(self):
        """Opening balance, lines with running balance, totals and closing
        balance of the period (amounts rounded to the currency)."""
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id
        partner.check_access("read")
        currency = self.currency_id
        partner_ids = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            ._search([("id", "child_of", partner.id)])
        )
        rows = self._crm_readable_rows(
            self.env.execute_query(
                self._crm_entries_query(list(partner_ids), self.date_to)
            )
        )
        sign = 1 if self.kind == "customer" else -1
        labels = self._crm_kind_labels()
        opening = 0.0
        balance = None
        lines = []
        total_debit = total_credit = 0.0
        for date, _seq, res_id, res_model, number, kind, label, debit, credit in rows:
            debit = float(debit or 0.0)
            credit = float(credit or 0.0)
            if date < self.date_from:
                opening += sign * (debit - credit)
                continue
            if balance is None:
                balance = opening
            balance = currency.round(balance + sign * (debit - credit))
            total_debit += debit
            total_credit += credit
            lines.append(
                {
                    "date": date,
                    "number": number,
                    "kind": kind,
                    "kind_label": labels.get(kind, kind),
                    "label": label,
                    "debit": debit,
                    "credit": credit,
                    "balance": balance,
                    "res_model": res_model,
                    "res_id": res_id,
                }
            )
        opening = currency.round(opening)
        total_debit = currency.round(total_debit)
        total_credit = currency.round(total_credit)
        closing = currency.round(opening + sign * (total_debit - total_credit))
        return {
            "partner": partner,
            "company": self.company_id,
            "currency": currency,
            "kind": self.kind,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "opening": opening,
            "lines": lines,
            "total_debit": total_debit,
            "total_credit": total_credit,
            "closing": closing,
        }

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "crm_finance_light.crm_partner_statement_report_action"
        ).report_action(self)

    def action_preview(self):
        self.ensure_one()
        action = self.env.ref(
            "crm_finance_light.crm_partner_statement_report_action"
        ).report_action(self)
        action["report_type"] = "qweb-html"
        return action

    def _crm_xlsx_content(self):
        """The statement as an XLSX workbook (bytes)."""
        self.ensure_one()
        data = self._crm_statement_data()
        _ = self.env._
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Statement")[:31])
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 14})
        money = workbook.add_format({"num_format": "#,##0.00"})
        money_bold = workbook.add_format({"num_format": "#,##0.00", "bold": True})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        sheet.write(0, 0, _("Statement"), title)
        sheet.write(1, 0, data["partner"].display_name, bold)
        sheet.write(
            2,
            0,
            _(
                "Period: %(date_from)s - %(date_to)s",
                date_from=data["date_from"],
                date_to=data["date_to"],
            ),
        )
        headers = [
            _("Date"),
            _("Number"),
            _("Type"),
            _("Description"),
            _("Debit"),
            _("Credit"),
            _("Balance"),
        ]
        for col, header in enumerate(headers):
            sheet.write(4, col, header, bold)
        sheet.write(5, 3, _("Opening balance"), bold)
        sheet.write_number(5, 6, data["opening"], money_bold)
        row = 6
        for line in data["lines"]:
            sheet.write_datetime(
                row, 0, fields.Datetime.to_datetime(line["date"]), date_format
            )
            sheet.write(row, 1, line["number"])
            sheet.write(row, 2, line["kind_label"])
            sheet.write(row, 3, line["label"])
            sheet.write_number(row, 4, line["debit"], money)
            sheet.write_number(row, 5, line["credit"], money)
            sheet.write_number(row, 6, line["balance"], money)
            row += 1
        sheet.write(row, 3, _("Total / closing balance"), bold)
        sheet.write_number(row, 4, data["total_debit"], money_bold)
        sheet.write_number(row, 5, data["total_credit"], money_bold)
        sheet.write_number(row, 6, data["closing"], money_bold)
        sheet.set_column(0, 0, 12)
        sheet.set_column(1, 1, 18)
        sheet.set_column(2, 2, 16)
        sheet.set_column(3, 3, 36)
        sheet.set_column(4, 6, 16)
        workbook.close()
        return output.getvalue()

    def action_export_xlsx(self):
        self.ensure_one()
        content = self._crm_xlsx_content()
        partner = self.partner_id.commercial_partner_id.display_name
        filename = f"{partner}-{self.date_from}-{self.date_to}.xlsx"
        attachment = self.env["ir.attachment"].create(
            {
                "name": filename,
                "datas": base64.b64encode(content),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
