"""Customers on res.partner: read tuning (fewer queries for lists and forms)."""

from odoo import api, models

# Columns of the customer record rules (and Odoo's company rule on partners)
RULE_FIELDS = (
    "crm_is_customer",
    "crm_is_pool",
    "crm_owner_id",
    "partner_share",
    "company_id",
)
# What One2many.read() fetches of the lines before reading their values
STRUCTURE_FIELDS = {"parent_id", "active"}


# one class per concern (DEVELOP.md "Where things are")
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _crm_extra_fetch_fields(self, field_names, whole_row=False):
        """Fields to fetch along with ``field_names`` so that reading them needs
        no second query: the columns of the record rules (Odoo checks them in
        Python on the fetched records, and ``crm_is_pool`` serves masking), and
        with ``whole_row`` the other columns a record access would prefetch
        (the computed fields of a form read some of them)."""
        if self.env.su or not field_names:
            return []
        extra = [f for f in RULE_FIELDS if f not in field_names]
        if whole_row:
            extra += [
                field.name
                for field in self._fields.values()
                if field.prefetch is True
                and field.column_type
                and field.is_accessible(self.env)
                and field.name not in field_names
                and field.name not in extra
            ]
        return extra

    @api.model
    def search_fetch(self, domain, field_names, offset=0, limit=None, order=None):
        # a one2many (the contacts of a form) asks for its lines' parent and
        # active flag only, then reads the lines' values: fetch them at once
        extra = self._crm_extra_fetch_fields(
            field_names, whole_row=set(field_names) <= STRUCTURE_FIELDS
        )
        if extra:
            field_names = list(field_names) + extra
        return super().search_fetch(
            domain, field_names, offset=offset, limit=limit, order=order
        )

    def read(self, fields=None, load="_classic_read"):
        records = self._origin
        if fields and records and not self.env.su:
            wanted = [f for f in fields if f in self._fields and f != "id"]
            # only when something is missing (a form, not a list that
            # search_fetch() filled): fetch() would check the rules in Python
            # on cached records, and super().read() does it again
            if records._determine_fields_to_fetch(wanted, ignore_when_in_cache=True):
                records.fetch(
                    wanted
                    + self._crm_extra_fetch_fields(wanted, whole_row=len(records) == 1)
                )
        return super().read(fields, load=load)
