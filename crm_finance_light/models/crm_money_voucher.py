from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_compare, format_amount

VOUCHER_STATES = [
    ("draft", "Draft"),
    ("confirmed", "Confirmed"),
    ("cancelled", "Cancelled"),
]
# what a confirmed or cancelled voucher never changes
LOCKED_FIELDS = {
    "partner_id",
    "date",
    "amount",
    "payment_method_id",
    "reference",
    "company_id",
    "user_id",
    "state",
    "date_cancelled",
    "was_confirmed",
}


def without_keys(vals_list, keys):
    """``vals_list`` without ``keys``: for ``_crm_check_protected_create``, of
    the fields that ``create`` checks itself (the number, before the sequence
    gives it; the parent of a line, set by its document's one2many)."""
    return [{k: v for k, v in vals.items() if k not in keys} for vals in vals_list]


def check_number_vals(model, vals_list):
    """A document's number comes from its sequence: a caller other than the
    suite's own code (``env.su``) may not bring one."""
    if model.env.su:
        return
    for vals in vals_list:
        if vals.get("name") not in (None, False, "", "/"):
            raise UserError(model._crm_protected_message({"name"}))


def check_number_write(records, vals):
    """A document's number is never rewritten, except by the suite's own code."""
    if "name" in vals and not records.env.su:
        raise UserError(records._crm_protected_message({"name"}))


def lock_rows(records):
    """Lock the rows of ``records`` (``SELECT ... FOR UPDATE``, in id order so
    that two transactions never deadlock) and drop their cached values, so that
    what is read next is what the database holds now."""
    if not records:
        return
    records.flush_recordset()
    records.env.execute_query(
        SQL(
            "SELECT id FROM %s WHERE id IN %s ORDER BY id FOR UPDATE",
            SQL.identifier(records._table),
            tuple(sorted(records.ids)),
        )
    )
    records.invalidate_recordset()


