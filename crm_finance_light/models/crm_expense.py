from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, format_amount

from .crm_money_voucher import (
    check_number_vals,
    check_number_write,
    without_keys,
)

APPROVAL_ACTIVITY = "crm_finance_light.mail_activity_type_expense_approval"
FINANCE_MANAGER_GROUP = "crm_finance_light.crm_finance_light_group_manager"
FINANCE_GROUP = "crm_finance_light.crm_finance_light_group_own"
EXPENSE_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("paid", "Paid"),
    ("rejected", "Rejected"),
]
# what changes only while an expense is a draft (or rejected, before resubmitting)
LOCKED_FIELDS = {
    "description",
    "date",
    "category_id",
    "amount",
    "payee_type",
    "payee_partner_id",
    "payee_employee_id",
    "payee_name",
    "contract_id",
    "partner_id",
    "user_id",
    "company_id",
    "state",
    "approver_id",
}


class CrmExpense(models.Model):
    """费用单: money spent for the business (travel, entertainment, a
    purchase...), approved by the owner's manager and paid by finance.

    Scope: the owner's sales scope (salespeople read their own expenses,
    managers those of their scope) plus the approver; finance staff read them
    through the finance ladder.
    """

    _name = "crm.expense"
    _inherit = ["crm.scope.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Expense"
    _order = "date desc, id desc"
    _crm_scope_app = "sales"
    _crm_scope_assignee_fields = ("approver_id",)
    # changed only by the expense's own actions (submit, approve, reject,
    # pay); the number and the LOCKED_FIELDS of a submitted expense are
    # refused in create/write below, whatever the context
    _crm_protected_fields = (
        "name",
        "state",
        "approver_id",
        "approved_by_id",
        "approval_date",
        "reject_reason",
        "date_paid",
        "paid_by_id",
        "department_id",
        "currency_id",
    )
    # an expense is recorded against a contract or a customer the user reads
    _crm_link_access = {
        "contract_id": "read",
        "partner_id": "read",
        "payee_partner_id": "read",
    }

    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        index="trigram",
    )
    description = fields.Char(required=True, tracking=True)
    date = fields.Date(
        required=True, default=fields.Date.context_today, index=True, tracking=True
    )
    category_id = fields.Many2one(
        "crm.expense.category",
        string="Expense Category",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    amount = fields.Monetary(required=True, tracking=True)
    currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", store=True, string="Currency"
    )
    payment_method_id = fields.Many2one(
        "crm.payment.method",
        string="Payment Method",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    payee_type = fields.Selection(
        [("supplier", "Supplier"), ("employee", "Employee"), ("other", "Other")],
        string="Paid To",
        required=True,
        default="employee",
    )
    payee_partner_id = fields.Many2one(
        "res.partner",
        string="Supplier",
        ondelete="restrict",
        check_company=True,
        domain="[('crm_is_supplier', '=', True)]",
    )
    payee_employee_id = fields.Many2one(
        "hr.employee",
        string="Employee",
        ondelete="restrict",
        check_company=True,
    )
    payee_name = fields.Char(
        help="Who is paid, when neither a supplier nor an employee."
    )
    payee_display = fields.Char(string="Payee", compute="_compute_payee_display")
    contract_id = fields.Many2one(
        "crm.contract",
        string="Contract",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        domain="[('crm_is_customer', '=', True), ('is_company', '=', True)]",
    )
    state = fields.Selection(
        EXPENSE_STATES,
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    approver_id = fields.Many2one(
        "res.users",
        string="Approver",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        tracking=True,
    )
    approved_by_id = fields.Many2one(
        "res.users",
        string="Approved By",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    approval_date = fields.Datetime(readonly=True, copy=False)
    reject_reason = fields.Text(readonly=True, copy=False, tracking=True)
    date_paid = fields.Date(string="Paid On", readonly=True, copy=False, index=True)
    paid_by_id = fields.Many2one(
        "res.users", string="Paid By", readonly=True, copy=False, ondelete="set null"
    )
    crm_can_approve = fields.Boolean(
        string="Can Approve",
        compute="_compute_crm_can_approve",
        help="Whether the current user may approve or reject the expense (it "
        "shows the Approve and Reject buttons).",
    )

    _sql_constraints = [
        ("amount_positive", "CHECK(amount > 0)", "An expense must be positive."),
    ]

    @api.depends("payee_type", "payee_partner_id", "payee_employee_id", "payee_name")
    def _compute_payee_display(self):
        for expense in self:
            if expense.payee_type == "supplier":
                name = expense.payee_partner_id.display_name
            elif expense.payee_type == "employee":
                name = expense.payee_employee_id.name
            else:
                name = expense.payee_name
            expense.payee_display = name or False

    @api.depends("contract_id")
    def _compute_partner_id(self):
        for expense in self:
            if expense.contract_id:
                expense.partner_id = expense.contract_id.partner_id

    @api.depends_context("uid")
    @api.depends("state", "approver_id", "user_id")
    def _compute_crm_can_approve(self):
        for expense in self:
            expense.crm_can_approve = (
                expense.state == "submitted" and expense._crm_user_can_approve()
            )

    @api.constrains("amount")
    def _check_amount(self):
        for expense in self:
            if (
                float_compare(
                    expense.amount, 0.0, precision_rounding=expense.currency_id.rounding
                )
                <= 0
            ):
                raise ValidationError(self.env._("An expense must be positive."))

    @api.constrains("payee_type", "payee_partner_id", "payee_employee_id", "payee_name")
    def _check_payee(self):
        for expense in self:
            if expense.payee_type == "supplier" and not expense.payee_partner_id:
                raise ValidationError(self.env._("Choose the supplier who is paid."))
            if expense.payee_type == "employee" and not expense.payee_employee_id:
                raise ValidationError(self.env._("Choose the employee who is paid."))
            if expense.payee_type == "other" and not expense.payee_name:
                raise ValidationError(self.env._("Write who is paid."))

    @api.model_create_multi
    def create(self, vals_list):
        check_number_vals(self, vals_list)
        for vals in vals_list:
            if vals.get("state", "draft") != "draft":
                raise UserError(self.env._("An expense is created as a draft."))
            self._crm_set_number(vals, "crm.expense")
        return super().create(vals_list)

    @api.model
    def _crm_check_protected_create(self, vals_list):
        # the number was checked in create(), before the sequence gave it
        return super()._crm_check_protected_create(without_keys(vals_list, {"name"}))

    def write(self, vals):
        # only the expense's own actions (env.su) move it along; no context
        # key lifts this
        check_number_write(self, vals)
        if not self.env.su:
            locked = LOCKED_FIELDS & set(vals)
            if locked and self.filtered(lambda e: e.state not in ("draft", "rejected")):
                raise UserError(
                    self.env._(
                        "A submitted, approved or paid expense cannot be changed."
                    )
                )
            if "payment_method_id" in vals and self.filtered(
                lambda e: e.state == "paid"
            ):
                raise UserError(
                    self.env._(
                        "A submitted, approved or paid expense cannot be changed."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        for expense in self:
            if expense.state not in ("draft", "rejected"):
                raise UserError(
                    self.env._(
                        "%(name)s was submitted: it cannot be deleted.",
                        name=expense.name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_submit(self):
        self.check_access("write")
        for expense in self:
            if expense.state not in ("draft", "rejected"):
                raise UserError(
                    self.env._("Only draft or rejected expenses can be submitted.")
                )
            approver = expense._crm_get_approver()
            expense.sudo().write({"state": "submitted", "approver_id": approver.id})
            if approver:
                # the summary is stored: in the approver's language
                summary = expense.with_context(lang=approver._crm_lang()).env._(
                    "Approve the expense %(name)s of %(owner)s",
                    name=expense.name,
                    owner=expense.user_id.name,
                )
                expense.sudo().activity_schedule(
                    APPROVAL_ACTIVITY, user_id=approver.id, summary=summary
                )
        _ = self.env._
        if len(self) == 1:
            if self.approver_id:
                return self._crm_notify(
                    _(
                        "%(name)s submitted to %(approver)s for approval.",
                        name=self.name,
                        approver=self.approver_id.name,
                    )
                )
            return self._crm_notify(
                _("%(name)s submitted for approval.", name=self.name)
            )
        return self._crm_notify(
            _("%(count)s expenses submitted for approval.", count=len(self))
        )

    def action_approve(self):
        """Open the approval dialog (an optional comment)."""
        return self._crm_open_approval_wizard("approve")

    def action_reject(self):
        """Open the rejection dialog (the reason is required)."""
        return self._crm_open_approval_wizard("reject")

    def _crm_approval_open(self, decision):
        """For 待我审批 (crm_sales_contract's Waiting for My Approval): the
        approval dialog, after the same checks as the form's buttons."""
        if decision not in ("approve", "reject"):
            raise UserError(self.env._("Approve or reject: nothing else."))
        return self._crm_open_approval_wizard(decision)

    def _crm_open_approval_wizard(self, decision):
        self.ensure_one()
        self._crm_check_can_approve()
        _ = self.env._
        return {
            "type": "ir.actions.act_window",
            "name": _("Approve Expense")
            if decision == "approve"
            else _("Reject Expense"),
            "res_model": "crm.expense.approve",
            "view_mode": "form",
            "target": "new",
            "context": {"default_expense_id": self.id, "default_decision": decision},
        }

    def action_pay(self):
        if not self.env.user.has_group(FINANCE_GROUP):
            raise AccessError(self.env._("Only finance staff pay expenses."))
        self.check_access("write")
        for expense in self:
            if expense.state != "approved":
                raise UserError(
                    self.env._(
                        "%(name)s is not approved: it cannot be paid.",
                        name=expense.name,
                    )
                )
            if not expense.payment_method_id:
                raise UserError(
                    self.env._(
                        "Choose how %(name)s is paid (payment method).",
                        name=expense.name,
                    )
                )
        self.sudo().write(
            {
                "state": "paid",
                "date_paid": fields.Date.context_today(self),
                "paid_by_id": self.env.uid,
            }
        )
        _ = self.env._
        if len(self) == 1:
            return self._crm_notify(
                _(
                    "%(name)s paid: %(amount)s.",
                    name=self.name,
                    amount=format_amount(self.env, self.amount, self.currency_id),
                )
            )
        return self._crm_notify(_("%(count)s expenses paid.", count=len(self)))

    def action_draft(self):
        self.check_access("write")
        for expense in self:
            if expense.state != "rejected":
                raise UserError(self.env._("Only rejected expenses go back to draft."))
        self.sudo().write({"state": "draft", "approver_id": False})
        _ = self.env._
        if len(self) == 1:
            return self._crm_notify(_("%(name)s is a draft again.", name=self.name))
        return self._crm_notify(
            _("%(count)s expenses are drafts again.", count=len(self))
        )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _crm_approve(self, comment=False):
        """Approve, with an optional comment kept in the expense's chatter
        (in the company's language; the comment as written)."""
        comment = (comment or "").strip()
        self.check_access("read")
        for expense in self:
            expense._crm_check_can_approve()
        self.sudo().write(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "approval_date": fields.Datetime.now(),
            }
        )
        for expense in self:
            _ = expense.with_context(lang=expense.company_id._crm_lang()).env._
            expense._crm_close_approval(
                _("Approved: %s", comment) if comment else _("Approved")
            )
        return True

    def _crm_reject(self, comment):
        if not comment or not comment.strip():
            raise UserError(self.env._("Say why the expense is rejected."))
        self.check_access("read")
        for expense in self:
            expense._crm_check_can_approve()
        self.sudo().write({"state": "rejected", "reject_reason": comment})
        for expense in self:
            _ = expense.with_context(lang=expense.company_id._crm_lang()).env._
            expense._crm_close_approval(_("Rejected: %s", comment))
        return True

    def _crm_close_approval(self, note):
        """Mark the approval activity done with ``note`` (Odoo posts it in the
        chatter), or post ``note`` as a note when there is no activity (no
        approver was found)."""
        self.ensure_one()
        activity_type = self.env.ref(APPROVAL_ACTIVITY)
        activities = self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )
        if activities:
            # Odoo writes "<type> done: <summary> Feedback: <note>" in the
            # chatter: in the company's language too
            activities.with_context(lang=self.company_id._crm_lang()).action_feedback(
                feedback=note
            )
        else:
            self.message_post(body=note, subtype_xmlid="mail.mt_note")

    def _crm_get_approver(self):
        """The owner's manager: the manager of the owner's department, else the
        owner's manager in the employee tree, else the manager of the parent
        department (never the owner)."""
        self.ensure_one()
        owner = self.user_id
        employee = (
            owner.sudo().employee_ids.filtered(
                lambda e: e.company_id == self.company_id
            )[:1]
            or owner.sudo().employee_ids[:1]
        )
        department = self.sudo().department_id or employee.department_id
        candidates = [
            department.manager_id.user_id,
            employee.parent_id.user_id,
            department.parent_id.manager_id.user_id,
        ]
        for manager in candidates:
            if manager and manager != owner:
                return manager
        return self.env["res.users"]

    def _crm_user_can_approve(self):
        """The approver, a manager whose sales scope (with the edit right)
        includes the owner, or a finance administrator; never the owner."""
        self.ensure_one()
        user = self.env.user
        if user == self.user_id and not self.env.su:
            return False
        if user == self.approver_id or user.has_group(FINANCE_MANAGER_GROUP):
            return True
        if user._crm_scope_can_edit("sales"):
            scope = user._crm_scope_user_ids("sales")
            return scope is None or self.user_id.id in scope
        return False

    def _crm_check_can_approve(self):
        self.ensure_one()
        if self.state != "submitted":
            raise UserError(
                self.env._("%(name)s is not waiting for approval.", name=self.name)
            )
        if not self._crm_user_can_approve():
            raise AccessError(
                self.env._(
                    "You cannot approve or reject %(name)s: it is approved by the "
                    "owner's manager.",
                    name=self.name,
                )
            )
