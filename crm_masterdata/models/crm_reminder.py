from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL, sql

from .mail_thread import crm_reminder_no_follow


class CrmReminder(models.Model):
    """Log of the reminders the suite's scheduled actions sent.

    Done activities are deleted by Odoo, so "an activity exists" is no safe test
    of whether a reminder went out. Every reminder is first claimed here under a
    unique key (record, reminder key, recipient) with ``INSERT ... ON CONFLICT DO
    NOTHING``; only a claim that inserted a row creates the activity. Two cron
    workers racing on the same record therefore create one activity, and a
    second run creates none.
    """

    _name = "crm.reminder"
    _inherit = ["crm.protected.mixin"]
    # the log is written by the scheduled actions only (as superuser)
    _crm_protected_fields = (
        "res_model",
        "res_id",
        "key",
        "user_id",
        "date",
        "activity_id",
    )
    _description = "Reminder Sent"
    _order = "id desc"
    _rec_name = "key"

    # no index of its own: the unique key's index (res_model, res_id, key,
    # user_id) serves every search by model. A separate one misled PostgreSQL,
    # with the log's statistics behind its growth, into scanning every
    # installment's reminders for each candidate the reminder job checks
    res_model = fields.Char(string="Document Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", required=True, readonly=True
    )
    key = fields.Char(
        required=True,
        readonly=True,
        help="What the reminder is about, e.g. 'due_before' or 'overdue_manager'.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Recipient",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    activity_id = fields.Many2one(
        "mail.activity", string="Activity", readonly=True, ondelete="set null"
    )
    date = fields.Date(string="Due On", readonly=True)

    _sql_constraints = [
        (
            "reminder_uniq",
            "unique(res_model, res_id, key, user_id)",
            "This reminder was already sent.",
        ),
    ]

    def init(self):
        res = super().init()
        # the index that res_model had before (see the field): Odoo keeps an
        # index that a field no longer asks for
        sql.drop_index(self.env.cr, "crm_reminder__res_model_index", self._table)
        return res

    @api.model
    def _crm_send(self, reminders):
        """Send each reminder at most once.

        ``reminders`` is a list of dicts with ``record`` (one record of a model
        with ``mail.activity.mixin``), ``key``, ``user`` (res.users), ``date``,
        ``summary``, optional ``note`` and ``activity_type`` (xml id, default
        To-Do). Returns the activities created now (none for reminders already
        sent)."""
        if not reminders:
            return self.env["mail.activity"]
        rows = [
            SQL(
                "(%s, %s, %s, %s, %s, %s, now() at time zone 'UTC', %s,"
                " now() at time zone 'UTC')",
                r["record"]._name,
                r["record"].id,
                r["key"],
                r["user"].id,
                r.get("date"),
                self.env.uid,
                self.env.uid,
            )
            for r in reminders
        ]
        query = SQL(
            """INSERT INTO crm_reminder
                   (res_model, res_id, key, user_id, date, create_uid, create_date,
                    write_uid, write_date)
               VALUES %s
               ON CONFLICT (res_model, res_id, key, user_id) DO NOTHING
               RETURNING id, res_model, res_id, key, user_id""",
            SQL(", ").join(rows),
        )
        inserted = {
            (model, res_id, key, user_id): rid
            for rid, model, res_id, key, user_id in self.env.execute_query(query)
        }
        if not inserted:
            return self.env["mail.activity"]
        model_ids, type_ids = {}, {}
        sent = []
        for r in reminders:
            record = r["record"]
            rid = inserted.pop((record._name, record.id, r["key"], r["user"].id), None)
            if rid:
                sent.append((rid, r))
        names = self._crm_record_names(r["record"] for _rid, r in sent)
        vals_list, reminder_ids, followers = [], [], defaultdict(set)
        for rid, r in sent:
            record, user = r["record"], r["user"]
            if record._name not in model_ids:
                model_ids[record._name] = self.env["ir.model"]._get_id(record._name)
            type_xmlid = r.get("activity_type") or "mail.mail_activity_data_todo"
            if type_xmlid not in type_ids:
                type_ids[type_xmlid] = self.env["ir.model.data"]._xmlid_to_res_id(
                    type_xmlid, raise_if_not_found=True
                )
            vals_list.append(
                {
                    "res_model_id": model_ids[record._name],
                    # given, so that the ORM does not recompute the name one
                    # record at a time (see below)
                    "res_name": names[record._name, record.id],
                    "res_id": record.id,
                    "user_id": user.id,
                    "user_tz": user.sudo().tz,
                    "date_done": False,
                    "activity_type_id": type_ids[type_xmlid],
                    "summary": r["summary"],
                    "note": r.get("note") or False,
                    "date_deadline": r.get("date") or fields.Date.context_today(self),
                }
            )
            reminder_ids.append(rid)
            followers[record._name].add((record.id, user.sudo().partner_id.id))
        Activity = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
        )
        # the recipient gets the activity on their list; they do not follow the
        # reminded record (set in server code only: no context key does this)
        with crm_reminder_no_follow(followers):
            activities = Activity.create(vals_list)
        # res_name, user_tz and date_done are stored computed fields that
        # create() marks for recomputation although their values were given:
        # they are right, and recomputing them costs a query per activity
        # (res_name) or an UPDATE of every new row at the flush (date_done)
        for fname in ("res_name", "user_tz", "date_done"):
            self.env.remove_to_compute(Activity._fields[fname], activities)
        # link the log rows to their activities in one statement
        pairs = SQL(", ").join(
            SQL("(%s, %s)", rid, activity.id)
            for rid, activity in zip(reminder_ids, activities, strict=True)
        )
        self.env.execute_query(
            SQL(
                """UPDATE crm_reminder r SET activity_id = v.activity_id
                     FROM (VALUES %s) AS v(id, activity_id)
                    WHERE r.id = v.id""",
                pairs,
            )
        )
        self.invalidate_model(["activity_id"])
        return activities

    @api.model
    def _crm_record_names(self, records):
        """{(model, id): display name} of ``records``, read per model in one go
        (as superuser, as mail.activity computes ``res_name``)."""
        ids = defaultdict(list)
        for record in records:
            ids[record._name].append(record.id)
        names = {}
        for model, res_ids in ids.items():
            for record in self.env[model].sudo().browse(res_ids):
                names[model, record.id] = record.display_name
        return names

    @api.model
    def _crm_drop(self, records, keys=None):
        """Remove the open activities of the reminders sent for ``records``
        (e.g. an installment that got paid); the log stays, so they are not sent
        again."""
        domain = [("res_model", "=", records._name), ("res_id", "in", records.ids)]
        if keys:
            domain.append(("key", "in", list(keys)))
        sent = self.sudo().search(domain)
        sent.activity_id.unlink()
        return sent
