from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, float_is_zero, format_amount, html_escape

from ..tools import amount_to_chinese_capital, split_equal, split_percentages

CREDIT_OVERRIDE_GROUP = "crm_sales_contract.crm_sales_contract_group_credit_override"
SALES_MANAGER_GROUP = "crm_masterdata.crm_masterdata_group_sales_manager"
APPROVAL_ACTIVITY = "crm_sales_contract.mail_activity_type_contract_approval"
STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("confirmed", "Confirmed"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]


class CrmContract(models.Model):
    _name = "crm.contract"
    _inherit = ["crm.scope.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Sales Contract"
    _order = "date_signed desc, id desc"
    _crm_scope_app = "sales"
    # changed only by the contract's own actions (with sudo(), after checks);
    # every stored field that no form lets a user edit
    _crm_protected_fields = (
        "name",
        "state",
        "approver_id",
        "approved_by_id",
        "approval_date",
        "approval_comment",
        "credit_override_reason",
        "cancel_reason",
        "was_confirmed",
        "date_confirmed",
        "currency_id",
        "amount_total",
        "amount_tax",
        "amount_untaxed",
        "cost_total",
        "margin",
        "amount_received",
        "amount_outstanding",
        "received_percent",
        "next_due_date",
        "has_overdue",
        "installment_count",
    )
    # the customer must be readable by whoever sets it
    _crm_link_access = {"partner_id": "read", "contact_id": "read"}

    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        index="trigram",
        tracking=True,
    )
    kind = fields.Selection(
        [("order", "Sales Order"), ("contract", "Contract")],
        required=True,
        default="contract",
        tracking=True,
    )
    title = fields.Char(string="Subject")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
        domain="[('crm_is_customer', '=', True), ('is_company', '=', True)]",
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Customer Contact",
        ondelete="set null",
        check_company=True,
        domain="[('parent_id', '=', partner_id), ('is_company', '=', False)]",
    )
    user_id = fields.Many2one(required=True, tracking=True)
    department_id = fields.Many2one(tracking=True)
    currency_id = fields.Many2one(
        "res.currency",
        related="company_id.currency_id",
        store=True,
        string="Currency",
    )
    state = fields.Selection(
        STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    date_signed = fields.Date(
        string="Signing Date",
        required=True,
        default=fields.Date.context_today,
        index=True,
        tracking=True,
    )
    date_start = fields.Date(string="Start Date")
    date_end = fields.Date(string="End Date", index=True, tracking=True)
    terms = fields.Html(string="Terms and Conditions")
    line_ids = fields.One2many(
        "crm.contract.line", "contract_id", string="Lines", copy=True
    )
    installment_ids = fields.One2many(
        "crm.contract.installment",
        "contract_id",
        string="Payment Plan",
        copy=False,
    )
    plan_template_id = fields.Many2one(
        "crm.contract.plan.template",
        string="Payment Plan Template",
        ondelete="set null",
        check_company=True,
    )
    # amounts (tax included, as Chinese SMBs quote them)
    amount_total = fields.Monetary(
        string="Total",
        compute="_compute_amounts",
        store=True,
        tracking=True,
        help="Tax included.",
    )
    amount_tax = fields.Monetary(string="Tax", compute="_compute_amounts", store=True)
    amount_untaxed = fields.Monetary(
        string="Untaxed Amount", compute="_compute_amounts", store=True
    )
    cost_total = fields.Monetary(string="Cost", compute="_compute_amounts", store=True)
    margin = fields.Monetary(compute="_compute_amounts", store=True)
    # collection (回款)
    amount_received = fields.Monetary(
        string="Received", compute="_compute_collection", store=True
    )
    amount_outstanding = fields.Monetary(
        string="Outstanding", compute="_compute_collection", store=True
    )
    received_percent = fields.Float(
        string="Received %",
        compute="_compute_collection",
        store=True,
        digits=(16, 2),
        aggregator="avg",
    )
    next_due_date = fields.Date(compute="_compute_collection", store=True)
    has_overdue = fields.Boolean(
        string="Overdue", compute="_compute_collection", store=True, index=True
    )
    installment_count = fields.Integer(compute="_compute_collection", store=True)
    # approval
    needs_approval = fields.Boolean(compute="_compute_needs_approval")
    approval_reason = fields.Text(compute="_compute_needs_approval")
    approver_id = fields.Many2one(
        "res.users", string="Approver", readonly=True, copy=False, ondelete="set null"
    )
    approved_by_id = fields.Many2one(
        "res.users",
        string="Approved By",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    crm_can_approve = fields.Boolean(
        string="Can Approve",
        compute="_compute_crm_can_approve",
        help="Whether the current user may approve or reject this contract: its "
        "approver or a sales administrator, while it waits for approval.",
    )
    approval_date = fields.Datetime(readonly=True, copy=False)
    approval_comment = fields.Text(readonly=True, copy=False, tracking=True)
    # credit and cancellation
    credit_override_reason = fields.Text(readonly=True, copy=False, tracking=True)
    cancel_reason = fields.Text(readonly=True, copy=False, tracking=True)
    was_confirmed = fields.Boolean(readonly=True, copy=False)
    date_confirmed = fields.Date(
        string="Confirmation Date", readonly=True, copy=False, index=True
    )
    amount_total_words = fields.Char(
        string="Total in Words", compute="_compute_amount_total_words"
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "The number of a contract must be unique per company.",
        ),
        (
            "dates_check",
            "CHECK(date_end IS NULL OR date_start IS NULL OR date_end >= date_start)",
            "A contract cannot end before it starts.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(
        "line_ids.price_subtotal", "line_ids.price_tax", "line_ids.cost_subtotal"
    )
    def _compute_amounts(self):
        for contract in self:
            lines = contract.line_ids
            total = sum(lines.mapped("price_subtotal"))
            tax = sum(lines.mapped("price_tax"))
            cost = sum(lines.mapped("cost_subtotal"))
            contract.amount_total = total
            contract.amount_tax = tax
            contract.amount_untaxed = total - tax
            contract.cost_total = cost
            contract.margin = contract.amount_untaxed - cost

    @api.depends(
        "amount_total",
        "installment_ids.amount",
        "installment_ids.paid_amount",
        "installment_ids.state",
        "installment_ids.due_date",
    )
    def _compute_collection(self):
        for contract in self:
            installments = contract.installment_ids
            received = sum(installments.mapped("paid_amount"))
            live = installments.filtered(lambda i: i.state != "cancelled")
            outstanding = sum(live.mapped("residual_amount"))
            contract.amount_received = received
            contract.amount_outstanding = outstanding
            contract.received_percent = (
                received / contract.amount_total * 100.0
                if contract.amount_total
                else 0.0
            )
            open_ones = live.filtered(lambda i: i.state != "paid")
            contract.next_due_date = min(open_ones.mapped("due_date"), default=False)
            contract.has_overdue = any(i.state == "overdue" for i in open_ones)
            contract.installment_count = len(installments)

    @api.depends(
        "line_ids.price_unit",
        "line_ids.discount",
        "line_ids.product_id",
        "amount_total",
        "company_id.crm_contract_approval_amount",
    )
    def _compute_needs_approval(self):
        for contract in self:
            reasons = contract._crm_approval_reasons()
            contract.needs_approval = bool(reasons)
            contract.approval_reason = "\n".join(reasons) or False

    @api.depends_context("uid")
    @api.depends("state", "approver_id")
    def _compute_crm_can_approve(self):
        for contract in self:
            contract.crm_can_approve = (
                contract.state == "to_approve" and contract._crm_can_approve()
            )

    @api.depends("amount_total")
    def _compute_amount_total_words(self):
        for contract in self:
            contract.amount_total_words = amount_to_chinese_capital(
                contract.amount_total
            )

    # ------------------------------------------------------------------
    # Onchange, constraints
    # ------------------------------------------------------------------
    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.contact_id and self.contact_id.parent_id != self.partner_id:
            self.contact_id = False

    @api.constrains("partner_id", "contact_id")
    def _check_contact(self):
        for contract in self:
            contact = contract.contact_id
            if contact and contact.commercial_partner_id != (
                contract.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "The contact %(contact)s does not belong to the customer "
                        "%(customer)s.",
                        contact=contact.display_name,
                        customer=contract.partner_id.display_name,
                    )
                )

    @api.constrains("date_signed", "date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if (
                contract.date_start
                and contract.date_end
                and contract.date_end < contract.date_start
            ):
                raise ValidationError(
                    self.env._("A contract cannot end before it starts.")
                )

    @api.constrains("state", "installment_ids")
    def _check_plan_total_constraint(self):
        self.filtered(
            lambda c: c.state in ("confirmed", "done")
        )._crm_check_plan_total()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # the number comes from the sequence, never from the caller
        if not self.env.su and any(
            vals.get("name") not in (None, False, "", "/") for vals in vals_list
        ):
            raise UserError(self._crm_protected_message({"name"}))
        Partner = self.env["res.partner"]
        for vals in vals_list:
            if vals.get("partner_id"):
                Partner.browse(vals["partner_id"])._crm_check_contract_customer()
            kind = vals.get("kind") or "contract"
            self._crm_set_number(vals, f"crm.contract.{kind}")
        return super().create(vals_list)

    @api.model
    def _crm_check_protected_create(self, vals_list):
        # the number was checked in create(), before the sequence gave it
        return super()._crm_check_protected_create(
            [{k: v for k, v in vals.items() if k != "name"} for vals in vals_list]
        )

    def write(self, vals):
        if vals.get("partner_id"):
            self.env["res.partner"].browse(
                vals["partner_id"]
            )._crm_check_contract_customer()
        locked = {"partner_id", "kind", "company_id", "line_ids"}
        if not self.env.su:
            # read-only in the form once the contract leaves the draft state
            locked |= {"contact_id", "date_signed", "plan_template_id"}
        if locked & set(vals) and self.filtered(lambda c: c.state != "draft"):
            raise UserError(
                self.env._(
                    "Only draft contracts can change their customer, contact, kind, "
                    "company, signing date, payment plan template or lines; reset "
                    "the contract to draft first."
                )
            )
        if (
            "installment_ids" in vals
            and not self.env.su
            and self.filtered(lambda c: c.state != "draft")
        ):
            vals = dict(vals)
            commands = vals.pop("installment_ids")
            res = super().write(vals) if vals else True
            for contract in self:
                contract._crm_change_plan(commands)
            return res
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        for contract in self:
            if contract.was_confirmed or contract.state not in ("draft", "cancelled"):
                raise UserError(
                    self.env._(
                        "The contract %(name)s was confirmed: it can be cancelled, "
                        "never deleted.",
                        name=contract.name,
                    )
                )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for vals in vals_list:
            vals.setdefault("name", "/")
        return vals_list

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        """Send a contract that needs approval to the owner's manager."""
        return self._crm_submit()

    def _crm_submit(self, override_reason=None):
        """Submit for approval; ``override_reason``: the reason of a credit
        override, given by a user of the credit override group (see
        ``_crm_override_credit``)."""
        self.ensure_one()
        self.check_access("write")
        if self.state != "draft":
            raise UserError(self.env._("Only draft contracts can be submitted."))
        self._crm_check_confirmable()
        if not self.needs_approval:
            raise UserError(
                self.env._("This contract needs no approval: confirm it directly.")
            )
        action = self._crm_check_credit("submit", override_reason=override_reason)
        if action:
            return action
        approver = self._crm_get_approver()
        values = {"state": "to_approve", "approver_id": approver.id}
        if not override_reason and self.credit_override_reason:
            # an override given for an earlier submission does not carry over
            values["credit_override_reason"] = False
        self.sudo().write(values)
        # stored for the approver: written in the approver's language
        contract = self.with_context(lang=approver._crm_lang())
        self.sudo().activity_schedule(
            APPROVAL_ACTIVITY,
            user_id=approver.id,
            summary=contract.env._("Approve %(name)s", name=self.name),
            note=Markup("<p>%s</p>") % "\n".join(contract._crm_approval_reasons()),
        )
        return self._crm_notify(
            self.env._(
                "%(name)s sent to %(approver)s for approval.",
                name=self.name,
                approver=approver.name,
            )
        )

    def action_confirm(self):
        return self._crm_action_confirm()

    def _crm_action_confirm(self, override_reason=None):
        """Confirm a draft contract that needs no approval, after the credit
        check (``override_reason``: see ``_crm_submit``)."""
        self.ensure_one()
        self.check_access("write")
        if self.state != "draft":
            raise UserError(self.env._("Only draft contracts can be confirmed."))
        self._crm_check_confirmable()
        if self.needs_approval:
            raise UserError(
                self.env._(
                    "This contract needs approval before it is confirmed:\n"
                    "%(reasons)s\nSubmit it for approval.",
                    reasons=self.approval_reason,
                )
            )
        action = self._crm_check_credit("confirm", override_reason=override_reason)
        if action:
            return action
        self._crm_confirm()
        return self._crm_notify(self.env._("%(name)s confirmed.", name=self.name))

    def _crm_override_credit(self, reason, next_step="confirm"):
        """Confirm (or submit) this contract although it fails the credit check,
        for ``reason``, logged on the contract. Only users of the credit
        override group; the reason is an argument, never read from a context."""
        self.ensure_one()
        if not self.env.user.has_group(CREDIT_OVERRIDE_GROUP):
            raise AccessError(
                self.env._("Only credit controllers can override a credit limit.")
            )
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the override."))
        if next_step == "submit":
            return self._crm_submit(override_reason=reason)
        return self._crm_action_confirm(override_reason=reason)

    def action_approve(self):
        return self._crm_open_approval_wizard("approve")

    def action_reject(self):
        return self._crm_open_approval_wizard("reject")

    def action_cancel(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel Contract"),
            "res_model": "crm.contract.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {"default_contract_id": self.id},
        }

    def action_done(self):
        self.check_access("write")
        for contract in self:
            if contract.state != "confirmed":
                raise UserError(
                    self.env._("Only confirmed contracts can be marked as done.")
                )
        self.sudo().write({"state": "done"})
        return self._crm_notify(
            self.env._(
                "%(names)s marked as done.", names=", ".join(self.mapped("name"))
            )
        )

    def action_draft(self):
        self.check_access("write")
        for contract in self:
            if contract.state not in ("to_approve", "cancelled") or (
                contract.state == "cancelled" and contract.was_confirmed
            ):
                raise UserError(
                    self.env._(
                        "Only contracts waiting for approval or cancelled before "
                        "their confirmation can be reset to draft."
                    )
                )
        self._crm_drop_approval_activities()
        self.sudo().write({"state": "draft", "approver_id": False})
        return self._crm_notify(
            self.env._(
                "%(names)s set back to draft.", names=", ".join(self.mapped("name"))
            )
        )

    def action_generate_plan(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Generate Payment Plan"),
            "res_model": "crm.contract.plan.generate",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_contract_id": self.id,
                "default_template_id": self.plan_template_id.id,
            },
        }

    def action_view_installments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_sales_contract.crm_contract_installment_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action

    def action_print(self):
        return self.env.ref(
            "crm_sales_contract.crm_contract_report_action"
        ).report_action(self)

    # ------------------------------------------------------------------
    # Business methods: checks
    # ------------------------------------------------------------------
    def _crm_check_confirmable(self):
        """Lines, prices, customer access and payment plan of a contract about
        to be confirmed or submitted (raises a translated error)."""
        for contract in self:
            contract.partner_id._crm_check_contract_customer()
            if not contract.line_ids:
                raise UserError(
                    self.env._(
                        "The contract %(name)s has no line: add what is sold first.",
                        name=contract.name,
                    )
                )
            if (
                float_compare(
                    contract.amount_total,
                    0.0,
                    precision_rounding=contract._crm_rounding(),
                )
                <= 0
            ):
                raise UserError(
                    self.env._(
                        "The total of the contract %(name)s must be positive.",
                        name=contract.name,
                    )
                )
            if not contract.installment_ids:
                contract._crm_generate_installments(count=1)
            contract._crm_check_plan_total()

    def _crm_rounding(self):
        return (self.currency_id or self.env.company.currency_id).rounding

    def _crm_change_plan(self, commands):
        """Change the payment plan of a confirmed contract (the plan list of
        its form, x2many ``commands``): installments added, changed or removed
        as long as the plan still adds up to the contract total. Received
        amounts and cancellations stay with the finance API and the
        cancellation. Installments on their own refuse these changes once the
        contract is confirmed: this is the only way (with sudo() after the
        checks)."""
        self.ensure_one()
        self.check_access("write")
        if self.state not in ("draft", "confirmed"):
            raise UserError(
                self.env._(
                    "The payment plan of %(name)s can only change while the contract "
                    "is a draft or confirmed.",
                    name=self.name,
                )
            )
        Installment = self.env["crm.contract.installment"]
        mine = set(self.installment_ids.ids)
        foreign = UserError(
            self.env._(
                "The payment plan of %(name)s can only change its own installments.",
                name=self.name,
            )
        )
        for command in commands:
            operation = command[0]
            vals = command[2] if len(command) > 2 and command[2] else {}
            if operation in (Command.CREATE, Command.UPDATE):
                if not isinstance(vals, dict):
                    raise foreign
                if vals.get("contract_id", self.id) != self.id:
                    raise foreign
            if operation == Command.CREATE:
                Installment._crm_check_protected_create([vals])
            elif operation == Command.UPDATE:
                if command[1] not in mine:
                    raise foreign
                installment = Installment.browse(command[1])
                installment._crm_check_protected_write(vals)
                installment._crm_check_user_write(vals, plan_change=True)
            elif operation in (Command.DELETE, Command.UNLINK):
                if command[1] not in mine:
                    raise foreign
            else:
                raise foreign
        self.sudo().write({"installment_ids": commands})
        if self.state == "confirmed":
            self._crm_check_plan_total()
            self.installment_ids.filtered(
                lambda i: i.state != "cancelled"
            )._crm_refresh_state()
        return True

    def _crm_check_plan_total(self):
        """The installments of a contract add up to its total, to the cent."""
        for contract in self:
            planned = sum(contract.installment_ids.mapped("amount"))
            if float_compare(
                planned,
                contract.amount_total,
                precision_rounding=contract._crm_rounding(),
            ):
                raise ValidationError(
                    self.env._(
                        "The payment plan of %(name)s adds up to %(planned)s but the "
                        "contract total is %(total)s: the installments must add up "
                        "exactly to the total.",
                        name=contract.name,
                        planned=format_amount(self.env, planned, contract.currency_id),
                        total=format_amount(
                            self.env, contract.amount_total, contract.currency_id
                        ),
                    )
                )

    def _crm_approval_reasons(self):
        """Why this contract needs the approval of the owner's manager (list of
        translated sentences, empty when it needs none)."""
        self.ensure_one()
        reasons = []
        has_floor = "crm_floor_price" in self.env["product.template"]._fields
        for line in self.line_ids:
            floor = line.product_id.product_tmpl_id.crm_floor_price if has_floor else 0
            if (
                floor
                and float_compare(
                    line.price_net, floor, precision_rounding=self._crm_rounding()
                )
                < 0
            ):
                reasons.append(
                    self.env._(
                        "%(product)s is sold at %(price)s, below its floor price "
                        "%(floor)s.",
                        product=line.product_id.display_name,
                        price=format_amount(self.env, line.price_net, self.currency_id),
                        floor=format_amount(self.env, floor, self.currency_id),
                    )
                )
        threshold = self.company_id.crm_contract_approval_amount
        if (
            threshold
            and float_compare(
                self.amount_total, threshold, precision_rounding=self._crm_rounding()
            )
            > 0
        ):
            reasons.append(
                self.env._(
                    "The total %(total)s is above %(threshold)s.",
                    total=format_amount(self.env, self.amount_total, self.currency_id),
                    threshold=format_amount(self.env, threshold, self.currency_id),
                )
            )
        return reasons

    def _crm_get_manager(self):
        """The owner's manager: the manager of the contract's department, or
        the owner's manager in the employee tree (never the owner)."""
        self.ensure_one()
        owner = self.user_id
        manager = self.sudo().department_id.manager_id.user_id
        if not manager or manager == owner:
            employee = (
                owner.sudo().employee_ids.filtered(
                    lambda e: e.company_id == self.company_id
                )[:1]
                or owner.sudo().employee_ids[:1]
            )
            manager = employee.parent_id.user_id
            if not manager or manager == owner:
                manager = employee.department_id.parent_id.manager_id.user_id
        if manager == owner:
            manager = self.env["res.users"]
        return manager

    def _crm_get_approver(self):
        approver = self._crm_get_manager()
        if not approver:
            approver = (
                self.env.ref(SALES_MANAGER_GROUP)
                .sudo()
                .users.filtered(
                    lambda u: not u._is_superuser()
                    and u.active
                    and self.company_id in u.company_ids
                    and u != self.user_id
                )[:1]
            )
        if not approver:
            raise UserError(
                self.env._(
                    "Nobody can approve this contract: give the owner's department a "
                    "manager or the owner's employee a manager."
                )
            )
        return approver

    def _crm_can_approve(self):
        self.ensure_one()
        user = self.env.user
        return user == self.approver_id or user.has_group(SALES_MANAGER_GROUP)

    def _crm_approval_open(self, decision):
        """待我审批 interface (models/mail_activity.py): the approval wizard
        for ``decision`` ("approve" or "reject"), after the same checks as the
        form's buttons."""
        return self._crm_open_approval_wizard(decision)

    # ------------------------------------------------------------------
    # Business methods: credit control
    # ------------------------------------------------------------------
    def _crm_credit_problem(self):
        """A translated explanation with the figures when confirming this
        contract breaks the customer's credit policy, else ``False``:

        - ``none`` (no credit check): only the overdue hold below applies;
        - ``limit``: the open receivable of the customer plus this contract
          may not exceed the credit limit; a limit of 0 means no credit at all
          (any amount is over it);
        - ``cash`` (cash only, 款到发货: paid before delivery): the customer
          may owe nothing on its other contracts, and every installment of
          this contract is due on signing (paid before the goods leave).

        For every policy, an installment overdue for more than the company's
        credit hold days (``crm_credit_hold_days``, 0: no hold) holds new
        contracts."""
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id.sudo()
        company = self.company_id
        currency = self.currency_id
        problems = []
        policy = partner.crm_credit_policy or "none"
        if policy == "limit":
            limit = partner.crm_credit_limit
            receivable = partner._crm_open_receivable(company=company)
            exposure = receivable + self.amount_total
            if float_compare(exposure, limit, precision_rounding=currency.rounding) > 0:
                if float_is_zero(limit, precision_rounding=currency.rounding):
                    problems.append(
                        self.env._(
                            "%(customer)s has no credit (credit limit 0): open "
                            "receivables %(receivable)s + this contract %(total)s "
                            "= %(exposure)s. Ask for payment first or set another "
                            "credit policy.",
                            customer=partner.display_name,
                            receivable=format_amount(self.env, receivable, currency),
                            total=format_amount(self.env, self.amount_total, currency),
                            exposure=format_amount(self.env, exposure, currency),
                        )
                    )
                else:
                    problems.append(
                        self.env._(
                            "Credit limit of %(customer)s: %(limit)s. Open "
                            "receivables: %(receivable)s + this contract: %(total)s "
                            "= %(exposure)s, %(excess)s over the limit.",
                            customer=partner.display_name,
                            limit=format_amount(self.env, limit, currency),
                            receivable=format_amount(self.env, receivable, currency),
                            total=format_amount(self.env, self.amount_total, currency),
                            exposure=format_amount(self.env, exposure, currency),
                            excess=format_amount(self.env, exposure - limit, currency),
                        )
                    )
        elif policy == "cash":
            receivable = partner._crm_open_receivable(company=company)
            if not float_is_zero(receivable, precision_rounding=currency.rounding):
                problems.append(
                    self.env._(
                        "%(customer)s pays cash only (paid before delivery) and "
                        "still owes %(receivable)s on other contracts: collect it "
                        "before confirming a new contract.",
                        customer=partner.display_name,
                        receivable=format_amount(self.env, receivable, currency),
                    )
                )
            later = self.installment_ids.filtered(
                lambda i: not i.is_cancelled and i.trigger != "signing"
            )
            if later:
                problems.append(
                    self.env._(
                        "%(customer)s pays cash only (paid before delivery): every "
                        "installment must be due on signing; change the trigger of "
                        "%(installments)s.",
                        customer=partner.display_name,
                        installments=", ".join(later.mapped("name")),
                    )
                )
        hold_days = company.crm_credit_hold_days
        if hold_days > 0:
            overdue = partner._crm_overdue_installments(hold_days, company=company)
            if overdue:
                problems.append(
                    self.env._(
                        "%(customer)s has %(count)s installment(s) overdue for more "
                        "than %(days)s days (%(amount)s, oldest due on %(date)s).",
                        customer=partner.display_name,
                        count=len(overdue),
                        days=hold_days,
                        amount=format_amount(
                            self.env, sum(overdue.mapped("residual_amount")), currency
                        ),
                        date=overdue[0].due_date,
                    )
                )
        return "\n".join(problems) or False

    def _crm_check_credit(self, next_step, override_reason=None):
        """Refuse (UserError with the figures) when the contract exceeds the
        customer's credit; users of the credit override group get a wizard
        asking for a reason instead, and pass that reason here as
        ``override_reason`` (checked against the group again: a reason alone
        is no permission). Returns the wizard's action or None."""
        self.ensure_one()
        problem = self._crm_credit_problem()
        if not problem:
            return None
        can_override = self.env.user.has_group(CREDIT_OVERRIDE_GROUP)
        reason = (override_reason or "").strip()
        if can_override and reason:
            self.sudo().credit_override_reason = reason
            # read by everyone who opens the contract: the company's language
            company = self.with_context(lang=self.company_id._crm_lang())
            self.message_post(
                body=Markup("<p>%s</p><p>%s</p><p>%s</p>")
                % (
                    company.env._("Credit limit overridden by %s.", self.env.user.name),
                    company._crm_credit_problem(),
                    company.env._("Reason: %s", reason),
                ),
            )
            return None
        if can_override:
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Credit Limit Exceeded"),
                "res_model": "crm.contract.credit.override",
                "view_mode": "form",
                "target": "new",
                "context": {
                    "default_contract_id": self.id,
                    "default_next_step": next_step,
                    "default_problem": problem,
                },
            }
        raise UserError(
            self.env._(
                "Credit check failed for %(name)s:\n%(problem)s",
                name=self.name,
                problem=problem,
            )
        )

    # ------------------------------------------------------------------
    # Business methods: state changes
    # ------------------------------------------------------------------
    def _crm_confirm(self):
        """Confirm (callers checked the contract, the credit and the user's
        right): a confirmed contract counts as a follow-up of its customer."""
        self.sudo().write(
            {
                "state": "confirmed",
                "was_confirmed": True,
                "date_confirmed": fields.Date.context_today(self),
            }
        )
        self.installment_ids.filtered(
            lambda i: i.state != "cancelled"
        )._crm_refresh_state()
        self.partner_id.commercial_partner_id.sudo()._crm_touch_followup()

    def _crm_open_approval_wizard(self, decision):
        self.ensure_one()
        if self.state != "to_approve":
            raise UserError(self.env._("This contract is not waiting for approval."))
        if not self._crm_can_approve():
            raise AccessError(
                self.env._(
                    "Only %(approver)s or a sales administrator can approve "
                    "or reject this contract.",
                    approver=self.approver_id.name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Approve Contract")
            if decision == "approve"
            else self.env._("Reject Contract"),
            "res_model": "crm.contract.approve",
            "view_mode": "form",
            "target": "new",
            "context": {"default_contract_id": self.id, "default_decision": decision},
        }

    def _crm_approve(self, comment=False):
        """Approve and confirm (by the approver or a sales administrator)."""
        self.ensure_one()
        self.check_access("read")
        if self.state != "to_approve":
            raise UserError(self.env._("This contract is not waiting for approval."))
        if not self._crm_can_approve():
            raise AccessError(
                self.env._(
                    "Only %(approver)s or a sales administrator can approve "
                    "this contract.",
                    approver=self.approver_id.name,
                )
            )
        self._crm_check_confirmable()
        if not self.credit_override_reason:
            problem = self._crm_credit_problem()
            if problem:
                raise UserError(problem)
        contract = self.sudo()
        contract.write(
            {
                "approved_by_id": self.env.user.id,
                "approval_date": fields.Datetime.now(),
                "approval_comment": comment or False,
            }
        )
        contract._crm_drop_approval_activities(feedback=comment)
        contract._crm_confirm()
        owner_env = self.with_context(lang=contract.user_id._crm_lang()).env
        contract.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=contract.user_id.id,
            summary=owner_env._("%(name)s approved", name=contract.name),
            note=comment and html_escape(comment) or False,
        )
        return self._crm_notify(
            self.env._("%(name)s approved and confirmed.", name=self.name), close=True
        )

    def _crm_reject(self, comment):
        self.ensure_one()
        self.check_access("read")
        if self.state != "to_approve":
            raise UserError(self.env._("This contract is not waiting for approval."))
        if not self._crm_can_approve():
            raise AccessError(
                self.env._(
                    "Only %(approver)s or a sales administrator can reject "
                    "this contract.",
                    approver=self.approver_id.name,
                )
            )
        if not comment:
            raise UserError(self.env._("Say why the contract is rejected."))
        contract = self.sudo()
        contract._crm_drop_approval_activities(feedback=comment)
        contract.write({"state": "draft", "approval_comment": comment})
        owner_env = self.with_context(lang=contract.user_id._crm_lang()).env
        contract.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=contract.user_id.id,
            summary=owner_env._("%(name)s rejected", name=contract.name),
            note=html_escape(comment),
        )
        return self._crm_notify(
            self.env._("%(name)s rejected: back to draft.", name=self.name),
            close=True,
        )

    def _crm_drop_approval_activities(self, feedback=None):
        activities = self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(APPROVAL_ACTIVITY)
        )
        if feedback is not None and activities:
            activities.action_feedback(feedback=feedback or "")
        else:
            activities.unlink()

    def _crm_cancel(self, reason):
        """Cancel with a reason: open installments are cancelled and their
        reminders dropped; nothing is deleted."""
        if not reason or not reason.strip():
            raise UserError(self.env._("Give the reason of the cancellation."))
        self.check_access("write")
        for contract in self:
            if contract.state in ("cancelled", "done"):
                raise UserError(
                    self.env._(
                        "The contract %(name)s is %(state)s and cannot be cancelled.",
                        name=contract.name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[contract.state],
                    )
                )
        open_installments = self.installment_ids.filtered(
            lambda i: i.state not in ("paid", "cancelled")
        )
        self._crm_drop_approval_activities()
        self.sudo().write({"state": "cancelled", "cancel_reason": reason})
        open_installments.sudo().write({"is_cancelled": True})
        self.env["crm.reminder"]._crm_drop(open_installments)
        self.env["crm.reminder"]._crm_drop(self)
        company_env = self.with_context(lang=self.company_id[:1]._crm_lang()).env
        for contract in self:
            contract.message_post(
                body=company_env._("Cancelled: %s", reason),
            )
        return self._crm_notify(
            self.env._("%(names)s cancelled.", names=", ".join(self.mapped("name"))),
            close=True,
        )

    # ------------------------------------------------------------------
    # Business methods: payment plan
    # ------------------------------------------------------------------
    def _crm_default_due_date(self, days=0):
        self.ensure_one()
        days = days or self.partner_id.commercial_partner_id.sudo().crm_receivable_days
        return self.date_signed + timedelta(days=days or 0)

    def _crm_generate_installments(self, template=None, count=None, interval_days=30):
        """Replace the payment plan with the installments of ``template`` or
        ``count`` equal installments (one every ``interval_days`` days after the
        first due date); amounts add up exactly to the total."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(
                self.env._(
                    "Only the payment plan of a draft contract can be generated."
                )
            )
        if isinstance(template, int):
            template = self.env["crm.contract.plan.template"].browse(template)
        rounding = self._crm_rounding()
        total = self.amount_total
        vals_list = []
        if template:
            lines = template.line_ids
            amounts = split_percentages(total, lines.mapped("percentage"), rounding)
            for seq, (line, amount) in enumerate(zip(lines, amounts, strict=True), 1):
                vals_list.append(
                    {
                        "sequence": seq * 10,
                        "name": line.name,
                        "amount": amount,
                        "trigger": line.trigger,
                        "due_date": self._crm_default_due_date(line.days),
                    }
                )
        else:
            count = count or 1
            if count < 1:
                raise UserError(self.env._("At least one installment is needed."))
            first = self._crm_default_due_date()
            company_env = self.with_context(lang=self.company_id._crm_lang()).env
            for seq, amount in enumerate(split_equal(total, count, rounding), 1):
                vals_list.append(
                    {
                        "sequence": seq * 10,
                        # stored, so written in the company's language
                        "name": company_env._(
                            "Installment %(index)s/%(count)s", index=seq, count=count
                        ),
                        "amount": amount,
                        "due_date": first + timedelta(days=interval_days * (seq - 1)),
                    }
                )
        commands = [fields.Command.delete(i.id) for i in self.installment_ids]
        commands += [fields.Command.create(vals) for vals in vals_list]
        self.write(
            {"installment_ids": commands, "plan_template_id": template and template.id}
        )
        return self.installment_ids
