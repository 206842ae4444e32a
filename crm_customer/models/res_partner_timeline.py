"""The customer's timeline (动态): what happened with a customer, newest
first, from every installed addon, limited to what the reader may read.

``partner.crm_timeline(offset=0, limit=20)`` is the public method (the form's
"Timeline" page calls it). Each addon adds a source to
``_crm_timeline_sources()``: a method of ``res.partner`` called on the customer
account as ``source(partners, limit)``, where ``partners`` are the account and
its contacts that the reader may read, returning at most ``limit`` items (dicts
made with ``_crm_timeline_item``), newest first. A source searches its model
with the reader's own rights (record rules apply), ordered by its date, with an
index on (customer, date): the hook merges the sources and cuts the page.
"""

import datetime

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_amount, html2plaintext

TIMELINE_MAX_LIMIT = 100
SUMMARY_LENGTH = 160


def _shorten(text, length=SUMMARY_LENGTH):
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"


# one class per concern (DEVELOP.md "Where things are")
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # the public method
    # ------------------------------------------------------------------
    def crm_timeline(self, offset=0, limit=20):
        """What happened with this customer (and its contacts), newest first:
        a list of ``{date, date_display, kind, kind_label, icon, title,
        summary, amount, amount_display, user, model, res_id}``, the items
        ``offset`` to ``offset + limit`` of the merged sources. Raises
        AccessError when the reader may not read the customer; items the
        reader may not read are absent; ``amount`` is False when the reader
        may not read the amount. A pool customer that the reader sees masked
        has no timeline (its history is masked like its fields)."""
        self.ensure_one()
        try:
            offset = max(0, int(offset or 0))
            limit = max(1, min(int(limit or 20), TIMELINE_MAX_LIMIT))
        except (TypeError, ValueError):
            offset, limit = 0, 20
        # the reader's own rights on the customer, then on its account
        self.check_access("read")
        account = self.commercial_partner_id
        account.check_access("read")
        if self._crm_pool_masked() and account.crm_is_pool:
            return []
        # the account and its contacts (archived ones too) that the reader reads
        partners = self.browse(
            self.with_context(active_test=False)._search(
                [("commercial_partner_id", "=", account.id)], order="id"
            )
        )
        if not partners:
            return []
        items = []
        for method in self._crm_timeline_sources():
            items += getattr(account, method)(partners, offset + limit)
        items.sort(
            key=lambda item: (item["sort_date"], item["model"], item["res_id"]),
            reverse=True,
        )
        return [
            self._crm_timeline_finish(item) for item in items[offset : offset + limit]
        ]

    # ------------------------------------------------------------------
    # the hook
    # ------------------------------------------------------------------
    @api.model
    def _crm_timeline_sources(self):
        """Names of the ``res.partner`` methods giving the timeline's items;
        extend it with ``super()._crm_timeline_sources() + ["_crm_timeline_x"]``."""
        return ["_crm_timeline_followups"]

    @api.model
    def _crm_timeline_item(
        self,
        record,
        date,
        kind,
        kind_label,
        icon,
        title,
        summary="",
        amount=None,
        currency=None,
        user=None,
        open_record=None,
    ):
        """One item of the timeline for ``record`` (read by the reader).
        ``date`` is a date or a UTC datetime; ``amount`` is given only when
        the reader may read it (see ``_crm_timeline_can_read``)."""
        if isinstance(date, datetime.datetime):
            sort_date = date
        elif date:
            sort_date = datetime.datetime.combine(date, datetime.time.min)
        else:
            sort_date = datetime.datetime.min
        # what only the page needs is formatted in _crm_timeline_finish
        return {
            "sort_date": sort_date,
            "date": date,
            "kind": kind,
            "kind_label": kind_label,
            "icon": icon,
            "title": title or "",
            "summary": summary or "",
            "amount": amount,
            "currency": currency,
            "user": user,
            "model": record._name,
            "res_id": record.id,
            "open_record": record if open_record is None else open_record,
        }

    @api.model
    def _crm_timeline_finish(self, item):
        """The item as the client gets it: texts and formatted values only."""
        date, amount, currency = item["date"], item["amount"], item["currency"]
        is_datetime = isinstance(date, datetime.datetime)
        return {
            "date": (
                fields.Datetime.to_string(date)
                if is_datetime
                else fields.Date.to_string(date)
            ),
            "date_display": self._crm_timeline_format_date(date),
            "kind": item["kind"],
            "kind_label": item["kind_label"],
            "icon": item["icon"],
            "title": item["title"],
            "summary": _shorten(item["summary"]),
            "amount": amount if amount is not None else False,
            "amount_display": (
                # currencies are public: their symbol and digits read as is
                format_amount(self.env, amount, currency.sudo())
                if amount is not None and currency
                else ""
            ),
            "user": self._crm_timeline_user_name(item["user"]),
            "model": item["model"],
            "res_id": item["res_id"],
            # what a click opens (a follow-up: the contact it was written on)
            "open_model": item["open_record"]._name,
            "open_id": item["open_record"].id,
        }

    @api.model
    def _crm_timeline_user_name(self, user):
        """The name of who did it: a user (every internal user reads the names
        of users, as the chatter shows them), or a text as is."""
        if not user:
            return ""
        if isinstance(user, str):
            return user
        if user._name == "res.users":
            return user.sudo().name
        return user.name

    @api.model
    def _crm_timeline_format_date(self, value):
        """年月日 (with the time of a datetime, in the reader's timezone) for
        Chinese readers, the date format of the reader's language otherwise
        (with hours and minutes)."""
        if not value:
            return ""
        tz = self.env.context.get("tz") or self.env.user.tz or "UTC"
        lang = self.env.context.get("lang") or self.env.user.lang or "en_US"
        if isinstance(value, datetime.datetime):
            zone = pytz.timezone(tz) if tz in pytz.all_timezones_set else pytz.utc
            value = pytz.utc.localize(value).astimezone(zone)
        if lang.startswith("zh"):
            text = f"{value.year}年{value.month:02d}月{value.day:02d}日"
            if isinstance(value, datetime.datetime):
                text += f" {value.hour:02d}:{value.minute:02d}"
            return text
        Lang = self.env["res.lang"]
        date_format = (
            Lang._get_data(code=lang).date_format
            or Lang._get_data(code="en_US").date_format
            or "%m/%d/%Y"
        )
        if isinstance(value, datetime.datetime):
            return value.strftime(f"{date_format} %H:%M")
        return value.strftime(date_format)

    @api.model
    def _crm_timeline_can_read(self, model_name, field_name):
        """Whether the reader may read ``field_name`` of ``model_name`` (the
        field's ``groups``): amounts are shown only then."""
        field = self.env[model_name]._fields.get(field_name)
        return bool(field) and field.is_accessible(self.env)

    @api.model
    def _crm_timeline_labels(self, model_name, field_name):
        """``{value: label}`` of a selection field in the reader's language."""
        field = self.env[model_name]._fields[field_name]
        return dict(field._description_selection(self.env))

    # ------------------------------------------------------------------
    # follow-ups: notes and messages on the customer and its contacts, and
    # activities marked done on them (the pool's follow-up rule)
    # ------------------------------------------------------------------
    def _crm_timeline_followups(self, partners, limit):
        Message = self.env["mail.message"]
        if not Message.has_access("read"):
            return []
        done_subtype = self.env.ref("mail.mt_activities", raise_if_not_found=False)
        type_domain = [("message_type", "in", ("comment", "email"))]
        if done_subtype:
            type_domain = [
                "|",
                ("message_type", "in", ("comment", "email")),
                "&",
                ("message_type", "=", "notification"),
                ("subtype_id", "=", done_subtype.id),
            ]
        messages = Message.search_fetch(
            [("model", "=", "res.partner"), ("res_id", "in", partners.ids)]
            + type_domain,
            [
                "date",
                "body",
                "subject",
                "message_type",
                "subtype_id",
                "author_id",
                "email_from",
            ],
            order="date desc, id desc",
            limit=limit,
        )
        followup = self.env._("Follow-up")
        done = self.env._("Activity done")
        # the author's name as the chatter shows it: an internal user's name,
        # else the sender's address of the message (read with the message)
        author_users = {
            partner.id: user
            for partner in messages.sudo().author_id
            for user in partner.user_ids[:1]
            if not partner.partner_share
        }
        items = []
        for message in messages:
            text = html2plaintext(message.body or Markup("")).strip()
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            is_done = message.message_type == "notification"
            title = message.subject or (lines[0] if lines else "")
            summary = " ".join(lines[0 if message.subject else 1 :])
            items.append(
                self._crm_timeline_item(
                    message,
                    message.date,
                    "followup",
                    done if is_done else followup,
                    "fa-check-square-o" if is_done else "fa-comments-o",
                    _shorten(title, 80) or (done if is_done else followup),
                    summary,
                    open_record=self.browse(message.res_id),
                    user=author_users.get(message.sudo().author_id.id)
                    or message.email_from
                    or "",
                )
            )
        return items
