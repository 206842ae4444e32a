import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, format_amount, get_lang

_logger = logging.getLogger(__name__)

REMINDER_ACTIVITY = "crm_sales_contract.mail_activity_type_collection"
RENEWAL_ACTIVITY = "crm_sales_contract.mail_activity_type_renewal"
SALES_ALL_GROUP = "crm_masterdata.crm_masterdata_group_sales_all"


class CrmContractInstallment(models.Model):
    _inherit = "crm.contract.installment"

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
