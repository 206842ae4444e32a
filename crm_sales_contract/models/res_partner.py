from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

OPEN_INSTALLMENT_STATES = ("open", "partial", "overdue")
RECEIVABLE_CONTRACT_STATES = ("confirmed", "done")


class ResPartner(models.Model):
    _inherit = "res.partner"

    crm_contract_currency_id = fields.Many2one(
        "res.currency",
        string="Contract Currency",
        compute="_compute_crm_contract_currency_id",
    )
    crm_contract_count = fields.Integer(
        string="Contracts", compute="_compute_crm_contract_stats"
    )
    crm_contract_signed_total = fields.Monetary(
        string="Signed Total",
        currency_field="crm_contract_currency_id",
        compute="_compute_crm_contract_stats",
        help="Total of the confirmed and done contracts and sales orders you can "
        "see for this customer.",
    )
    crm_contract_outstanding = fields.Monetary(
        string="Outstanding",
        currency_field="crm_contract_currency_id",
        compute="_compute_crm_contract_stats",
        help="What is still to be collected on those contracts.",
    )

    def _compute_crm_contract_currency_id(self):
        for partner in self:
            partner.crm_contract_currency_id = self.env.company.currency_id

    def _compute_crm_contract_stats(self):
        # within the user's scope: the record rules apply to _read_group
        counts = self._crm_history_count("crm.contract")
        totals = {}
        accounts = self.commercial_partner_id.filtered("id")
        if accounts:
            for partner, signed, outstanding in self.env["crm.contract"]._read_group(
                [
                    ("partner_id", "in", accounts.ids),
                    ("state", "in", RECEIVABLE_CONTRACT_STATES),
                ],
                ["partner_id"],
                ["amount_total:sum", "amount_outstanding:sum"],
            ):
                totals[partner.id] = (signed, outstanding)
        for partner in self:
            partner.crm_contract_count = counts.get(partner.id, 0)
            signed, outstanding = totals.get(
                partner.commercial_partner_id.id, (0.0, 0.0)
            )
            partner.crm_contract_signed_total = signed
            partner.crm_contract_outstanding = outstanding

    def _crm_open_receivable(self, company=None):
        """Open receivable of this customer: the residual of the not yet paid,
        not cancelled installments of its confirmed contracts, in the company
        currency, whoever owns them (credit is the company's, not the user's),
        in ``company`` (default: the current company).

        Finance may override this to add its own open items."""
        self.ensure_one()
        Installment = self.env["crm.contract.installment"].sudo()
        [(residual,)] = Installment._read_group(
            self._crm_receivable_domain(company), [], ["residual_amount:sum"]
        )
        return residual or 0.0

    def _crm_receivable_domain(self, company=None):
        self.ensure_one()
        company = company or self.env.company
        return [
            ("partner_id", "child_of", self.commercial_partner_id.id),
            ("contract_state", "in", RECEIVABLE_CONTRACT_STATES),
            ("state", "in", OPEN_INSTALLMENT_STATES),
            ("company_id", "=", company.id),
        ]

    def _crm_overdue_installments(self, days=0, company=None):
        """Installments of this customer overdue by more than ``days`` days."""
        self.ensure_one()
        limit = fields.Date.subtract(fields.Date.context_today(self), days=days)
        return (
            self.env["crm.contract.installment"]
            .sudo()
            .search(
                self._crm_receivable_domain(company)
                + [("state", "=", "overdue"), ("due_date", "<", limit)],
                order="due_date",
            )
        )

    @api.model
    def _crm_pool_return_protected_ids(self, partners):
        """Keep out of the automatic return to the pool the customers with an
        open installment (of a confirmed contract) or a contract confirmed in
        the last ``crm_pool_keep_recent_days`` days of their company (0: off,
        nobody kept). Called as superuser by crm_customer's pool job."""
        kept = set(super()._crm_pool_return_protected_ids(partners))
        by_company = defaultdict(list)
        for partner in partners:
            company = partner.company_id or self.env.company
            if partner.id not in kept and company.crm_pool_keep_recent_days > 0:
                by_company[company].append(partner.id)
        if not by_company:
            return kept
        today = fields.Date.context_today(self)
        Installment = self.env["crm.contract.installment"].sudo()
        Contract = self.env["crm.contract"].sudo()
        for company, ids in by_company.items():
            since = today - timedelta(days=company.crm_pool_keep_recent_days)
            for (partner,) in Installment._read_group(
                [
                    ("partner_id", "in", ids),
                    ("contract_state", "in", RECEIVABLE_CONTRACT_STATES),
                    ("state", "in", OPEN_INSTALLMENT_STATES),
                ],
                ["partner_id"],
            ):
                kept.add(partner.id)
            for (partner,) in Contract._read_group(
                [
                    ("partner_id", "in", ids),
                    ("state", "in", RECEIVABLE_CONTRACT_STATES),
                    ("date_confirmed", ">=", since),
                ],
                ["partner_id"],
            ):
                kept.add(partner.id)
        return kept

    def action_crm_view_contracts(self):
        self.ensure_one()
        return self._crm_history_action(
            "crm.contract", xml_id="crm_sales_contract.crm_contract_action"
        )

    def _crm_check_contract_customer(self):
        """A contract's customer must be a customer the current user can read,
        and not in the pool (claimed first)."""
        for partner in self:
            try:
                partner.check_access("read")
            except AccessError as error:
                raise AccessError(
                    self.env._(
                        "You cannot sell to %(customer)s: this customer is outside "
                        "your scope.",
                        customer=partner.sudo().display_name,
                    )
                ) from error
            account = partner.sudo().commercial_partner_id
            if not account.crm_is_customer:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a customer: mark it as a customer first.",
                        partner=partner.sudo().display_name,
                    )
                )
            if account.crm_is_pool:
                raise UserError(
                    self.env._(
                        "%(customer)s is in the customer pool: claim the customer "
                        "first, then make the contract.",
                        customer=account.display_name,
                    )
                )
