import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_compare, float_is_zero, format_amount, get_lang

from .crm_contract_plan_template import TRIGGERS

_logger = logging.getLogger(__name__)

INSTALLMENT_STATES = [
    ("open", "Open"),
    ("partial", "Partially Paid"),
    ("paid", "Paid"),
    ("overdue", "Overdue"),
    ("cancelled", "Cancelled"),
]
REMINDER_ACTIVITY = "crm_sales_contract.mail_activity_type_collection"
RENEWAL_ACTIVITY = "crm_sales_contract.mail_activity_type_renewal"
SALES_ALL_GROUP = "crm_masterdata.crm_masterdata_group_sales_all"
REMINDER_KEYS = ("due_soon", "overdue", "overdue_manager", "overdue_all")


class CrmContractInstallment(models.Model):
    _name = "crm.contract.installment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Contract Installment"
    _order = "due_date, contract_id, sequence, id"
    _check_company_auto = True
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

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "Installments cannot be negative."),
        (
            "paid_range",
            "CHECK(paid_amount >= 0 AND paid_amount <= amount)",
            "The received amount of an installment is between 0 and its amount.",
        ),
    ]

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
            if vals.get("paid_amount"):
                raise UserError(
                    self.env._("Received amounts are recorded by the finance app.")
                )
        installments = super().create(vals_list)
        installments._crm_check_contract_plan()
        return installments

    def write(self, vals):
        if (vals.get("amount") or 0.0) < 0:
            raise ValidationError(self.env._("Installments cannot be negative."))
        if "paid_amount" in vals and not self.env.context.get("crm_payment_update"):
            raise UserError(
                self.env._("Received amounts are recorded by the finance app.")
            )
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
        contracts = self.contract_id
        res = super().write(vals)
        if {"amount", "contract_id"} & set(vals):
            (contracts | self.contract_id)._crm_check_plan_if_locked()
        return res

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

    def unlink(self):
        contracts = self.contract_id
        res = super().unlink()
        contracts.exists()._crm_check_plan_if_locked()
        return res

    def _crm_check_contract_plan(self):
        self.contract_id._crm_check_plan_if_locked()

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
        installment.with_context(crm_payment_update=True).write({"paid_amount": paid})
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
        installment.with_context(crm_payment_update=True).write({"paid_amount": paid})
        return True

    def _crm_refresh_state(self):
        """Recompute the date-dependent state (open → overdue)."""
        self.modified(["due_date"])
        self.env.flush_all()

    # ------------------------------------------------------------------
    # Reminders (回款提醒)
    # ------------------------------------------------------------------
    @api.model
    def _cron_send_reminders(self, batch_size=500):
        """Daily: mark overdue installments, then send the collection and
        renewal reminders that are due, each at most once (crm.reminder's
        unique key), ``batch_size`` at a time with progress notified to the
        cron runner. Returns ``(done, remaining)``."""
        today = fields.Date.context_today(self)
        done = 0
        # 1. open → overdue (the state depends on today's date)
        overdue_domain = [
            ("contract_state", "in", ("confirmed", "done")),
            ("state", "in", ("open", "partial")),
            ("due_date", "<", today),
        ]
        late = self.search(overdue_domain, limit=batch_size)
        late._crm_refresh_state()
        done += len(late)
        # 2. installment reminders, 3. contract renewals
        todo = self._crm_reminder_candidates(today, limit=batch_size)
        done += self._crm_send_installment_reminders(todo, today)
        renewals = self._crm_renewal_candidates(today, limit=batch_size)
        done += self._crm_send_renewal_reminders(renewals)
        remaining = (
            self.search_count(overdue_domain)
            + self._crm_reminder_candidates(today, count=True)
            + self._crm_renewal_candidates(today, count=True)
        )
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done, remaining

    @api.model
    def _crm_reminder_candidates(self, today, limit=None, count=False):
        """(installment id, key) pairs whose reminder is due and was never sent,
        in order of due date (or their number with ``count``)."""
        select = SQL("count(*)") if count else SQL("i.id, k.key")
        query = SQL(
            """
            SELECT %(select)s
              FROM crm_contract_installment i
              JOIN res_company co ON co.id = i.company_id
             CROSS JOIN LATERAL (VALUES
                   ('due_soon', i.due_date >= %(today)s
                                AND i.due_date <= %(today)s
                                    + co.crm_reminder_days_before),
                   ('overdue', i.due_date < %(today)s),
                   ('overdue_manager', co.crm_overdue_manager_days > 0
                                AND i.due_date <= %(today)s
                                    - co.crm_overdue_manager_days),
                   ('overdue_all', co.crm_overdue_all_days > 0
                                AND i.due_date <= %(today)s
                                    - co.crm_overdue_all_days)
                   ) AS k(key, is_due)
             WHERE k.is_due
               AND i.contract_state IN ('confirmed', 'done')
               AND i.state IN ('open', 'partial', 'overdue')
               AND i.due_date <= %(today)s + co.crm_reminder_days_before
               AND i.due_date <= %(horizon)s
               -- NOT IN over the log is planned as one hashed subplan, whatever
               -- the table's statistics (a NOT EXISTS anti-join turned into a
               -- nested loop when the log grew faster than ANALYZE ran)
               AND (i.id, k.key) NOT IN (
                   SELECT r.res_id, r.key FROM crm_reminder r
                    WHERE r.res_model = %(model)s)
            """,
            select=select,
            today=today,
            # a constant bound lets PostgreSQL range-scan the due date index
            horizon=today + timedelta(days=self._crm_max_days_before()),
            model=self._name,
        )
        if count:
            return self.env.execute_query(query)[0][0]
        query = SQL("%s ORDER BY i.due_date, i.id, k.key LIMIT %s", query, limit)
        return self.env.execute_query(query)

    @api.model
    def _crm_max_days_before(self):
        [(days,)] = self.env.execute_query(
            SQL("SELECT COALESCE(MAX(crm_reminder_days_before), 0) FROM res_company")
        )
        return max(days, 0)

    @api.model
    def _crm_renewal_candidates(self, today, limit=None, count=False):
        select = SQL("count(*)") if count else SQL("c.id")
        query = SQL(
            """
            SELECT %(select)s
              FROM crm_contract c
              JOIN res_company co ON co.id = c.company_id
             WHERE c.state = 'confirmed'
               AND co.crm_renewal_days > 0
               AND c.date_end >= %(today)s
               AND c.date_end <= %(today)s + co.crm_renewal_days
               AND c.id NOT IN (
                   SELECT r.res_id FROM crm_reminder r
                    WHERE r.res_model = 'crm.contract' AND r.key = 'renewal')
            """,
            select=select,
            today=today,
        )
        if count:
            return self.env.execute_query(query)[0][0]
        query = SQL("%s ORDER BY c.date_end, c.id LIMIT %s", query, limit)
        return [row[0] for row in self.env.execute_query(query)]

    def _crm_reminder_recipients(self, key, cache):
        """Users who get the ``key`` reminder of this installment."""
        self.ensure_one()
        owner = self.user_id
        if key in ("due_soon", "overdue"):
            return owner
        if key == "overdue_manager":
            return self.contract_id._crm_get_manager() or owner
        company = self.company_id
        if company not in cache:
            cache[company] = (
                self.env.ref(SALES_ALL_GROUP)
                .sudo()
                .users.filtered(
                    lambda u: u.active
                    and not u.share
                    and not u._is_superuser()
                    and company in u.company_ids
                )
            )
        return cache[company] or owner

    def _crm_format_amount(self, amount, currency):
        """format_amount() with the language data looked up once per batch."""
        cache = self.env.context.get("crm_format_cache")
        if cache is None:
            return format_amount(self.env, amount, currency)
        lang = cache.get("lang")
        if lang is None:
            lang = cache["lang"] = self.env["res.lang"].browse(get_lang(self.env).id)
        fmt = f"%.{currency.decimal_places}f"
        figure = lang.format(fmt, currency.round(amount), grouping=True)
        if currency.position == "before":
            return f"{currency.symbol or ''}\N{NO-BREAK SPACE}{figure}"
        return f"{figure}\N{NO-BREAK SPACE}{currency.symbol or ''}"

    def _crm_reminder_values(self, key, today):
        """Summary, note and deadline of the ``key`` reminder."""
        self.ensure_one()
        _ = self.env._
        amount = self._crm_format_amount(self.residual_amount, self.currency_id)
        values = {
            "customer": self.partner_id.display_name,
            "contract": self.contract_id.name,
            "name": self.name,
            "amount": amount,
            "due": self.due_date,
            "days": (today - self.due_date).days,
        }
        if key == "due_soon":
            summary = _("Collect %(amount)s from %(customer)s by %(due)s", **values)
            deadline = self.due_date
        elif key == "overdue":
            summary = _(
                "Overdue: %(amount)s from %(customer)s (%(contract)s)", **values
            )
            deadline = today
        elif key == "overdue_manager":
            summary = _(
                "Escalation: %(amount)s from %(customer)s overdue for %(days)s days "
                "(%(contract)s)",
                **values,
            )
            deadline = today
        else:
            summary = _(
                "Escalation: %(amount)s from %(customer)s overdue for %(days)s days "
                "(%(contract)s), owner %(owner)s",
                owner=self.user_id.name,
                **values,
            )
            deadline = today
        note = _(
            "Installment %(name)s of %(contract)s, due on %(due)s: %(amount)s still "
            "to collect.",
            **values,
        )
        return summary, note, deadline

    def _crm_prepare_reminders(self, pairs, today):
        records = (
            self.browse([pid for pid, _key in pairs])
            .sudo()
            .with_context(crm_format_cache={})
        )
        # iterate the recordset (not browse() one by one) so that the ORM
        # prefetches each field, and the contracts and partners, for the batch
        by_id = {record.id: record for record in records}
        cache = {}
        reminders = []
        for installment_id, key in pairs:
            installment = by_id[installment_id]
            summary, note, deadline = installment._crm_reminder_values(key, today)
            for user in installment._crm_reminder_recipients(key, cache):
                reminders.append(
                    {
                        "record": installment,
                        "key": key,
                        "user": user,
                        "date": deadline,
                        "summary": summary,
                        "note": note,
                        "activity_type": REMINDER_ACTIVITY,
                    }
                )
        return reminders

    def _crm_send_installment_reminders(self, pairs, today):
        """Send the reminders of ``pairs`` in one go; when that fails, record by
        record, each in its own savepoint, so that one bad record does not sink
        the batch. Returns the number of pairs processed."""
        if not pairs:
            return 0
        Reminder = self.env["crm.reminder"].sudo()
        try:
            with self.env.cr.savepoint():
                Reminder._crm_send(self._crm_prepare_reminders(pairs, today))
            return len(pairs)
        except Exception:  # noqa: BLE001 - retried one by one below
            self.env.invalidate_all()
        processed = 0
        for pair in pairs:
            try:
                with self.env.cr.savepoint():
                    Reminder._crm_send(self._crm_prepare_reminders([pair], today))
                processed += 1
            except Exception:
                _logger.exception(
                    "Collection reminder %s of installment %s failed", pair[1], pair[0]
                )
                self.env.invalidate_all()
        return processed

    def _crm_send_renewal_reminders(self, contract_ids):
        if not contract_ids:
            return 0
        contracts = self.env["crm.contract"].sudo().browse(contract_ids)
        reminders = [
            {
                "record": contract,
                "key": "renewal",
                "user": contract.user_id,
                "date": contract.date_end - timedelta(days=7)
                if (contract.date_end - fields.Date.context_today(self)).days > 7
                else contract.date_end,
                "summary": self.env._(
                    "Renew %(contract)s with %(customer)s: it ends on %(end)s",
                    contract=contract.name,
                    customer=contract.partner_id.display_name,
                    end=contract.date_end,
                ),
                "activity_type": RENEWAL_ACTIVITY,
            }
            for contract in contracts
        ]
        self.env["crm.reminder"].sudo()._crm_send(reminders)
        return len(contracts)