class CrmMoneyVoucher(models.AbstractModel):
    """Money received or paid (收款单, 付款单), allocated to what it settles.

    A concrete voucher declares its allocation model and field, and the open
    items (installments, supplier bills) it may settle. Draft vouchers can be
    changed and their allocations are only planned; confirming applies the
    allocations; a confirmed voucher is never edited or deleted, only cancelled,
    which takes its allocations back exactly. What is not allocated stays as an
    advance of the partner, to be allocated later.
    """

    _name = "crm.money.voucher"
    _inherit = ["crm.scope.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Money Voucher"
    _order = "date desc, id desc"

    _crm_allocation_field = "allocation_ids"
    _crm_sequence_code = None
    # changed only by the voucher's own actions (confirm, cancel) and computes;
    # the number and the LOCKED_FIELDS of a confirmed voucher are refused in
    # create/write below, whatever the context
    _crm_protected_fields = (
        "name",
        "state",
        "was_confirmed",
        "date_cancelled",
        "cancel_reason",
        "allocated_amount",
        "unallocated_amount",
        "department_id",
        "currency_id",
    )
    # the model of the items a voucher pays (installments, supplier bills)
    _crm_target_model = None

    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        index="trigram",
    )
    date = fields.Date(
        required=True, default=fields.Date.context_today, index=True, tracking=True
    )
    amount = fields.Monetary(required=True, tracking=True)
    currency_id = fields.Many2one(
        "res.currency",
        related="company_id.currency_id",
        store=True,
        string="Currency",
    )
    payment_method_id = fields.Many2one(
        "crm.payment.method",
        string="Payment Method",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    reference = fields.Char(
        string="Bank Reference",
        tracking=True,
        help="Bank transaction number, WeChat or Alipay order number, cheque number.",
    )
    note = fields.Text(string="Notes")
    state = fields.Selection(
        VOUCHER_STATES,
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    was_confirmed = fields.Boolean(readonly=True, copy=False)
    date_cancelled = fields.Date(string="Cancelled On", readonly=True, copy=False)
    cancel_reason = fields.Text(readonly=True, copy=False, tracking=True)

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "The amount must be positive."),
    ]

    # ------------------------------------------------------------------
    # Constraints, CRUD
    # ------------------------------------------------------------------
    @api.constrains("amount")
    def _check_amount_positive(self):
        for voucher in self:
            if (
                float_compare(
                    voucher.amount, 0.0, precision_rounding=voucher._crm_rounding()
                )
                <= 0
            ):
                raise ValidationError(
                    self.env._(
                        "The amount of %(name)s must be positive.", name=voucher.name
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        check_number_vals(self, vals_list)
        for vals in vals_list:
            if vals.get("state", "draft") != "draft":
                raise UserError(self.env._("A voucher is created as a draft."))
            self._crm_set_number(vals, self._crm_sequence_code)
        return super().create(vals_list)

    @api.model
    def _crm_check_protected_create(self, vals_list):
        # the number was checked in create(), before the sequence gave it
        return super()._crm_check_protected_create(without_keys(vals_list, {"name"}))

    def write(self, vals):
        # only the voucher's own actions (env.su) change a confirmed voucher;
        # no context key lifts this
        check_number_write(self, vals)
        if not self.env.su:
            locked = LOCKED_FIELDS & set(vals)
            if locked and self.filtered(lambda v: v.state != "draft"):
                raise UserError(
                    self.env._(
                        "A confirmed or cancelled voucher cannot be changed "
                        "(%(fields)s); cancel it and record a new one.",
                        fields=", ".join(
                            self._fields[f].get_description(self.env)["string"]
                            for f in sorted(locked)
                        ),
                    )
                )
        res = super().write(vals)
        if "amount" in vals:
            self._crm_check_allocated()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        for voucher in self:
            if voucher.state != "draft":
                raise UserError(
                    self.env._(
                        "%(name)s was confirmed: it can be cancelled, never deleted.",
                        name=voucher.name,
                    )
                )
            if voucher[self._crm_allocation_field]:
                raise UserError(
                    self.env._(
                        "%(name)s has allocations: remove them before deleting it.",
                        name=voucher.name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_confirm(self):
        self.check_access("write")
        for voucher in self:
            if voucher.state != "draft":
                raise UserError(
                    self.env._(
                        "Only draft vouchers can be confirmed (%(name)s).",
                        name=voucher.name,
                    )
                )
        self._crm_lock()
        self.sudo().write({"state": "confirmed", "was_confirmed": True})
        self._crm_allocations()._crm_apply()
        self._crm_check_allocated()
        return self._crm_notify(self._crm_done_message("confirmed"))

    def action_auto_allocate(self):
        """Allocate what is left of the voucher to the partner's open items,
        oldest due first."""
        self.ensure_one()
        self.check_access("write")
        if self.state == "cancelled":
            raise UserError(self.env._("A cancelled voucher cannot be allocated."))
        if self.state == "confirmed":
            self._crm_lock()
        rounding = self._crm_rounding()
        remaining = self.unallocated_amount
        if float_compare(remaining, 0.0, precision_rounding=rounding) <= 0:
            raise UserError(
                self.env._("%(name)s is fully allocated already.", name=self.name)
            )
        targets = self._crm_open_targets()
        if self.state == "confirmed":
            lock_rows(targets)
            targets = targets.filtered(lambda t: t.residual_amount > 0)
        allocations = self._crm_allocations()
        target_field = allocations._crm_target_field
        planned = {}
        for allocation in allocations.filtered(lambda a: not a.applied):
            target = allocation[target_field]
            planned[target.id] = planned.get(target.id, 0.0) + allocation.amount
        vals_list = []
        for target in targets:
            open_amount = self.currency_id.round(
                target.residual_amount - planned.get(target.id, 0.0)
            )
            if float_compare(open_amount, 0.0, precision_rounding=rounding) <= 0:
                continue
            amount = min(open_amount, remaining)
            vals_list.append(
                {
                    allocations._crm_voucher_field: self.id,
                    target_field: target.id,
                    "amount": amount,
                }
            )
            remaining = self.currency_id.round(remaining - amount)
            if float_compare(remaining, 0.0, precision_rounding=rounding) <= 0:
                break
        if not vals_list:
            raise UserError(
                self.env._(
                    "%(partner)s has nothing open to allocate %(name)s to: the amount "
                    "stays as an advance.",
                    partner=self.partner_id.display_name,
                    name=self.name,
                )
            )
        self.env[allocations._name].create(vals_list)
        allocated = self.currency_id.round(sum(v["amount"] for v in vals_list))
        return self._crm_notify(self._crm_allocated_message(allocated, len(vals_list)))

    def action_cancel(self):
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel %s", self.name),
            "res_model": "crm.voucher.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_res_model": self._name,
                "default_res_id": self.id,
            },
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _crm_done_message(self, what):
        """The notification after confirming (``what``: ``confirmed``) or
        cancelling (``cancelled``) these vouchers, in the user's language."""
        _ = self.env._
        if len(self) == 1:
            if what == "cancelled":
                return _("%(name)s cancelled.", name=self.name)
            return _("%(name)s confirmed.", name=self.name)
        if what == "cancelled":
            return _("%(count)s documents cancelled.", count=len(self))
        return _("%(count)s documents confirmed.", count=len(self))

    def _crm_allocated_message(self, amount, count):
        """The notification after an automatic allocation of ``amount`` to
        ``count`` open items."""
        raise NotImplementedError()

    def _crm_rounding(self):
        return (self.currency_id or self.env.company.currency_id).rounding

    def _crm_allocations(self):
        return self[self._crm_allocation_field]

    def _crm_lock(self):
        lock_rows(self)

    def _crm_open_targets(self):
        """The partner's open items (of the partner's company and its
        contacts, in this voucher's company), oldest due first."""
        self.ensure_one()
        Target = self.env[self._crm_target_model].sudo()
        return Target.search(
            [
                ("partner_id", "child_of", self.partner_id.commercial_partner_id.id),
                ("company_id", "=", self.company_id.id),
            ]
            + self._crm_open_target_domain(),
            order="due_date, id",
        ).with_env(self.env)

    def _crm_open_target_domain(self):
        """What makes an item of ``_crm_target_model`` open."""
        raise NotImplementedError()

    def _crm_check_allocated(self):
        """A voucher never allocates more than its amount."""
        for voucher in self:
            allocated = sum(voucher._crm_allocations().mapped("amount"))
            if (
                float_compare(
                    allocated,
                    voucher.amount,
                    precision_rounding=voucher._crm_rounding(),
                )
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s allocates %(allocated)s but its amount is only "
                        "%(amount)s.",
                        name=voucher.name,
                        allocated=format_amount(
                            self.env, allocated, voucher.currency_id
                        ),
                        amount=format_amount(
                            self.env, voucher.amount, voucher.currency_id
                        ),
                    )
                )

    def _crm_cancel(self, reason):
        """Cancel with a reason; the applied allocations are taken back."""
        if not reason or not reason.strip():
            raise UserError(self.env._("Give the reason of the cancellation."))
        self.check_access("write")
        for voucher in self:
            if voucher.state == "cancelled":
                raise UserError(
                    self.env._("%(name)s is cancelled already.", name=voucher.name)
                )
        self._crm_lock()
        self._crm_allocations()._crm_revert()
        self.sudo().write(
            {
                "state": "cancelled",
                "date_cancelled": fields.Date.context_today(self),
                "cancel_reason": reason,
            }
        )
        return True

    def _crm_compute_allocated(self):
        """Allocated amount, and what is left (the advance; nothing is left of
        a cancelled voucher). Called by the concrete models' computes."""
        for voucher in self:
            allocated = sum(voucher._crm_allocations().mapped("amount"))
            voucher.allocated_amount = allocated
            voucher.unallocated_amount = (
                0.0 if voucher.state == "cancelled" else voucher.amount - allocated
            )


class CrmMoneyAllocation(models.AbstractModel):
    """The part of a voucher that settles one open item."""

    _name = "crm.money.allocation"
    _inherit = ["crm.protected.mixin"]
    _description = "Money Allocation"
    _order = "id"

    _crm_voucher_field = None
    _crm_target_field = None
    # set by confirming the voucher, cleared by cancelling it
    _crm_protected_fields = ("applied",)

    currency_id = fields.Many2one("res.currency", string="Currency")
    amount = fields.Monetary(required=True)
    applied = fields.Boolean(
        readonly=True,
        copy=False,
        help="Set when the amount was recorded on the item it settles (when the "
        "voucher was confirmed); cancelling the voucher takes it back.",
    )

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK(amount > 0)",
            "An allocated amount must be positive.",
        ),
    ]

    def _crm_voucher(self):
        return self[self._crm_voucher_field]

    def _crm_target(self):
        return self[self._crm_target_field]

    @api.model_create_multi
    def create(self, vals_list):
        allocations = super().create(vals_list)
        allocations._crm_check_allocation()
        vouchers = allocations._crm_voucher()
        allocations.filtered(
            lambda a: a._crm_voucher().state == "confirmed"
        )._crm_apply()
        vouchers._crm_check_allocated()
        return allocations

    @api.model
    def _crm_check_protected_create(self, vals_list):
        # the voucher is set by its allocation lines (checked: _crm_link_access)
        return super()._crm_check_protected_create(
            without_keys(vals_list, {self._crm_voucher_field})
        )

    def write(self, vals):
        keys = {"amount", self._crm_voucher_field, self._crm_target_field, "applied"}
        if keys & set(vals) and not self.env.su:
            if self.filtered(lambda a: a.applied or a._crm_voucher().state != "draft"):
                raise UserError(
                    self.env._(
                        "An allocation of a confirmed voucher cannot be changed: "
                        "cancel the voucher and record a new one."
                    )
                )
        res = super().write(vals)
        if keys & set(vals):
            self._crm_check_allocation()
            self._crm_voucher()._crm_check_allocated()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_applied(self):
        if self.filtered(lambda a: a.applied or a._crm_voucher().state != "draft"):
            raise UserError(
                self.env._(
                    "An allocation of a confirmed voucher cannot be deleted: cancel "
                    "the voucher instead."
                )
            )

    def _crm_check_allocation(self):
        for allocation in self:
            voucher = allocation._crm_voucher()
            target = allocation._crm_target().sudo()
            rounding = voucher._crm_rounding()
            if float_compare(allocation.amount, 0.0, precision_rounding=rounding) <= 0:
                raise ValidationError(
                    self.env._("An allocated amount must be positive.")
                )
            if voucher.state == "cancelled":
                raise UserError(
                    self.env._(
                        "%(name)s is cancelled: it cannot be allocated.",
                        name=voucher.name,
                    )
                )
            if (
                target.partner_id.commercial_partner_id
                != voucher.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(item)s is not an item of %(partner)s.",
                        item=target.display_name,
                        partner=voucher.partner_id.display_name,
                    )
                )
            if target.company_id != voucher.company_id:
                raise ValidationError(
                    self.env._(
                        "%(item)s belongs to another company.",
                        item=target.display_name,
                    )
                )
            if not allocation.applied and (
                float_compare(
                    allocation.amount,
                    target.residual_amount,
                    precision_rounding=rounding,
                )
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "%(amount)s is more than the %(residual)s still open on "
                        "%(item)s.",
                        amount=format_amount(
                            self.env, allocation.amount, voucher.currency_id
                        ),
                        residual=format_amount(
                            self.env, target.residual_amount, voucher.currency_id
                        ),
                        item=target.display_name,
                    )
                )

    def _crm_apply(self):
        """Record the allocations on the items they settle. The items' rows are
        locked first, so that two people allocating the same item at the same
        time never settle more than what is open: the second one waits, then
        sees what the first one recorded (or is refused by the database's
        serialisation check and retried by Odoo)."""
        todo = self.filtered(lambda a: not a.applied)
        if not todo:
            return
        lock_rows(todo._crm_voucher())
        targets = todo._crm_target()
        lock_rows(targets.sudo())
        for allocation in todo.sorted("id"):
            target = allocation._crm_target()
            voucher = allocation._crm_voucher()
            if (
                float_compare(
                    allocation.amount,
                    target.sudo().residual_amount,
                    precision_rounding=voucher._crm_rounding(),
                )
                > 0
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s: %(amount)s is more than the %(residual)s still "
                        "open on %(item)s.",
                        name=voucher.name,
                        amount=format_amount(
                            self.env, allocation.amount, voucher.currency_id
                        ),
                        residual=format_amount(
                            self.env, target.sudo().residual_amount, voucher.currency_id
                        ),
                        item=target.sudo().display_name,
                    )
                )
            target._crm_apply_payment(allocation.amount)
        todo.sudo().write({"applied": True})

    def _crm_revert(self):
        """Take back the applied allocations, exactly."""
        done = self.filtered("applied")
        if not done:
            return
        lock_rows(done._crm_target().sudo())
        for allocation in done.sorted("id"):
            allocation._crm_target()._crm_revert_payment(allocation.amount)
        done.sudo().write({"applied": False})
