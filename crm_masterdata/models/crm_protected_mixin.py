"""Protected fields and scoped links: the trust rules of DESIGN.md.

Every client (web client, mobile app, XML-RPC script) reaches the same
``create`` and ``write`` with whatever context it chooses to send, so:

* a field listed in ``_crm_protected_fields`` (states, amounts paid or
  allocated, approvers and approval stamps, cancellation flags, numbers,
  confirmation marks) is refused by ``create``/``write`` unless the call runs
  as superuser (``env.su``): only the model's own methods change it, after
  their checks, with ``self.sudo()``. A context key never lifts the refusal;
* a many2one listed in ``_crm_link_access`` points at another scoped record;
  after a ``create``/``write`` that sets it, the current user must hold the
  named access (``read`` or ``write``) on the record it now points at.
"""

from odoo import _, api, models
from odoo.exceptions import UserError


class CrmProtectedMixin(models.AbstractModel):
    _name = "crm.protected.mixin"
    _description = "Protected Fields and Scoped Links"

    # fields that change only in the model's own methods (with sudo())
    _crm_protected_fields = ()
    # {many2one field: "read" | "write"}: access needed on the linked record
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

    def _crm_check_links(self, names):
        """The current user holds the declared access on the records that the
        links ``names`` of ``self`` point at (after the values are applied)."""
        if self.env.su:
            return
        for name in names:
            operation = self._crm_link_access.get(name)
            if not operation:
                continue
            targets = self.mapped(name)
            if targets:
                targets.check_access(operation)

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
            names = set()
            for vals in vals_list:
                names |= set(self._crm_link_access) & set(vals)
            records._crm_check_links(names)
        return records

    def write(self, vals):
        self._crm_check_protected_write(vals)
        res = super().write(vals)
        if self._crm_link_access and not self.env.su:
            self._crm_check_links(set(self._crm_link_access) & set(vals))
        return res
