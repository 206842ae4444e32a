from odoo import models

from odoo.addons.crm_masterdata.models.crm_scope_search_mixin import (
    scope_rule_implied,
)


class ResUsers(models.Model):
    _inherit = "res.users"

    def _crm_customer_rule_domain(self, mode="read"):
        """Record-rule domain of customers (res.partner) for this user.

        Only customer partners are restricted (``crm_is_customer``); a contact
        carries its company's owner in ``crm_owner_id`` and so follows it.
        ``read``: non-customers, pool accounts (not their contacts) and the
        customers owned by the users in this user's sales scope. ``write`` (write,
        create, unlink): non-customers and own customers, or every customer in
        scope with "edit within scope". Each arm compares a stored, indexed column
        with literal values (DESIGN.md performance notes).
        """
        self.ensure_one()
        if mode == "read" and scope_rule_implied(self.env, "res.partner"):
            # the search's own top-level "within my scope" leaf holds the scope
            return [(1, "=", 1)]
        if mode == "read":
            user_ids = self._crm_customer_scope_user_ids()
            if user_ids is None:
                return [(1, "=", 1)]
            return [
                "|",
                "|",
                ("crm_is_customer", "=", False),
                ("crm_is_pool", "=", True),
                ("crm_owner_id", "in", user_ids),
            ]
        if self._crm_scope_can_edit("sales"):
            user_ids = self._crm_customer_scope_user_ids()
            if user_ids is None:
                return [(1, "=", 1)]
        else:
            user_ids = [self.id]
        return ["|", ("crm_is_customer", "=", False), ("crm_owner_id", "in", user_ids)]

    def _crm_customer_rule_domain_no_role(self):
        """Record-rule domain of partners for every internal user (the rule of
        ``base.group_user``): a user without a role in the sales app reads and
        edits no customer and none of their contacts; every other partner
        (users, employees, companies, suppliers, followers) stays as Odoo has
        it. For a salesperson the domain is empty (``[(0, "=", 1)]``), so that
        their sales rules alone decide (group rules are combined with OR).
        Finance staff read customers through their own rule."""
        self.ensure_one()
        if self.has_group("crm_masterdata.crm_masterdata_group_sales_own"):
            return [(0, "=", 1)]
        return [("crm_is_customer", "=", False)]

    def _crm_customer_scope_user_ids(self):
        """Owners of the customers this user reads: the sales app's scope
        (``None`` for the All level), cached per user by crm_masterdata."""
        return self._crm_scope_user_ids("sales")
