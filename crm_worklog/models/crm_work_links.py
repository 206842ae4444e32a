"""Scoped many2many links: ``crm.protected.mixin``'s ``_crm_link_access``
checks many2one links; a log or task links several customers and tasks, so
the records each create/write adds to a many2many need the access too.

The check compares the links before and after the write as superuser (a
many2many read as the user hides the records their rules filter out, which
would let an unreadable record through unseen), and checks the named access,
as the current user, on the records that were added. Links already there
(put by someone who could read them) are not checked again: a manager who
edits a subordinate's log keeps the customers the subordinate linked.
"""

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL


def any_of_users(model, table, key, column, operator, value):
    """Domain of the records of ``model`` whose rows in ``table`` (``key``: the
    record, ``column``: a user) name one of the users ``value``, written as
    ``id = ANY(ARRAY(SELECT ...))``: an index condition that PostgreSQL
    combines with the owner's index (a BitmapOr) when a record rule ORs both,
    where ``id IN (SELECT ...)`` would make it scan the whole table in the
    list's order and filter each row."""
    if operator != "in" or not isinstance(value, list | tuple):
        raise UserError(
            model.env._("Unsupported search on %(model)s.", model=model._description)
        )
    ids = [int(v) for v in value if v]
    return [
        (
            "id",
            "=",
            SQL(
                "ANY(ARRAY(SELECT %s FROM %s WHERE %s = ANY(%s)))",
                SQL.identifier(key),
                SQL.identifier(table),
                SQL.identifier(column),
                ids,
            ),
        )
    ]


class CrmWorkLinkMixin(models.AbstractModel):
    _name = "crm.work.link.mixin"
    _description = "Scoped Many2many Links"

    # {many2many field: "read" | "write"}: access needed on each added record
    _crm_m2m_link_access = {}

    def _crm_m2m_snapshot(self, names):
        records = self.sudo().with_context(active_test=False)
        return {
            (record.id, name): set(record[name].ids)
            for record in records
            for name in names
        }

    def _crm_check_m2m_links(self, names, before=None):
        if self.env.su or not names:
            return
        before = before or {}
        after = self._crm_m2m_snapshot(names)
        for name in sorted(names):
            added = set()
            for record in self:
                added |= after[record.id, name] - before.get((record.id, name), set())
            if not added:
                continue
            field = self._fields[name]
            targets = self.env[field.comodel_name].browse(sorted(added))
            try:
                targets.check_access(self._crm_m2m_link_access[name])
            except AccessError as error:
                raise UserError(
                    _(
                        "You cannot link %(model)s records that you may not "
                        "read to this %(record)s (field %(field)s).",
                        model=self.env[field.comodel_name]._description,
                        record=self._description,
                        field=field._description_string(self.env),
                    )
                ) from error

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if self._crm_m2m_link_access and not self.env.su:
            names = set()
            for vals in vals_list:
                names |= set(self._crm_m2m_link_access) & set(vals)
            records._crm_check_m2m_links(names)
        return records

    def write(self, vals):
        names = set(self._crm_m2m_link_access) & set(vals)
        if not names or self.env.su:
            return super().write(vals)
        before = self._crm_m2m_snapshot(names)
        res = super().write(vals)
        self._crm_check_m2m_links(names, before)
        return res
