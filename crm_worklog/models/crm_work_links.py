"""Helpers of crm_worklog's scoped links.

The many2many link check that lived here (``crm.work.link.mixin``) is now
``crm.protected.mixin``'s ``_crm_link_access`` (crm_masterdata), which takes
many2one and many2many fields; ``crm.work.link.mixin`` stays as an empty alias
for code that still inherits it.
"""

from odoo import models
from odoo.exceptions import UserError
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
    """Alias of ``crm.protected.mixin``: declare many2many links in
    ``_crm_link_access``."""

    _name = "crm.work.link.mixin"
    _inherit = "crm.protected.mixin"
    _description = "Scoped Many2many Links"
