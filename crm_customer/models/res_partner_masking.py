"""Customers on res.partner: masking of pool accounts for salespeople below
the All level.

Masking is an allowlist (DESIGN.md "Trust"): of a pool account, such a user
reads only the fields of ``POOL_VISIBLE_FIELDS`` (who and what the customer
is, its owner history, what the interface needs); every other field reads
blank by every path:

* ``read``/``search_read``/``web_read`` (and ``mail``'s partner data, which
  reads through ``_read_format``);
* search: a leaf on a masked field finds no pool account, whatever the
  operator, also through another model (``partner_id.phone``) or a search
  field (``phone_mobile_search``), and ``name_search`` matches a pool account
  on its name only (not its e-mail, VAT or reference);
* ``read_group``: a pool account groups under a blank label and adds nothing
  to aggregates of a masked field;
* ordering: pool accounts sort as if the masked field were blank;
* ``display_name`` in any context (``show_address``, ``show_email``...): the
  name only;
* export, also through another record (``partner_id/phone``).
"""

import itertools

from odoo import api, models
from odoo.models import READ_GROUP_AGGREGATE
from odoo.osv import expression
from odoo.tools import SQL

# The fields of a pool account that salespeople below the All level read.
POOL_VISIBLE_FIELDS = frozenset(
    {
        # identity and classification
        "id",
        "display_name",
        "name",
        "complete_name",
        "is_company",
        "company_type",
        "type",
        "active",
        "company_id",
        "crm_customer_code",
        "crm_customer_type_id",
        "crm_customer_category_id",
        "category_id",
        "crm_level",
        "crm_source_id",
        "crm_region",
        "industry_id",
        # structure (the rules, the form and the contacts list)
        "parent_id",
        "commercial_partner_id",
        "child_ids",
        "partner_share",
        "crm_is_customer",
        "crm_is_pool",
        "crm_in_scope",
        "crm_contact_count",
        # owner history and pool dates
        "user_id",
        "crm_owner_id",
        "crm_department_id",
        "crm_owner_date",
        "crm_previous_owner_id",
        "crm_released_date",
        "crm_release_reason",
        "crm_days_in_pool",
        "crm_last_followup_date",
        "crm_days_no_followup",
        "create_date",
        "write_date",
    }
)
# export paths that are no field
EXPORT_VISIBLE = frozenset({"id", ".id"})


