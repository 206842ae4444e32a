import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models

from odoo.addons.crm_masterdata.jobs import in_company_tz

_logger = logging.getLogger(__name__)

# the levels whose members get the morning digest (they have people in scope)
DIGEST_LEVELS = ("subordinates", "department", "department_tree", "all")
# at most this many names in a digest's note
DIGEST_MAX_NAMES = 50


class CrmWorkDay(models.Model):
    """A working day of a company and its daily logs: who wrote one and who
    did not (submission completeness). The morning job records the previous
    working day and sends, once each (crm.reminder), the digest to each
    manager and the reminder to each person who missed their log; both
    activities open this record, which lists the people of the reader's
    scope."""

    _name = "crm.work.day"
    _inherit = ["crm.protected.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Work Log Day"
    _order = "date desc"
    _rec_name = "date"
    _crm_protected_fields = ("date", "company_id")

    date = fields.Date(required=True, readonly=True, index=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    written_count = fields.Integer(
        string="Written", compute="_compute_completeness", compute_sudo=False
    )
    missing_count = fields.Integer(
        string="Missing", compute="_compute_completeness", compute_sudo=False
    )
    completion_rate = fields.Float(
        string="Completeness (%)", compute="_compute_completeness", compute_sudo=False
    )
    missing_user_ids = fields.Many2many(
        "res.users",
        string="Without a Daily Log",
        compute="_compute_completeness",
        compute_sudo=False,
    )

    _sql_constraints = [
        ("day_uniq", "unique(company_id, date)", "This day is already recorded."),
    ]

    @api.depends("date", "company_id")
    @api.depends_context("uid")
    def _compute_completeness(self):
        for day in self:
            stats = self.env["crm.work.log"]._crm_completeness(
                day.date, company=day.company_id
            )
            day.written_count = len(stats["written"])
            day.missing_count = len(stats["missing"])
            total = day.written_count + day.missing_count
            day.completion_rate = 100.0 * day.written_count / total if total else 0.0
            day.missing_user_ids = self.env["res.users"].browse(stats["missing"])

    def _compute_display_name(self):
        for day in self:
            day.display_name = day.env._(
                "Daily logs of %(date)s",
                date=day.date and day.date.strftime("%Y-%m-%d"),
            )

    def action_view_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_worklog.crm_work_log_action"
        )
        action["domain"] = [("kind", "=", "daily"), ("date", "=", self.date)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # the morning job
    # ------------------------------------------------------------------
    @api.model
    def _crm_previous_working_day(self, company, today):
        for offset in range(1, 32):
            day = today - timedelta(days=offset)
            if company._crm_is_working_day(day):
                return day
        return today - timedelta(days=1)

    @api.model
    @in_company_tz
    def _cron_morning_digest(self, today=None):
        """On each working day: the digest of the previous working day's
        daily logs to every manager whose Work scope holds other people, and a
        reminder to each person who did not write theirs. Each is sent once
        (the reminder log), so a rerun sends nothing; nothing is sent on a
        non-working day of the company's calendar."""
        sent = 0
        for company in self.env["res.company"].sudo().search([]):
            day_today = today or fields.Date.context_today(
                self.with_context(tz=company.partner_id.tz or "Asia/Shanghai")
            )
            if not company._crm_is_working_day(day_today):
                continue
            try:
                with self.env.cr.savepoint():
                    sent += self._crm_send_digest(company, day_today)
            except Exception:
                _logger.exception("Work log digest failed for %s", company.name)
                self.env.invalidate_all()
        return sent

    @api.model
    def _crm_send_digest(self, company, today):
        log_day = self._crm_previous_working_day(company, today)
        Day = self.sudo()
        day = Day.search([("company_id", "=", company.id), ("date", "=", log_day)])
        if not day:
            day = Day.create({"company_id": company.id, "date": log_day})
        Log = self.env["crm.work.log"].sudo()
        stats = Log._crm_completeness(log_day, company=company, user_ids=None)
        missing = set(stats["missing"])
        users = self.env["res.users"].sudo().browse(stats["written"] + stats["missing"])
        reminders = []
        date_label = log_day.strftime("%Y-%m-%d")
        for user in users.filtered(lambda u: u.id in missing):
            _ = day.with_context(lang=user._crm_lang()).env._
            reminders.append(
                {
                    "record": day,
                    "key": "missing_log",
                    "user": user,
                    "date": today,
                    "summary": _("Write your daily log of %(date)s", date=date_label),
                }
            )
        for manager in self._crm_digest_managers(company):
            visible = manager._crm_scope_user_ids("work")
            if visible is None:
                people = users
            else:
                people = users.filtered(lambda u, v=set(visible): u.id in v)
            people -= manager
            if not people:
                continue
            absent = people.filtered(lambda u: u.id in missing)
            _ = day.with_context(lang=manager._crm_lang()).env._
            summary = _(
                "Daily logs of %(date)s: %(written)s written, %(missing)s missing",
                date=date_label,
                written=len(people) - len(absent),
                missing=len(absent),
            )
            note = False
            if absent:
                names = ", ".join(absent[:DIGEST_MAX_NAMES].mapped("name"))
                if len(absent) > DIGEST_MAX_NAMES:
                    names += " …"
                note = Markup("<p>%s</p>") % _("Missing: %(names)s", names=names)
            reminders.append(
                {
                    "record": day,
                    "key": "digest",
                    "user": manager,
                    "date": today,
                    "summary": summary,
                    "note": note,
                }
            )
        self.env["crm.reminder"].sudo()._crm_send(reminders)
        return len(reminders)

    @api.model
    def _crm_digest_managers(self, company):
        groups = (
            self.env["res.groups"]
            .sudo()
            .search(
                [
                    ("crm_scope_app", "=", "work"),
                    ("crm_scope_level", "in", DIGEST_LEVELS),
                ]
            )
        )
        return groups.users.filtered(
            lambda u: u.active
            and not u.share
            and not u._is_superuser()
            and company in u.company_ids
        )
