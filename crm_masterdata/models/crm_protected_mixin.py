"""Protected fields and scoped links: the trust rules of DESIGN.md.

Every client (web client, mobile app, XML-RPC script) reaches the same
``create`` and ``write`` with whatever context it chooses to send, so:

* a field listed in ``_crm_protected_fields`` (states, amounts paid or
  allocated, approvers and approval stamps, cancellation flags, numbers,
  confirmation marks) is refused by ``create``/``write`` unless the call runs
  as superuser (``env.su``): only the model's own methods change it, after
  their checks, with ``self.sudo()``. A context key never lifts the refusal;
* a many2one or many2many listed in ``_crm_link_access`` points at other
  scoped records; after a ``create``/``write`` that sets it, the current user
  must hold the named access (``read`` or ``write``) on the record a many2one
  now points at, and on every record a many2many gained (links already there,
  put by someone who could read them, are not checked again: a manager who
  edits a subordinate's log keeps the customers the subordinate linked). A
  ``default_<link>`` context key is checked as if it were in the values.
"""

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError


class CrmProtectedMixin(models.AbstractModel):
    _name = "crm.protected.mixin"
    _description = "Protected Fields and Scoped Links"

    # fields that change only in the model's own methods (with sudo())
    _crm_protected_fields = ()
    # {many2one or many2many field: "read" | "write"}: access needed on the
    # linked record (many2many: on each record added)
    _crm_link_access = {}

    # ------------------------------------------------------------------
    # checks
    # ------------------------------------------------------------------
    def _crm_notify(self, message, kind="success", close=False):
        """What a button returns: a short notification, in the user's
        language, saying what happened; then the view reloads (``close``:
        the wizard's dialog closes and the form below it reloads).

        Every ``action_*`` a user clicks in the suite ends with it; scripts
        get the same dictionary back and can ignore it."""
        follow = (
            {"type": "ir.actions.act_window_close"}
            if close
            else {"type": "ir.actions.client", "tag": "soft_reload"}
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": kind,
                "sticky": False,
                "next": follow,
            },
        }

    def _crm_protected_message(self, names):
        labels = ", ".join(
            sorted(self._fields[name]._description_string(self.env) for name in names)
        )
        return _(
            "%(fields)s of %(model)s can only be changed by the record's own "
            "actions (its buttons), not written directly.",
            fields=labels,
            model=self._description,
        )

    @api.model
    def _crm_check_protected_create(self, vals_list):
        if self.env.su or not self._crm_protected_fields:
            return
        protected = set(self._crm_protected_fields)
        given = set()
        for vals in vals_list:
            given |= protected & set(vals)
        if not given:
            return
        defaults = self.default_get(list(given))
        refused = set()
        for vals in vals_list:
            for name in protected & set(vals):
                value = vals[name]
                field = self._fields[name]
                default = defaults.get(name)
                if value in (False, None, 0, 0.0, "", [], ()):
                    continue
                if field.type == "many2one" and isinstance(value, models.BaseModel):
                    value = value.id
                if default is not None and value == default:
                    continue
                refused.add(name)
        if refused:
            raise UserError(self._crm_protected_message(refused))

    def _crm_check_protected_write(self, vals):
        if self.env.su or not self._crm_protected_fields:
            return
        refused = set(self._crm_protected_fields) & set(vals)
        if refused:
            raise UserError(self._crm_protected_message(refused))

    def _crm_link_message(self, name, operation):
        """The refusal of a many2many link, in the caller's language (the
        context's, else the user's own: an XML-RPC script sends no context)."""
        lang = self.env.lang or self.env.user._crm_lang()
        record = self.with_context(lang=lang)
        field = self._fields[name]
        values = {
            "model": record.env[field.comodel_name]._description,
            "record": record._description,
            "field": field._description_string(record.env),
        }
        if operation == "write":
            return record.env._(
                "You cannot link %(model)s records that you may not change to "
                "this %(record)s (field %(field)s).",
                **values,
            )
        return record.env._(
            "You cannot link %(model)s records that you may not read to this "
            "%(record)s (field %(field)s).",
            **values,
        )

    def _crm_m2m_snapshot(self, names):
        """{(record id, many2many name): linked ids}, read as superuser: read as
        the user, a many2many hides the records their rules filter out, which
        would let an unreadable record through unseen."""
        records = self.sudo().with_context(active_test=False)
        return {
            (record.id, name): set(record[name].ids)
            for record in records
            for name in names
        }

    def _crm_m2m_prefetch_active(self, names, snapshot):
        """Odoo's many2many write reads the ``active`` flag of the records
        already linked, as the caller: a link to a customer the caller may not
        read (put there by someone who could) would make any change of that
        list fail. Read as superuser first (the cache is shared), it reveals
        nothing to the caller and keeps the rule: links already there never
        need access to them."""
        for name in names:
            Comodel = self.env[self._fields[name].comodel_name]
            if not Comodel._active_name:
                continue
            linked = set()
            for (_record_id, link), ids in snapshot.items():
                if link == name:
                    linked |= ids
            Comodel.sudo().browse(sorted(linked)).mapped(Comodel._active_name)

    def _crm_link_m2m_names(self, names):
        return [name for name in names if self._fields[name].type == "many2many"]

    def _crm_check_links(self, names):
        """The current user holds the declared access on the records that the
        links ``names`` of ``self`` point at (after the values are applied);
        a many2many among them is checked on every record it links (``write``
        checks only what it added: ``_crm_check_m2m_links``)."""
        if self.env.su:
            return
        m2m = set(self._crm_link_m2m_names(names))
        for name in sorted(set(names) - m2m):
            operation = self._crm_link_access.get(name)
            if not operation:
                continue
            targets = self.mapped(name)
            if targets:
                targets.check_access(operation)
        if m2m:
            self._crm_check_m2m_links(m2m)

    def _crm_check_m2m_links(self, names, before=None):
        """The current user holds the declared access on the records that the
        many2many links ``names`` gained since ``before`` (a snapshot of
        ``_crm_m2m_snapshot``; none: every linked record is new)."""
        if self.env.su or not names:
            return
        after = self._crm_m2m_snapshot(names)
        before = before or {}
        for name in sorted(names):
            operation = self._crm_link_access.get(name)
            if not operation:
                continue
            added = set()
            for record in self:
                added |= after[record.id, name] - before.get((record.id, name), set())
            if not added:
                continue
            # the caller's rights, not sudo
            targets = self.env[self._fields[name].comodel_name].browse(sorted(added))
            try:
                targets.check_access(operation)
            except AccessError as error:
                raise AccessError(self._crm_link_message(name, operation)) from error

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model
    def _crm_without_protected_defaults(self):
        """``self`` without the ``default_<protected field>`` context keys a
        client may send: a context default is no way around the refusal."""
        if self.env.su or not self._crm_protected_fields:
            return self
        keys = {f"default_{name}" for name in self._crm_protected_fields}
        if not keys & set(self.env.context):
            return self
        context = {k: v for k, v in self.env.context.items() if k not in keys}
        # keys are removed, which only the dict form of with_context can do
        return self.with_context(context)  # pylint: disable=context-overridden

    @api.model_create_multi
    def create(self, vals_list):
        self = self._crm_without_protected_defaults()
        self._crm_check_protected_create(vals_list)
        records = super().create(vals_list)
        if self._crm_link_access and not self.env.su:
            links = set(self._crm_link_access)
            # a default from the context links as the values do
            names = {name for name in links if f"default_{name}" in self.env.context}
            for vals in vals_list:
                names |= links & set(vals)
            records._crm_check_links(names)
        return records

    def write(self, vals):
        self._crm_check_protected_write(vals)
        names = set()
        if self._crm_link_access and not self.env.su:
            names = set(self._crm_link_access) & set(vals)
        m2m = self._crm_link_m2m_names(names)
        before = self._crm_m2m_snapshot(m2m) if m2m else None
        if before:
            self._crm_m2m_prefetch_active(m2m, before)
        res = super().write(vals)
        if names:
            self._crm_check_links(names - set(m2m))
            self._crm_check_m2m_links(m2m, before)
        return res