# one class per concern (DEVELOP.md "Where things are")
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _crm_pool_masked(self, display=False):
        """Whether the current user reads pool customers masked: salespeople
        below the All level of the sales app. Not as superuser, except with
        ``display``: display names are shown to the user even when Odoo computes
        them as superuser (``name_search``, many2one values of ``web_read``)."""
        if self.env.su and not display:
            return False
        user = self.env.user
        return user.has_group(
            "crm_masterdata.crm_masterdata_group_sales_own"
        ) and not user.has_group("crm_masterdata.crm_masterdata_group_sales_all")

    @api.model
    def _crm_pool_field_masked(self, fname):
        """Whether ``fname`` (a field name, or a path whose first step is one)
        is masked on pool accounts; only call when ``_crm_pool_masked()``."""
        return fname.split(".", 1)[0] not in POOL_VISIBLE_FIELDS

    # ------------------------------------------------------------------
    # read
    # ------------------------------------------------------------------
    def _read_format(self, fnames, load="_classic_read"):
        """``_read_format`` serves ``read``, ``search_read``, ``web_read`` and
        so every RPC read."""
        result = super()._read_format(fnames, load=load)
        if not self._crm_pool_masked():
            return result
        masked = [f for f in fnames if self._crm_pool_field_masked(f)]
        if not masked:
            return result
        pool_ids = set(self.filtered("crm_is_pool").ids)
        if pool_ids:
            blank = {
                fname: []
                if self._fields[fname].type in ("one2many", "many2many")
                # a field unknown to the model is left to Odoo (it raises)
                else False
                for fname in masked
                if fname in self._fields
            }
            for vals in result:
                if vals.get("id") in pool_ids:
                    vals.update(blank)
        return result

    def onchange(self, values, field_names, fields_spec):
        """The form's onchange of a pool account returns its masked fields
        blank, as reading does."""
        result = super().onchange(values, field_names, fields_spec)
        if (
            self._origin.ids
            and self._crm_pool_masked()
            and any(self._origin.sudo().mapped("crm_is_pool"))
        ):
            changed = result.get("value", {})
            for fname in list(changed):
                field = self._fields.get(fname)
                if (
                    field
                    and self._crm_pool_field_masked(fname)
                    and field.type not in ("one2many", "many2many")
                ):
                    changed[fname] = False
        return result

    @api.depends_context("uid")
    def _compute_display_name(self):
        """A pool account shows its name only, whatever the context asks
        (address, e-mail, VAT), also when Odoo computes it as superuser for
        the user (``name_search``, many2one values of ``web_read``). Cached
        per user (and superuser flag)."""
        super()._compute_display_name()
        if not self._crm_pool_masked(display=True):
            return
        for partner in self:
            if partner.crm_is_pool:
                partner.display_name = partner.with_context(
                    lang=self.env.lang
                )._get_complete_name()

    def _get_mail_message_access(self, res_ids, operation, model_name=None):
        """Reading the messages of a pool account needs the right to edit it
        for those who read it masked: its chatter (notes of former owners,
        e-mails) tells what its masked fields hide. (``mail.message`` asks
        once for a batch of partners: with a pool account among them, the
        batch needs the stricter right.)"""
        operation = super()._get_mail_message_access(
            res_ids, operation, model_name=model_name
        )
        if operation == "read" and self._crm_pool_masked():
            partners = self.sudo().browse(res_ids)
            if any(partners.mapped("crm_is_pool")):
                return "write"
        return operation

    # ------------------------------------------------------------------
    # search
    # ------------------------------------------------------------------
    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """A leaf on a masked field finds no pool account: the value cannot be
        guessed by searching. Other models search partners through here too
        (``partner_id.phone``)."""
        if domain and self._crm_pool_masked():
            domain = self._crm_mask_pool_domain(domain)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _crm_mask_pool_domain(self, domain):
        """``domain`` where no leaf on a masked field holds for a pool account:
        ``leaf AND not pool``, or ``leaf OR pool`` under a negation (``!``), so
        that the pool accounts match neither a condition nor its negation."""
        domain = expression.normalize_domain(list(domain))
        result = []

        def walk(index, negated):
            token = domain[index]
            if token == "!":
                result.append(token)
                return walk(index + 1, not negated)
            if token in ("&", "|"):
                result.append(token)
                return walk(walk(index + 1, negated), negated)
            if (
                isinstance(token, list | tuple)
                and len(token) == 3
                and isinstance(token[0], str)
                and self._crm_pool_field_masked(token[0])
            ):
                if negated:
                    result.extend(["|", tuple(token), ("crm_is_pool", "=", True)])
                else:
                    result.extend(["&", tuple(token), ("crm_is_pool", "=", False)])
            else:
                result.append(token)
            return index + 1

        index = 0
        while index < len(domain):
            index = walk(index, False)
        return result

    @api.model
    def _search_display_name(self, operator, value):
        """``name_search`` and searches on the display name match a pool
        account on its name only, not on its e-mail, reference or VAT."""
        domain = super()._search_display_name(operator, value)
        if not self._crm_pool_masked():
            return domain
        return [
            "|",
            "&",
            ("crm_is_pool", "=", False),
            *domain,
            "&",
            ("crm_is_pool", "=", True),
            ("complete_name", operator, value),
        ]

    # ------------------------------------------------------------------
    # read_group and ordering
    # ------------------------------------------------------------------
    def _crm_pool_blank_sql(self, alias, sql):
        """``sql`` (a value of the row ``alias``), NULL for pool accounts."""
        return SQL(
            "(CASE WHEN %s THEN NULL ELSE %s END)",
            SQL.identifier(alias, "crm_is_pool"),
            sql,
        )

    def _read_group_groupby(self, groupby_spec, query):
        """Pool accounts group under a blank label of a masked field."""
        sql = super()._read_group_groupby(groupby_spec, query)
        if self._crm_pool_masked() and self._crm_pool_field_masked(
            groupby_spec.split(":", 1)[0]
        ):
            sql = self._crm_pool_blank_sql(self._table, sql)
        return sql

    def _read_group_select(self, aggregate_spec, query):
        """Aggregates of a masked field leave the pool accounts out."""
        sql = super()._read_group_select(aggregate_spec, query)
        if aggregate_spec == "__count" or not self._crm_pool_masked():
            return sql
        fname, __, func = aggregate_spec.partition(":")
        if not self._crm_pool_field_masked(fname):
            return sql
        field_sql = self._crm_pool_blank_sql(
            self._table, self._field_to_sql(self._table, fname, query)
        )
        return READ_GROUP_AGGREGATE[func](self._table, field_sql)

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        """Pool accounts sort as if a masked field were blank. (A masked
        many2one then sorts every account by the linked record's id, not its
        name: the comodel's order would sort the pool accounts too.)"""
        if not (self._crm_pool_masked() and self._crm_pool_field_masked(field_name)):
            return super()._order_field_to_sql(
                alias, field_name, direction, nulls, query
            )
        fname = field_name.split(".", 1)[0]
        field = self._fields[fname]
        sql_field = self._field_to_sql(
            alias, fname if field.type == "many2one" else field_name, query
        )
        if field.type == "boolean":
            sql_field = SQL("COALESCE(%s, FALSE)", sql_field)
        sql_field = self._crm_pool_blank_sql(alias, sql_field)
        if query.groupby:
            query.groupby = SQL("%s, %s", query.groupby, sql_field)
        return SQL("%s %s %s", sql_field, direction, nulls)

    # ------------------------------------------------------------------
    # export
    # ------------------------------------------------------------------
    def _export_rows(self, fields, *, _is_toplevel_call=True):
        """Exports blank the pool accounts' masked fields as reading does (also
        when partners are exported through another record, e.g.
        ``partner_id/phone``)."""
        if not self or not self._crm_pool_masked():
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        columns = [
            index
            for index, path in enumerate(fields)
            if path
            and path[0] not in EXPORT_VISIBLE
            and self._crm_pool_field_masked(path[0])
        ]
        if not columns:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        lines = []
        # consecutive runs of pool / other accounts keep the export's order
        for in_pool, run in itertools.groupby(self, key=lambda p: p.crm_is_pool):
            records = self.browse([partner.id for partner in run])
            rows = super(ResPartner, records)._export_rows(
                fields, _is_toplevel_call=_is_toplevel_call
            )
            if in_pool:
                for row in rows:
                    for index in columns:
                        row[index] = ""
            lines += rows
        return lines
