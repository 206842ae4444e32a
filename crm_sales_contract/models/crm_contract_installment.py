import logging

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero, format_amount

from odoo.addons.crm_customer.models.res_partner_pool import crm_date_text

from .crm_contract_plan_template import TRIGGERS

_logger = logging.getLogger(__name__)

INSTALLMENT_STATES = [
    ("open", "Open"),
    ("partial", "Partially Paid"),
    ("paid", "Paid"),
    ("overdue", "Overdue"),
    ("cancelled", "Cancelled"),
]
REMINDER_KEYS = ("due_soon", "overdue", "overdue_manager", "overdue_all")
# the collection calendar's colours (Odoo's colour indexes): open blue, partially
# paid orange, overdue red, paid green, cancelled grey
CALENDAR_COLORS = {"open": 4, "partial": 2, "overdue": 1, "paid": 10, "cancelled": 0}


class CrmContractInstallment(models.Model):
    _name = "crm.contract.installment"
    _inherit = ["crm.protected.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Contract Installment"
    # a contract's installments together, by the contract's id rather than its
    # own order (date signed), which would join crm_contract for every row of
    # a due date before the first page could be cut; with the index below the
    # lists read 80 rows off the index (issue 16: 114 ms to 0.2 ms over
    # 400,000 installments)
    _order = "due_date, contract_id.id, sequence, id"
    _check_company_auto = True
    # pickers (receipt allocation) find an installment by its contract's number
    # or its customer
    _rec_names_search = ["name", "contract_id.name", "partner_id.complete_name"]
    # received amounts: _crm_apply_payment/_crm_revert_payment (finance);
    # cancellation: the contract's cancellation; the rest is computed or related
    _crm_protected_fields = (
        "paid_amount",
        "is_cancelled",
        "state",
        "residual_amount",
        "percentage",
        "contract_state",
        "kind",
        "date_signed",
        "partner_id",
        "user_id",
        "department_id",
        "company_id",
        "currency_id",
    )
    # an installment belongs to a contract its author may edit
    _crm_link_access = {"contract_id": "write"}
    # installments follow their contract's scope (record rules on the stored owner)
    _crm_scope_app = "sales"
    _crm_scope_owner_field = "user_id"
    _crm_scope_assignee_fields = ()

    contract_id = fields.Many2one(
        "crm.contract",
        string="Contract",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Description", required=True)
    trigger = fields.Selection(TRIGGERS, default="signing")
    due_date = fields.Date(required=True, index=True, tracking=True)
    amount = fields.Monetary(required=True, tracking=True)
    percentage = fields.Float(
        string="% of Total",
        compute="_compute_percentage",
        store=True,
        digits=(16, 2),
        aggregator=None,
    )
    paid_amount = fields.Monetary(
        string="Received",
        default=0.0,
        readonly=True,
        copy=False,
        tracking=True,
        help="Written by the finance app through _crm_apply_payment() and "
        "_crm_revert_payment().",
    )
    residual_amount = fields.Monetary(
        string="Outstanding", compute="_compute_residual_amount", store=True
    )
    state = fields.Selection(
        INSTALLMENT_STATES,
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
        string="Status",
    )
    is_cancelled = fields.Boolean(string="Cancelled", readonly=True, copy=False)
    contract_state = fields.Selection(
        related="contract_id.state", store=True, string="Contract Status", index=True
    )
    kind = fields.Selection(related="contract_id.kind", store=True)
    date_signed = fields.Date(related="contract_id.date_signed", store=True)
    partner_id = fields.Many2one(
        related="contract_id.partner_id", store=True, index=True, string="Customer"
    )
    user_id = fields.Many2one(
        related="contract_id.user_id", store=True, index=True, string="Owner"
    )
    department_id = fields.Many2one(
        related="contract_id.department_id",
        store=True,
        index=True,
        string="Department",
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True, string="Company"
    )
    currency_id = fields.Many2one(
        related="contract_id.currency_id", store=True, string="Currency"
    )
    overdue_days = fields.Integer(compute="_compute_overdue_days")
    crm_calendar_color = fields.Integer(
        string="Calendar Colour", compute="_compute_crm_calendar_color"
    )

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "Installments cannot be negative."),
        (
            "paid_range",
            "CHECK(paid_amount >= 0 AND paid_amount <= amount)",
            "The received amount of an installment is between 0 and its amount.",
        ),
    ]

    def init(self):
        res = super().init()
        # the lists' order (_order), so that a page is read off the index
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS crm_contract_installment_order_index"
            " ON crm_contract_installment (due_date, contract_id, sequence, id)"
        )
        return res

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("amount", "contract_id.amount_total")
    def _compute_percentage(self):
        for installment in self:
            total = installment.contract_id.amount_total
            installment.percentage = (
                installment.amount / total * 100.0 if total else 0.0
            )

    @api.depends("amount", "paid_amount")
    def _compute_residual_amount(self):
        for installment in self:
            installment.residual_amount = installment.amount - installment.paid_amount

    @api.depends(
        "amount", "paid_amount", "due_date", "is_cancelled", "contract_id.state"
    )
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for installment in self:
            rounding = (
                installment.currency_id or self.env.company.currency_id
            ).rounding
            paid = installment.paid_amount
            if installment.is_cancelled:
                state = "cancelled"
            elif installment.amount and (
                float_compare(paid, installment.amount, precision_rounding=rounding)
                >= 0
            ):
                state = "paid"
            elif (
                installment.due_date
                and installment.due_date < today
                and installment.contract_id.state in ("confirmed", "done")
            ):
                state = "overdue"
            elif not float_is_zero(paid, precision_rounding=rounding):
                state = "partial"
            else:
                state = "open"
            installment.state = state

    @api.depends("state")
    def _compute_crm_calendar_color(self):
        for installment in self:
            installment.crm_calendar_color = CALENDAR_COLORS.get(installment.state, 0)

    @api.depends_context("lang", "crm_installment_calendar")
    @api.depends(
        "name",
        "due_date",
        "residual_amount",
        "amount",
        "contract_id.name",
        "partner_id",
    )
    def _compute_display_name(self):
        """In pickers (receipt allocation): "HT2026-0001 · 第 1/12 期 ·
        2026年12月01日 · 待收 ¥ 1,000.00", in the reader's language. In the
        collection calendar (``crm_installment_calendar`` in the context, a
        presentation choice): "customer · ¥ amount" (what is still open, or the
        amount once paid)."""
        _ = self.env._
        for installment in self:
            # the names of what the installment shows anyway (its contract and
            # customer), also to a reader who does not read the contract
            record = installment.sudo()
            currency = record.currency_id or self.env.company.currency_id
            if not record.id:
                installment.display_name = record.name or ""
                continue
            if self.env.context.get("crm_installment_calendar"):
                amount = (
                    record.residual_amount
                    if record.state not in ("paid", "cancelled")
                    else record.amount
                )
                parts = [
                    record.partner_id.commercial_partner_id.name or "",
                    format_amount(self.env, amount, currency),
                ]
            else:
                if record.state == "paid":
                    status = _("Paid")
                elif record.state == "cancelled":
                    status = _("Cancelled")
                else:
                    status = _(
                        "Open %(amount)s",
                        amount=format_amount(
                            self.env, record.residual_amount, currency
                        ),
                    )
                parts = [
                    record.contract_id.name or "",
                    record.name or "",
                    crm_date_text(self.env, record.due_date),
                    status,
                ]
            installment.display_name = " · ".join(p for p in parts if p)

    def _compute_overdue_days(self):
        today = fields.Date.context_today(self)
        for installment in self:
            installment.overdue_days = (
                (today - installment.due_date).days
                if installment.state == "overdue"
                else 0
            )

    # ------------------------------------------------------------------
    # Constraints, CRUD
    # ------------------------------------------------------------------
    @api.constrains("due_date", "contract_id")
    def _check_due_date(self):
        for installment in self:
            signed = installment.contract_id.date_signed
            if signed and installment.due_date and installment.due_date < signed:
                raise ValidationError(
                    self.env._(
                        "The installment %(name)s is due on %(due)s, before the "
                        "contract was signed (%(signed)s).",
                        name=installment.name,
                        due=installment.due_date,
                        signed=signed,
                    )
                )

    @api.constrains("amount")
    def _check_amount(self):
        for installment in self:
            if installment.amount < 0:
                raise ValidationError(self.env._("Installments cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if (vals.get("amount") or 0.0) < 0:
                raise ValidationError(self.env._("Installments cannot be negative."))
        if not self.env.su:
            contracts = self.env["crm.contract"].browse(
                {vals["contract_id"] for vals in vals_list if vals.get("contract_id")}
            )
            self._crm_check_draft_plan(contracts)
        return super().create(vals_list)

    def write(self, vals):
        if (vals.get("amount") or 0.0) < 0:
            raise ValidationError(self.env._("Installments cannot be negative."))
        if not self.env.su:
            self._crm_check_user_write(vals)
        if "amount" in vals and self.filtered(
            lambda i: not float_is_zero(
                i.paid_amount, precision_rounding=i.currency_id.rounding
            )
            and float_compare(
                vals["amount"] or 0.0,
                i.paid_amount,
                precision_rounding=i.currency_id.rounding,
            )
            < 0
        ):
            raise ValidationError(
                self.env._("An installment cannot be less than what was received.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_paid(self):
        for installment in self:
            if not float_is_zero(
                installment.paid_amount,
                precision_rounding=installment.currency_id.rounding,
            ):
                raise UserError(
                    self.env._(
                        "The installment %(name)s has received payments: it cannot be "
                        "deleted.",
                        name=installment.name,
                    )
                )
        if not self.env.su:
            self._crm_check_draft_plan(self.contract_id)

    def _crm_check_draft_plan(self, contracts):
        """Installments are added, moved, deleted or change their amount on
        their own only while their contract is a draft; a confirmed plan
        changes through its contract (``crm.contract._crm_change_plan``),
        which keeps it adding up to the total."""
        if any(contract.state != "draft" for contract in contracts):
            raise UserError(
                self.env._(
                    "The payment plan of a confirmed contract changes from the "
                    "contract's Payment Plan tab, where it must still add up to the "
                    "contract total."
                )
            )

    def _crm_check_user_write(self, vals, plan_change=False):
        """What a user (not the suite's own code) may write on these
        installments: what their forms leave editable."""
        if not plan_change and {"amount", "contract_id"} & set(vals):
            contracts = self.contract_id
            if vals.get("contract_id"):
                contracts |= self.env["crm.contract"].browse(vals["contract_id"])
            self._crm_check_draft_plan(contracts)
        if "due_date" in vals and any(i.state in ("paid", "cancelled") for i in self):
            raise UserError(
                self.env._("Paid and cancelled installments keep their due date.")
            )

    # ------------------------------------------------------------------
    # Finance API
    # ------------------------------------------------------------------
    def _crm_apply_payment(self, amount):
        """Record ``amount`` (company currency, > 0) received on this
        installment. Refuses more than the outstanding amount, cancelled
        installments and contracts that are not confirmed. Drops the open
        reminders of an installment that becomes paid."""
        self.ensure_one()
        self.check_access("read")
        installment = self.sudo()
        currency = installment.currency_id
        if float_compare(amount, 0.0, precision_rounding=currency.rounding) <= 0:
            raise ValidationError(self.env._("A payment must be positive."))
        if installment.state == "cancelled" or installment.contract_state not in (
            "confirmed",
            "done",
        ):
            raise UserError(
                self.env._(
                    "The installment %(name)s of %(contract)s is not open for "
                    "payments.",
                    name=installment.name,
                    contract=installment.contract_id.name,
                )
            )
        paid = currency.round(installment.paid_amount + amount)
        if (
            float_compare(
                paid, installment.amount, precision_rounding=currency.rounding
            )
            > 0
        ):
            raise ValidationError(
                self.env._(
                    "%(amount)s is more than the %(residual)s still open on the "
                    "installment %(name)s of %(contract)s.",
                    amount=format_amount(self.env, amount, currency),
                    residual=format_amount(
                        self.env, installment.residual_amount, currency
                    ),
                    name=installment.name,
                    contract=installment.contract_id.name,
                )
            )
        installment.write({"paid_amount": paid})
        if installment.state == "paid":
            self.env["crm.reminder"]._crm_drop(installment)
        return True

    def _crm_revert_payment(self, amount):
        """Take back ``amount`` (> 0) recorded by ``_crm_apply_payment`` (e.g. a
        cancelled receipt); the received amount never goes below 0."""
        self.ensure_one()
        self.check_access("read")
        installment = self.sudo()
        currency = installment.currency_id
        if float_compare(amount, 0.0, precision_rounding=currency.rounding) <= 0:
            raise ValidationError(self.env._("A payment must be positive."))
        paid = currency.round(installment.paid_amount - amount)
        if float_compare(paid, 0.0, precision_rounding=currency.rounding) < 0:
            raise ValidationError(
                self.env._(
                    "Cannot take back %(amount)s: only %(paid)s was received on the "
                    "installment %(name)s of %(contract)s.",
                    amount=format_amount(self.env, amount, currency),
                    paid=format_amount(self.env, installment.paid_amount, currency),
                    name=installment.name,
                    contract=installment.contract_id.name,
                )
            )
        installment.write({"paid_amount": paid})
        return True

    def _crm_refresh_state(self):
        """Recompute the date-dependent state (open → overdue)."""
        self.modified(["due_date"])
        self.env.flush_all()
