"""Customers on res.partner: the customer pool (公海): claims, releases,
transfers, the automatic return and follow-ups."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL, format_date

from odoo.addons.crm_masterdata.jobs import in_company_tz
from odoo.addons.crm_masterdata.models.ir_actions_report import format_date_cn


def crm_date_text(env, value):
    """A date inside a stored text, for a reader in ``env.lang``: 2026年12月01日
    for Chinese readers (crm_masterdata's ``format_date_cn``, as the prints),
    the language's date format otherwise."""
    if not value:
        return ""
    if (env.lang or "").startswith("zh"):
        return format_date_cn(value)
    return format_date(env, value)


# one class per concern (DEVELOP.md "Where things are")
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_claim(self):
        """领取: the current user takes customers from the pool. One customer
        that cannot be claimed is refused with the reason; of several (bulk
        claim from the pool list), those that can be claimed are, within the
        claim cap, and one message says how many and why the others were not.
        Then the user lands on their customers."""
        user = self.env.user
        if not user.has_group("crm_masterdata.crm_masterdata_group_sales_own"):
            raise AccessError(self.env._("Only salespeople can claim customers."))
        today = fields.Date.context_today(self)
        single = len(self) == 1
        refused = []
        taken = self._crm_just_taken(today)
        if taken and single:
            raise UserError(
                self.env._(
                    "Someone else has just claimed this customer: it is no "
                    "longer in the pool."
                )
            )
        if taken:
            refused.append(
                self.env._(
                    "%(count)s just claimed by someone else: no longer in the pool.",
                    count=len(taken),
                )
            )
        (self - taken).check_access("read")
        self._crm_lock_claimant(user)
        partners = (self - taken)._crm_lock_accounts()
        claimable = partners.browse()
        for partner in partners:
            problem = partner._crm_claim_problem(user, today)
            if problem and single:
                raise UserError(problem)
            if problem:
                refused.append(problem)
            else:
                claimable |= partner
        if single:
            claimable._crm_check_claim_cap(user)
        else:
            claimable, capped = claimable._crm_within_claim_cap(user)
            refused += capped
        if claimable:
            claimable.write({"user_id": user.id, "crm_owner_date": today})
            for partner in claimable:
                # read by everyone who opens the customer: the company's language
                partner.message_post(
                    body=partner._crm_company_env()._(
                        "%(user)s claimed the customer from the pool.", user=user.name
                    ),
                    author_id=user.partner_id.id,
                )
        return self._crm_claim_notification(claimable, refused)

    def _crm_just_taken(self, today):
        """The records of ``self`` the user cannot read because they left the
        pool today (claimed or assigned a moment ago, e.g. by a colleague
        looking at the same pool list): a claim of them is refused as "no
        longer in the pool", without their name or owner, not with Odoo's
        access error. Any other unreadable record still raises that error."""
        unreadable = self - self._filtered_access("read")
        return (
            unreadable.sudo()
            .filtered(
                lambda p: p.crm_is_customer
                and not p.parent_id
                and p.user_id
                and p.crm_owner_date == today
            )
            .with_env(self.env)
        )

    def _crm_claim_problem(self, user, today):
        """Why ``user`` cannot claim this customer account (locked, sudo), or
        None."""
        self.ensure_one()
        if self.user_id == user:
            return self.env._("You already own %(name)s.", name=self.display_name)
        if self.user_id:
            return self.env._(
                "%(name)s is not in the pool: %(owner)s owns it.",
                name=self.display_name,
                owner=self.user_id.name,
            )
        company = self.company_id or user.company_id
        cooldown = company.sudo().crm_pool_cooldown_days
        if (
            cooldown
            and self.crm_previous_owner_id == user
            and self.crm_released_date
            and today < self.crm_released_date + timedelta(days=cooldown)
        ):
            return self.env._(
                "%(name)s went back to the pool from you on %(date)s: you may "
                "claim it again from %(again)s.",
                name=self.display_name,
                date=self.crm_released_date,
                again=self.crm_released_date + timedelta(days=cooldown),
            )
        return None

    def _crm_claim_notification(self, claimed, refused):
        """The message after claiming ``self``: what was claimed (``claimed``),
        why the rest was not (``refused``: reasons); then "My Customers" (when
        something was claimed)."""
        _ = self.env._
        if len(claimed) == 1 and not refused:
            message = _(
                "You claimed %(name)s: it is now among your customers.",
                name=claimed.display_name,
            )
        else:
            message = _("%(count)s customer(s) claimed.", count=len(claimed))
            if refused:
                message = "\n".join(
                    [
                        message,
                        _("%(count)s not claimed:", count=len(self - claimed)),
                        *refused,
                    ]
                )
        notification = self.env["crm.protected.mixin"]._crm_notify(
            message, kind="success" if claimed else "warning"
        )
        if claimed:
            action = self.env["ir.actions.act_window"]._for_xml_id(
                "crm_customer.res_partner_action_my"
            )
            action["target"] = "main"  # the breadcrumb: My Customers, not the pool
            notification["params"]["next"] = action
        return notification

    def _crm_company_env(self):
        """The environment of texts stored on this customer for everyone who
        reads it (chatter notes, reasons): in its company's language."""
        company = self[:1].company_id or self.env.company
        return self.with_context(lang=company._crm_lang()).env

    @api.model
    def _crm_lock_claimant(self, user):
        """Lock ``user`` against concurrent claims by an update of their user
        row (a lock alone would not do: under Odoo's REPEATABLE READ, a claim
        that waited on a mere lock would still count with its old snapshot). A
        concurrent claim by the same user waits for this transaction, then
        fails to serialise; Odoo retries the request, which counts the claim
        committed meanwhile. So parallel claims cannot pass the cap together,
        whatever accounts they claim."""
        self.env.cr.execute(
            SQL("UPDATE res_users SET write_date = write_date WHERE id = %s", user.id)
        )

    def _crm_claim_room(self, user):
        """``[(company, owned, maximum, partners)]``: per company with a cap
        (``crm_customer_max_per_user``, 0: no cap) among the customers
        ``self``, the customers ``user`` owns there besides ``self``. The cap is
        the customer's company's, never the one of the caller's context
        (``allowed_company_ids``). An account without company counts under the
        user's main company."""
        Partner = self.sudo().with_context(active_test=False)
        by_company = {}
        for partner in self:
            company = partner.company_id or user.sudo().company_id
            by_company.setdefault(company, Partner)
            by_company[company] |= partner
        rooms = []
        for company, partners in by_company.items():
            maximum = company.sudo().crm_customer_max_per_user
            if not maximum:
                continue
            company_ids = [company.id]
            if company == user.sudo().company_id:
                company_ids.append(False)
            owned = Partner.search_count(
                [
                    ("user_id", "=", user.id),
                    ("crm_is_customer", "=", True),
                    ("parent_id", "=", False),
                    ("company_id", "in", company_ids),
                    ("id", "not in", partners.ids),
                ]
            )
            rooms.append((company, owned, maximum, partners))
        return rooms

    def _crm_check_claim_cap(self, user):
        """Refuse when ``user`` would own more customers than the cap of the
        customers' company (see ``_crm_claim_room``). The claimant must be
        locked (``_crm_lock_claimant``)."""
        for company, owned, maximum, partners in self._crm_claim_room(user):
            if owned + len(partners) > maximum:
                raise UserError(
                    self.env._(
                        "You own %(owned)s customers of %(company)s and may own at "
                        "most %(max)s there: you cannot claim %(count)s more.",
                        owned=owned,
                        company=company.name,
                        max=maximum,
                        count=len(partners),
                    )
                )

    def _crm_within_claim_cap(self, user):
        """``(kept, reasons)``: the customers of ``self`` that ``user`` may
        still claim within the cap of their company (in order), and one reason
        per company for the others. The claimant must be locked."""
        dropped = self.browse()
        reasons = []
        for company, owned, maximum, partners in self._crm_claim_room(user):
            room = max(maximum - owned, 0)
            if len(partners) > room:
                over = partners[room:]
                dropped |= over
                reasons.append(
                    self.env._(
                        "%(names)s: you own %(owned)s customers of %(company)s and "
                        "may own at most %(max)s there.",
                        names=", ".join(over.mapped("display_name")),
                        owned=owned + room,
                        company=company.name,
                        max=maximum,
                    )
                )
        return self - dropped, reasons

    def action_crm_followup(self):
        """跟进: the follow-up wizard of this customer (its owner, or a
        manager who edits within scope, records it)."""
        self.ensure_one()
        self.check_access("write")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_customer.crm_customer_followup_action"
        )
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_release(self):
        """放弃: the release wizard, which asks for the reason."""
        self.check_access("write")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_customer.crm_customer_release_action"
        )
        action["context"] = {"default_partner_ids": self.ids}
        return action

    def _crm_release(self, reason):
        """The owner (or a manager in scope) puts customers back in the pool,
        for ``reason`` (kept on the customer and logged)."""
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the customer goes back to the pool."))
        self.check_access("write")
        partners = self._crm_lock_accounts()
        for partner in partners:
            if not partner.user_id:
                raise UserError(
                    self.env._(
                        "%(name)s is already in the pool.", name=partner.display_name
                    )
                )
        partners._crm_set_owner(self.env["res.users"], reason.strip())
        return self.env["crm.protected.mixin"]._crm_notify(
            self.env._(
                "%(names)s went back to the pool.",
                names=", ".join(partners.mapped("display_name")),
            ),
            close=True,
        )

    # ------------------------------------------------------------------
    # Business methods: pool
    # ------------------------------------------------------------------
    def _crm_lock_accounts(self):
        """The customer accounts of ``self`` (sudo), locked against concurrent
        claims and transfers, with fresh values."""
        accounts = self.sudo().filtered(lambda p: p.crm_is_customer and not p.parent_id)
        if accounts != self.sudo():
            raise UserError(
                self.env._("Only customer accounts can be claimed or transferred.")
            )
        if accounts:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM res_partner WHERE id IN %s ORDER BY id FOR UPDATE",
                    tuple(accounts.ids),
                )
            )
            accounts.invalidate_recordset()
        return accounts

    def _crm_set_owner(self, user, reason):
        """Give the customer accounts ``self`` (sudo) to ``user`` (empty: the
        pool), logging the change and its reason in the chatter."""
        today = fields.Date.context_today(self)
        by = self.env.user
        for partner in self:
            previous = partner.user_id
            vals = {"user_id": user.id or False, "crm_owner_date": user and today}
            if not user:
                vals.update(
                    crm_previous_owner_id=previous.id,
                    crm_released_date=today,
                    crm_release_reason=reason,
                )
            partner.write(vals)
            # read by everyone who opens the customer: the company's language
            env = partner._crm_company_env()
            if user:
                body = env._(
                    "Owner changed from %(old)s to %(new)s by %(by)s. "
                    "Reason: %(reason)s",
                    old=previous.name or env._("the pool"),
                    new=user.name,
                    by=by.name,
                    reason=reason,
                )
            else:
                body = env._(
                    "Returned to the pool from %(old)s by %(by)s. Reason: %(reason)s",
                    old=previous.name or "-",
                    by=by.name,
                    reason=reason,
                )
            partner.message_post(body=body, author_id=by.partner_id.id)

    def _crm_assign(self, user, reason):
        """Assign or transfer customer accounts to ``user`` (empty recordset: the
        pool) for a manager: they need "edit within scope", each customer must be
        in the pool or owned by someone in their scope, and so must ``user``."""
        manager = self.env.user
        if not self.env.su and not manager._crm_scope_can_edit("sales"):
            raise AccessError(
                self.env._(
                    "Only managers who edit within their scope assign customers."
                )
            )
        if not reason:
            raise UserError(self.env._("Give the reason of the transfer."))
        user = user.sudo().with_context(active_test=False)
        if user and (not user.active or user.share):
            raise UserError(
                self.env._(
                    "%(user)s is not an active internal user: customers cannot be "
                    "transferred to them.",
                    user=user.name,
                )
            )
        scope = None if self.env.su else manager._crm_customer_scope_user_ids()
        if user and scope is not None and user.id not in scope:
            raise AccessError(
                self.env._(
                    "%(user)s is outside your scope: you cannot give them customers.",
                    user=user.name,
                )
            )
        partners = self._crm_lock_accounts()
        for partner in partners:
            if (
                partner.user_id
                and scope is not None
                and partner.user_id.id not in scope
            ):
                raise AccessError(
                    self.env._(
                        "%(name)s belongs to %(owner)s, outside your scope.",
                        name=partner.display_name,
                        owner=partner.user_id.name,
                    )
                )
        partners.filtered(lambda p: p.user_id != user)._crm_set_owner(user, reason)
        return partners

    @api.model
    def _crm_pool_cron_at_night(self):
        """Move the pool-return job's next run to the next 18:00 UTC (02:00
        in China), as a new installation schedules it (data/ir_cron_data.xml),
        unless it already runs in the Chinese night (16:00-22:00 UTC). Used by
        the 18.0.1.1.0 migration."""
        cron = self.env.ref(
            "crm_customer.ir_cron_crm_customer_return_to_pool",
            raise_if_not_found=False,
        )
        if not cron or 16 <= cron.nextcall.hour < 22:
            return
        now = fields.Datetime.now()
        nextcall = now.replace(hour=18, minute=0, second=0, microsecond=0)
        if nextcall <= now:
            nextcall += timedelta(days=1)
        cron.sudo().nextcall = nextcall

    @api.model
    @in_company_tz
    def _cron_return_to_pool(self, batch_size=500):
        """Daily: warn owners before their customers return to the pool, then
        return the customers without follow-up for their type's number of days.
        Idempotent: returned customers have no owner any more, and each warning
        is logged once per due date in crm.reminder. Days count in the
        company's time zone (the job runs at night, as superuser)."""
        today = fields.Date.context_today(self)
        Partner = self.sudo()
        types = (
            self.env["crm.customer.type"].sudo().search([("pool_return_days", ">", 0)])
        )
        notify_days = max(
            self.env["res.company"].sudo().search([]).mapped("crm_pool_notify_days")
            or [0]
        )
        # 1. reminders, N days ahead
        reminders = []
        for ctype in types:
            if not notify_days:
                break
            domain = self._crm_pool_due_domain(
                ctype, today + timedelta(days=notify_days)
            ) + [("crm_is_customer", "=", True)]
            soon = Partner.search(domain)
            kept = set(Partner._crm_pool_return_protected_ids(soon))
            for partner in soon:
                if partner.id in kept:
                    continue
                due = partner._crm_pool_due_date()
                company = partner.company_id or self.env.company
                if due <= today or (due - today).days > company.crm_pool_notify_days:
                    continue
                # stored for the owner: in the owner's language
                env = partner.with_context(lang=partner.user_id._crm_lang()).env
                reminders.append(
                    {
                        "record": partner,
                        "key": f"crm_pool_return:{due.isoformat()}",
                        "user": partner.user_id,
                        "date": due,
                        "summary": env._(
                            "Follow up or this customer returns to the pool"
                        ),
                        "note": env._(
                            "%(name)s returns to the customer pool on %(date)s unless "
                            "you follow it up.",
                            name=partner.display_name,
                            date=crm_date_text(env, due),
                        ),
                    }
                )
        for start in range(0, len(reminders), batch_size):
            self.env["crm.reminder"]._crm_send(reminders[start : start + batch_size])
        # 2. returns, one batch per call (the cron runner calls again while
        #    work remains)
        due_domain = self._crm_pool_all_due_domain(types, today)
        if not due_domain:
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return
        due = Partner.search(due_domain, order="id")
        kept = set(Partner._crm_pool_return_protected_ids(due))
        returnable = due.filtered(lambda p: p.id not in kept) if kept else due
        todo = returnable[:batch_size]
        done = 0
        for partner in todo:
            try:
                with self.env.cr.savepoint():
                    env = partner._crm_company_env()
                    partner._crm_set_owner(
                        self.env["res.users"],
                        env._(
                            "No follow-up for %(days)s days (customer type %(type)s).",
                            days=partner.crm_customer_type_id.pool_return_days,
                            type=partner.crm_customer_type_id.with_env(env).name,
                        ),
                    )
                    done += 1
            except Exception:  # pylint: disable=broad-except
                # one bad record must not sink the batch; it stays due
                continue
        self.env["ir.cron"]._notify_progress(
            done=done, remaining=len(returnable) - done if done else 0
        )

    @api.model
    def _crm_pool_return_protected_ids(self, partners):
        """Ids of the customer accounts among ``partners`` (due to return to
        the pool, as superuser) that the automatic return keeps with their
        owner (and warns nobody about). None here; crm_sales_contract keeps
        the customers with an open installment or a contract confirmed in the
        last ``company.crm_pool_keep_recent_days`` days (0: off). Override and
        add to ``super()``'s result."""
        return set()

    @api.model
    def _crm_pool_due_domain(self, ctype, on_date):
        """Customer accounts of type ``ctype`` whose owner neither got them nor
        followed them up since ``ctype.pool_return_days`` days on ``on_date``."""
        limit = on_date - timedelta(days=ctype.pool_return_days)
        return [
            ("crm_customer_type_id", "=", ctype.id),
            ("parent_id", "=", False),
            ("user_id", "!=", False),
            ("crm_owner_date", "<=", limit),
            "|",
            ("crm_last_followup_date", "=", False),
            ("crm_last_followup_date", "<=", limit),
        ]

    @api.model
    def _crm_pool_all_due_domain(self, types, today):
        domains = [self._crm_pool_due_domain(ctype, today) for ctype in types]
        if not domains:
            return []
        return expression.AND(
            [[("crm_is_customer", "=", True)], expression.OR(domains)]
        )

    def _crm_pool_due_date(self):
        self.ensure_one()
        days = self.crm_customer_type_id.pool_return_days
        if not days or not self.user_id:
            return False
        last = max(d for d in (self.crm_owner_date, self.crm_last_followup_date) if d)
        return last + timedelta(days=days)

    # ------------------------------------------------------------------
    # Business methods: follow-up, duplicates, history hook
    # ------------------------------------------------------------------
    def message_post(self, **kwargs):
        """A message or note logged by a customer's owner on the customer or
        one of its contacts is a follow-up (automatic messages, tracking and
        notifications are not)."""
        message = super().message_post(**kwargs)
        if kwargs.get("message_type", "notification") == "comment":
            user = self.env.user
            owned = self.sudo().filtered(
                lambda p: p.crm_is_customer and p.crm_owner_id == user
            )
            if owned:
                owned._crm_touch_followup()
        return message

    def _crm_touch_followup(self, date=None):
        """Record a follow-up (visit, call, log, signed contract) of these
        customers on ``date`` (default today): their "last follow-up" date moves
        forward, never back, and never past today. Callers only need read
        access to the customers."""
        self.check_access("read")
        today = fields.Date.context_today(self)
        date = min(fields.Date.to_date(date) or today, today)
        accounts = self.sudo().commercial_partner_id.filtered(
            lambda p: p.crm_is_customer
            and (not p.crm_last_followup_date or p.crm_last_followup_date < date)
        )
        if accounts:
            accounts.write({"crm_last_followup_date": date})
        return True
