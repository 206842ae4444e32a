from odoo import fields, models

OPEN_INSTALLMENT_STATES = ("open", "partial", "overdue")
FINANCE_GROUP = "crm_finance_light.crm_finance_light_group_own"
# the customer figures (computed company-wide, with elevated rights) are for
# the people who read money on customers: sales and finance, as the buttons
MONEY_READERS = FINANCE_GROUP + ",crm_masterdata.crm_masterdata_group_sales_own"


class ResPartner(models.Model):
    _inherit = "res.partner"

    crm_finance_currency_id = fields.Many2one(
        "res.currency",
        string="Finance Currency",
        compute="_compute_crm_finance_currency_id",
    )
    crm_receivable_total = fields.Monetary(
        string="Receivable",
        currency_field="crm_finance_currency_id",
        compute="_compute_crm_finance_figures",
        groups=MONEY_READERS,
        help="What the customer still owes on the installments of its confirmed "
        "contracts (应收欠款).",
    )
    crm_receivable_overdue = fields.Monetary(
        string="Overdue",
        currency_field="crm_finance_currency_id",
        compute="_compute_crm_finance_figures",
        groups=MONEY_READERS,
        help="The part of the receivable that is past its due date.",
    )
    crm_advance_amount = fields.Monetary(
        string="Advance",
        currency_field="crm_finance_currency_id",
        compute="_compute_crm_finance_figures",
        groups=MONEY_READERS,
        help="Money received from the customer and not yet allocated to an "
        "installment (预收款).",
    )
    crm_payable_total = fields.Monetary(
        string="Payable",
        currency_field="crm_finance_currency_id",
        compute="_compute_crm_finance_figures",
        groups=FINANCE_GROUP,
        help="What is still to be paid on the confirmed bills of this supplier "
        "(应付).",
    )
    crm_prepaid_amount = fields.Monetary(
        string="Prepaid",
        currency_field="crm_finance_currency_id",
        compute="_compute_crm_finance_figures",
        groups=FINANCE_GROUP,
        help="Money paid to the supplier and not yet allocated to a bill (预付款).",
    )

    def _compute_crm_finance_currency_id(self):
        for partner in self:
            partner.crm_finance_currency_id = self.env.company.currency_id

    def _compute_crm_finance_figures(self):
        """The same figures as credit control: company-wide, whoever owns the
        documents (credit is the company's, not the user's)."""
        for partner in self:
            commercial = partner.commercial_partner_id
            if not commercial.id:
                partner.crm_receivable_total = 0.0
                partner.crm_receivable_overdue = 0.0
                partner.crm_advance_amount = 0.0
                partner.crm_payable_total = 0.0
                partner.crm_prepaid_amount = 0.0
                continue
            figures = commercial._crm_finance_figures()
            partner.crm_receivable_total = figures["receivable"]
            partner.crm_receivable_overdue = figures["overdue"]
            partner.crm_advance_amount = figures["advance"]
            partner.crm_payable_total = figures["payable"]
            partner.crm_prepaid_amount = figures["prepaid"]

    def _crm_finance_figures(self, company=None):
        """Receivable, overdue, advance, payable and prepaid amounts of this
        (commercial) partner in ``company`` (default: the current one)."""
        self.ensure_one()
        company = company or self.env.company
        today = fields.Date.context_today(self)
        partner_domain = [("partner_id", "child_of", self.commercial_partner_id.id)]
        company_domain = [("company_id", "=", company.id)]
        Installment = self.env["crm.contract.installment"].sudo()
        base = (
            partner_domain
            + company_domain
            + [
                ("contract_state", "in", ("confirmed", "done")),
                ("state", "in", OPEN_INSTALLMENT_STATES),
            ]
        )
        [(receivable,)] = Installment._read_group(base, [], ["residual_amount:sum"])
        [(overdue,)] = Installment._read_group(
            base + [("due_date", "<", today)], [], ["residual_amount:sum"]
        )
        vouchers = partner_domain + company_domain + [("state", "=", "confirmed")]
        [(advance,)] = (
            self.env["crm.receipt"]
            .sudo()
            ._read_group(vouchers, [], ["unallocated_amount:sum"])
        )
        payable = prepaid = 0.0
        if self.env.su or self.env.user.has_group(FINANCE_GROUP):
            # the supplier side sums only the bills and payments the user
            # reads (their finance level): never computed with elevated rights
            [(payable,)] = self.env["crm.supplier.bill"]._read_group(
                vouchers, [], ["residual_amount:sum"]
            )
            [(prepaid,)] = self.env["crm.supplier.payment"]._read_group(
                vouchers, [], ["unallocated_amount:sum"]
            )
        return {
            "receivable": receivable or 0.0,
            "overdue": overdue or 0.0,
            "advance": advance or 0.0,
            "payable": payable or 0.0,
            "prepaid": prepaid or 0.0,
        }

    def _crm_open_receivable(self, company=None):
        """Credit exposure: the open installments less the customer's advance
        (money already received and not yet allocated)."""
        receivable = super()._crm_open_receivable(company=company)
        [(advance,)] = (
            self.env["crm.receipt"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "child_of", self.commercial_partner_id.id),
                    ("company_id", "=", (company or self.env.company).id),
                    ("state", "=", "confirmed"),
                ],
                [],
                ["unallocated_amount:sum"],
            )
        )
        return receivable - (advance or 0.0)

    def action_crm_view_receipts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_finance_light.crm_receipt_action"
        )
        action["domain"] = [
            ("partner_id", "child_of", self.commercial_partner_id.id),
        ]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def action_crm_view_receivables(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_finance_light.crm_receivable_report_action"
        )
        action["domain"] = [
            ("partner_id", "child_of", self.commercial_partner_id.id),
        ]
        action["context"] = {}
        return action

    def action_crm_statement(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Statement"),
            "res_model": "crm.partner.statement",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_partner_id": self.commercial_partner_id.id,
                "default_kind": "supplier"
                if self.crm_is_supplier and not self.crm_is_customer
                else "customer",
            },
        }
