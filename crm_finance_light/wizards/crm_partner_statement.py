import base64
import io

import xlsxwriter
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.crm_masterdata.models.ir_actions_report import format_date_cn

KINDS = [("customer", "Customer"), ("supplier", "Supplier")]


class CrmPartnerStatement(models.Model):
    """往来账 / 对账单: the running account of a customer or a supplier over a
    period: opening balance, every document in date order with its debit,
    credit and running balance, closing balance.

    For a customer the balance is what they owe (contracts are debits,
    receipts credits); for a supplier it is what the company owes them (bills
    are credits, payments debits). Cancelling a document adds the opposite
    line at the date of the cancellation, so earlier statements stay true.

    A statement is a stored record (its own URL reloads, it is e-mailed from
    its chatter); its figures are computed when it is shown, with the rights
    of whoever reads it.
    """

    _name = "crm.partner.statement"
    _inherit = ["mail.thread", "crm.protected.mixin"]
    _description = "Partner Statement"
    _crm_link_access = {"partner_id": "read"}
    _order = "id desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Partner",
        required=True,
        ondelete="cascade",
        domain="[('crm_is_customer', '=', True), ('is_company', '=', True)] "
        "if kind == 'customer' else [('crm_is_supplier', '=', True)]",
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
    statement_html = fields.Html(
        string="Statement Lines",
        compute="_compute_statement_html",
        sanitize=False,
    )

    @api.depends("partner_id", "kind", "date_from", "date_to")
    @api.depends_context("uid", "lang")
    def _compute_display_name(self):
        for statement in self:
            if not statement.partner_id:
                statement.display_name = self.env._("New Statement")
                continue
            statement.display_name = self.env._(
                "%(partner)s, %(date_from)s - %(date_to)s",
                partner=statement.partner_id.commercial_partner_id.name,
                date_from=statement._crm_format_date(statement.date_from),
                date_to=statement._crm_format_date(statement.date_to),
            )

    def _crm_format_date(self, value):
        """A date as its reader expects it: 2026年12月01日 in Chinese."""
        if (self.env.lang or "").startswith("zh"):
            return format_date_cn(value)
        return fields.Date.to_string(value) if value else ""

    @api.onchange("kind")
    def _onchange_kind(self):
        if self.partner_id and not self._crm_partner_fits():
            self.partner_id = False

    def _crm_partner_fits(self):
        partner = self.partner_id.commercial_partner_id.sudo()
        if self.kind == "customer":
            return bool(partner.crm_is_customer)
        return bool(partner.crm_is_supplier)

    @api.constrains("partner_id", "kind")
    def _check_partner_side(self):
        for statement in self:
            if not statement._crm_partner_fits():
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a customer: choose a customer for a "
                        "customer statement.",
                        partner=statement.partner_id.display_name,
                    )
                    if statement.kind == "customer"
                    else self.env._(
                        "%(partner)s is not a supplier: choose a supplier for a "
                        "supplier statement.",
                        partner=statement.partner_id.display_name,
                    )
                )

    @api.depends_context("uid", "lang")
    @api.depends("partner_id", "kind", "company_id", "date_from", "date_to")
    def _compute_statement_html(self):
        for statement in self:
            if not (statement.partner_id and statement.date_from and statement.date_to):
                statement.statement_html = False
                continue
            statement.statement_html = statement._crm_statement_html(
                statement._crm_statement_data()
            )

    def _crm_statement_html(self, data):
        """The statement's lines as an HTML table, for its form."""
        _ = self.env._
        currency = data["currency"]
        decimals = currency.decimal_places

        def money(value, bold=False):
            text = escape(f"{value:,.{decimals}f}") if value else ""
            return Markup("<strong>%s</strong>") % text if bold else text

        rows = [
            Markup(
                '<tr><td colspan="6"><strong>%s</strong></td>'
                '<td class="text-end">%s</td></tr>'
            )
            % (_("Opening balance"), money(data["opening"], bold=True) or "0")
        ]
        for line in data["lines"]:
            rows.append(
                Markup(
                    "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                    '<td class="text-end">%s</td><td class="text-end">%s</td>'
                    '<td class="text-end">%s</td></tr>'
                )
                % (
                    self._crm_format_date(line["date"]),
                    line["number"],
                    line["kind_label"],
                    line["label"],
                    money(line["debit"]),
                    money(line["credit"]),
                    money(line["balance"]) or "0",
                )
            )
        rows.append(
            Markup(
                '<tr><td colspan="4"><strong>%s</strong></td>'
                '<td class="text-end">%s</td><td class="text-end">%s</td>'
                '<td class="text-end o_crm_statement_closing">%s</td></tr>'
            )
            % (
                _("Total / closing balance"),
                money(data["total_debit"], bold=True),
                money(data["total_credit"], bold=True),
                money(data["closing"], bold=True) or "0",
            )
        )
        head = Markup("").join(
            Markup("<th%s>%s</th>")
            % (Markup(' class="text-end"') if i >= 4 else "", label)
            for i, label in enumerate(
                [
                    _("Date"),
                    _("Number"),
                    _("Type"),
                    _("Description"),
                    _("Debit"),
                    _("Credit"),
                    _("Balance"),
                ]
            )
        )
        return Markup(
            '<div class="table-responsive"><table class="table table-sm '
            'o_crm_statement_table"><thead><tr>%s</tr></thead><tbody>%s</tbody>'
            "</table></div>"
        ) % (head, Markup("").join(rows))

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for statement in self:
            if statement.date_to < statement.date_from:
                raise ValidationError(self.env._("The period ends before it starts."))

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
        currency = (
            self.currency_id
            or self.company_id.currency_id
            or self.env.company.currency_id
        )
        # the documents are read with SQL: write what is pending first
        self.env.flush_all()
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
            "company": self.company_id or self.env.company,
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
    @api.model
    def crm_statement(self, partner_id, kind="customer", date_from=None, date_to=None):
        """The statement of a partner as data, for scripts (over XML-RPC):
        ``date_from``/``date_to`` as ``YYYY-MM-DD`` (default: from the 1st of
        January to today). Read with the caller's rights, like the printed
        statement; nothing is stored. Returns the same dictionary as
        :meth:`crm_statement_data`."""
        self.browse().check_access("create")
        if kind not in dict(KINDS):
            raise UserError(
                self.env._("The kind of a statement is customer or supplier.")
            )
        vals = {"partner_id": partner_id, "kind": kind}
        if date_from:
            vals["date_from"] = fields.Date.to_date(date_from)
        if date_to:
            vals["date_to"] = fields.Date.to_date(date_to)
        statement = self.new(vals)
        statement.partner_id.check_access("read")
        statement._check_partner_side()
        statement._check_dates()
        return statement.crm_statement_data()

    def crm_statement_data(self):
        """This statement as plain data (JSON-friendly, for scripts): the
        partner, the period, the opening balance, the lines with their
        running balance, the totals and the closing balance."""
        self.ensure_one()
        data = self._crm_statement_data()
        return {
            "partner_id": data["partner"].id,
            "partner": data["partner"].display_name,
            "company_id": data["company"].id,
            "currency": data["currency"].name,
            "kind": data["kind"],
            "date_from": fields.Date.to_string(data["date_from"]),
            "date_to": fields.Date.to_string(data["date_to"]),
            "opening": data["opening"],
            "lines": [
                dict(line, date=fields.Date.to_string(line["date"]))
                for line in data["lines"]
            ],
            "total_debit": data["total_debit"],
            "total_credit": data["total_credit"],
            "closing": data["closing"],
        }

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "crm_finance_light.crm_partner_statement_report_action"
        ).report_action(self)

    def action_preview(self):
        """Show the statement in its own page (a URL that reloads)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.display_name,
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_send_email(self):
        """Open Odoo's mail composer with the statement's template (Chinese or
        English, the partner's language) and the PDF attached."""
        self.ensure_one()
        self._crm_statement_data()  # the caller reads the partner and the lines
        template = self.env.ref("crm_finance_light.mail_template_partner_statement")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send the Statement"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
                "force_email": True,
            },
        }

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
                date_from=self._crm_format_date(data["date_from"]),
                date_to=self._crm_format_date(data["date_to"]),
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
