import ast
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL, create_index, format_amount, get_lang

from odoo.addons.base.models.res_lang import intersperse
from odoo.addons.crm_customer.models.res_partner_pool import crm_date_text
from odoo.addons.crm_masterdata.jobs import in_company_tz

_logger = logging.getLogger(__name__)

REMINDER_ACTIVITY = "crm_sales_contract.mail_activity_type_collection"
RENEWAL_ACTIVITY = "crm_sales_contract.mail_activity_type_renewal"
SALES_ALL_GROUP = "crm_masterdata.crm_masterdata_group_sales_all"


class CrmContractInstallment(models.Model):
    _inherit = "crm.contract.installment"

    # ------------------------------------------------------------------
    # Reminders (回款提醒)
    # ------------------------------------------------------------------
    def init(self):
        res = super().init()
        # the reminder job walks the open installments of confirmed contracts
        # by (due date, id); paid and cancelled ones (most of them, in time)
        # are not in this index
        create_index(
            self.env.cr,
            "crm_contract_installment_reminder_walk_index",
            self._table,
            ["due_date", "id"],
            where="state IN ('open', 'partial', 'overdue')"
            " AND contract_state IN ('confirmed', 'done')",
        )
        return res

    @api.model
    @in_company_tz
    def _cron_send_reminders(self, batch_size=500):
        """Daily: mark overdue installments, then send the collection and
        renewal reminders that are due, each at most once (crm.reminder's
        unique key), ``batch_size`` at a time with progress notified to the
        cron runner. Returns ``(done, remaining)``; ``remaining`` is 0 only
        when nothing is left, otherwise an estimate (see
        ``_crm_reminder_candidates``)."""
        today = fields.Date.context_today(self)
        done = remaining = 0
        # 1. open → overdue (the state depends on today's date)
        overdue_domain = [
            ("contract_state", "in", ("confirmed", "done")),
            ("state", "in", ("open", "partial")),
            ("due_date", "<", today),
        ]
        late = self.search(overdue_domain, limit=batch_size)
        late._crm_refresh_state()
        done += len(late)
        if len(late) == batch_size:
            remaining += self.search_count(overdue_domain)
        # 2. installment reminders, 3. contract renewals
        todo, more = self._crm_reminder_candidates(today, limit=batch_size)
        done += self._crm_send_installment_reminders(todo, today)
        remaining += more
        renewals = self._crm_renewal_candidates(today, limit=batch_size)
        done += self._crm_send_renewal_reminders(renewals)
        if len(renewals) == batch_size:
            remaining += self._crm_renewal_candidates(today, count=True)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done, remaining

    @api.model
    def _crm_reminder_candidates(self, today, limit):
        """Up to ``limit`` (installment id, key) pairs whose reminder is due and
        was never sent, and an estimate of how many installments are left after
        them (0 when these are the last ones).

        The job walks the candidates once a day in order of (due date, id): each
        call goes on from the installment of the last reminder logged (a keyset
        cursor, found through the log's primary key), so it reads only the
        installments it sends and the few already sent that it passes, not all
        those it went through before. When that walk ends short of ``limit``, it
        goes on from the start up to the cursor: what it missed (the first call
        of the day, or a cursor left by another run) is found then."""
        horizon = today + timedelta(days=self._crm_max_days_before())
        cursor = self._crm_reminder_cursor(horizon)
        pairs = self._crm_reminder_walk(today, horizon, limit, after=cursor)
        if len(pairs) < limit and cursor:
            pairs += self._crm_reminder_walk(
                today, horizon, limit - len(pairs), before=cursor
            )
        if len(pairs) < limit:
            return pairs, 0
        return pairs, max(1, self._crm_reminder_estimate(horizon, pairs[-1][0]))

    @api.model
    def _crm_reminder_walk(self, today, horizon, limit, after=None, before=None):
        """The due and unsent (installment id, key) pairs in order of (due date,
        id, key), from the installment ``after`` (included) or up to the
        installment ``before`` (excluded), both (due date, id)."""
        bounds = SQL()
        if after:
            bounds = SQL("AND (i.due_date, i.id) >= (%s, %s)", *after)
        elif before:
            bounds = SQL("AND (i.due_date, i.id) < (%s, %s)", *before)
        query = SQL(
            """
            SELECT i.id, k.key
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
             WHERE i.state IN ('open', 'partial', 'overdue')
               AND i.contract_state IN ('confirmed', 'done')
               -- a constant bound: a range scan of the walk index
               AND i.due_date <= %(horizon)s
               %(bounds)s
               AND i.due_date <= %(today)s + co.crm_reminder_days_before
               AND k.is_due
               -- one probe of the log's unique index per pair walked (OFFSET 0
               -- keeps it a per-row subplan: no hash of the whole log, whose
               -- size grows every day, and the walk stops at the limit)
               AND NOT EXISTS (
                   SELECT FROM crm_reminder r
                    WHERE r.res_model = %(model)s
                      AND r.res_id = i.id
                      AND r.key = k.key
                   OFFSET 0)
             ORDER BY i.due_date, i.id, k.key
             LIMIT %(limit)s
            """,
            today=today,
            horizon=horizon,
            bounds=bounds,
            model=self._name,
            limit=limit,
        )
        return self.env.execute_query(query)

    @api.model
    def _crm_reminder_cursor(self, horizon):
        """(due date, id) of the installment of the last reminder logged, if it
        is still one the walk goes through (by the log's primary key: one row)."""
        rows = self.env.execute_query(
            SQL(
                """
                SELECT i.due_date, i.id
                  FROM crm_contract_installment i
                 WHERE i.id = (SELECT r.res_id FROM crm_reminder r
                                WHERE r.res_model = %s
                                ORDER BY r.id DESC LIMIT 1)
                   AND i.due_date <= %s
                """,
                self._name,
                horizon,
            )
        )
        return rows[0] if rows else None

    @api.model
    def _crm_reminder_estimate(self, horizon, installment_id):
        """How many installments the walk has left after ``installment_id``: an
        upper bound counted on the walk index only (some of them may have had
        all their reminders already)."""
        query = SQL(
            """
            SELECT count(*)
              FROM crm_contract_installment i,
                   crm_contract_installment last
             WHERE last.id = %(last)s
               AND i.state IN ('open', 'partial', 'overdue')
               AND i.contract_state IN ('confirmed', 'done')
               AND i.due_date <= %(horizon)s
               AND (i.due_date, i.id) > (last.due_date, last.id)
            """,
            last=installment_id,
            horizon=horizon,
        )
        return self.env.execute_query(query)[0][0]

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

    def _crm_format_amount(self, amount, currency, cache=None):
        """format_amount() with the language data looked up once per batch
        (kept in the dict ``cache``): the same text, without res.lang.format()
        parsing the language's grouping again for every amount."""
        if cache is None:
            return format_amount(self.env, amount, currency)
        lang = cache.get("lang")
        if lang is None:
            data = self.env["res.lang"]._get_data(id=get_lang(self.env).id)
            lang = cache["lang"] = (
                ast.literal_eval(data.grouping),
                data.thousands_sep or "",
                data.decimal_point,
            )
        grouping, thousands_sep, decimal_point = lang
        integer, _dot, decimals = (
            f"%.{currency.decimal_places}f" % currency.round(amount)
        ).partition(".")
        figure = intersperse(integer, grouping, thousands_sep)[0]
        if decimals:
            figure = f"{figure}{decimal_point}{decimals}"
        figure = figure.replace(" ", "\N{NO-BREAK SPACE}").replace(
            "-", "-\N{ZERO WIDTH NO-BREAK SPACE}"
        )
        if currency.position == "before":
            return f"{currency.symbol or ''}\N{NO-BREAK SPACE}{figure}"
        return f"{figure}\N{NO-BREAK SPACE}{currency.symbol or ''}"

    def _crm_reminder_values(self, key, today, cache=None):
        """Summary, note and deadline of the ``key`` reminder."""
        self.ensure_one()
        _ = self.env._
        amount = self._crm_format_amount(self.residual_amount, self.currency_id, cache)
        values = {
            "customer": self.partner_id.display_name,
            "contract": self.contract_id.name,
            "name": self.name,
            "amount": amount,
            "due": crm_date_text(self.env, self.due_date),
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
        """The reminders of ``pairs``, each written in its recipient's language
        (``res.users._crm_lang()``)."""
        records = self.browse([pid for pid, _key in pairs]).sudo()
        # iterate the recordset (not browse() one by one) so that the ORM
        # prefetches each field, and the contracts and partners, for the batch
        by_id = {record.id: record for record in records}
        cache = {}
        langs = _ReaderLangs(records.env)
        reminders = []
        for installment_id, key in pairs:
            installment = by_id[installment_id]
            texts = {}
            for user in installment._crm_reminder_recipients(key, cache):
                lang = langs.of(user)
                if lang not in texts:
                    texts[lang] = installment.with_env(
                        langs.env(lang)
                    )._crm_reminder_values(key, today, langs.format_cache(lang))
                summary, note, deadline = texts[lang]
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
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            # another worker claimed some of these reminders after this
            # transaction began (its snapshot cannot see them): give up this
            # call; the next one, with a fresh snapshot, skips what was sent
            raise
        except Exception:  # noqa: BLE001 - retried one by one below
            self.env.invalidate_all()
        processed = 0
        for pair in pairs:
            try:
                with self.env.cr.savepoint():
                    Reminder._crm_send(self._crm_prepare_reminders([pair], today))
                processed += 1
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                raise
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
        today = fields.Date.context_today(self)
        langs = _ReaderLangs(contracts.env)
        reminders = []
        for contract in contracts:
            env = langs.env(langs.of(contract.user_id))
            reminders.append(
                {
                    "record": contract,
                    "key": "renewal",
                    "user": contract.user_id,
                    "date": contract.date_end - timedelta(days=7)
                    if (contract.date_end - today).days > 7
                    else contract.date_end,
                    "summary": env._(
                        "Renew %(contract)s with %(customer)s: it ends on %(end)s",
                        contract=contract.name,
                        customer=contract.partner_id.display_name,
                        end=crm_date_text(env, contract.date_end),
                    ),
                    "activity_type": RENEWAL_ACTIVITY,
                }
            )
        self.env["crm.reminder"].sudo()._crm_send(reminders)
        return len(contracts)


class _ReaderLangs:
    """The recipients' languages of one batch of reminders, with an
    environment and an amount-format cache per language."""

    def __init__(self, env):
        self._env = env
        self._user_langs = {}
        self._envs = {}
        self._format_caches = {}

    def of(self, user):
        if user.id not in self._user_langs:
            self._user_langs[user.id] = (
                user._crm_lang() if user else self._env["res.company"]._crm_lang()
            )
        return self._user_langs[user.id]

    def env(self, lang):
        if lang not in self._envs:
            self._envs[lang] = self._env(context=dict(self._env.context, lang=lang))
        return self._envs[lang]

    def format_cache(self, lang):
        return self._format_caches.setdefault(lang, {})
