from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class CrmCustomerHandover(models.TransientModel):
    """交接: when someone leaves, all their customers go to another salesperson
    or to the pool in one action; each customer's chatter keeps the history."""

    _name = "crm.customer.handover"
    _description = "Hand Over Customers"

    from_user_id = fields.Many2one(
        "res.users",
        string="From",
        required=True,
        domain=[("share", "=", False)],
        context={"active_test": False},
        help="The salesperson who leaves (archived users included).",
    )
    customer_count = fields.Integer(
        string="Customers", compute="_compute_customer_count"
    )
    to_pool = fields.Boolean(string="Return to the Pool")
    user_id = fields.Many2one(
        "res.users",
        string="To",
        domain=[("share", "=", False)],
    )
    reason = fields.Text(required=True)

    def _customers_domain(self):
        return [
            ("user_id", "=", self.from_user_id.id),
            ("crm_is_customer", "=", True),
            ("parent_id", "=", False),
        ]

    def _from_user_in_scope(self):
        """Whether the leaver is one whose customers the current user sees
        (the sales app's scope): only then does the wizard count or hand over
        their customers."""
        if self.env.su:
            return True
        scope = self.env.user._crm_customer_scope_user_ids()
        return scope is None or self.from_user_id.id in scope

    @api.depends("from_user_id")
    def _compute_customer_count(self):
        # counted as superuser, and only for a leaver in the user's scope
        Partner = self.env["res.partner"].sudo()
        for wizard in self:
            wizard.customer_count = (
                Partner.search_count(wizard._customers_domain())
                if wizard.from_user_id and wizard._from_user_in_scope()
                else 0
            )

    def action_confirm(self):
        self.ensure_one()
        if not self._from_user_in_scope():
            raise AccessError(
                self.env._(
                    "%(user)s is outside your scope: you cannot hand over their "
                    "customers.",
                    user=self.from_user_id.name,
                )
            )
        if not self.to_pool and not self.user_id:
            raise UserError(self.env._("Choose who takes over, or return to the pool."))
        if self.user_id == self.from_user_id:
            raise UserError(self.env._("Choose another user to take over."))
        partners = self.env["res.partner"].sudo().search(self._customers_domain())
        if not partners:
            raise UserError(
                self.env._("%(user)s owns no customer.", user=self.from_user_id.name)
            )
        user = self.env["res.users"] if self.to_pool else self.user_id
        partners = partners.with_env(self.env)._crm_assign(user, self.reason)
        return self.env["crm.protected.mixin"]._crm_notify(
            self.env._(
                "%(count)s customer(s) of %(previous)s handed over to %(user)s.",
                count=len(partners),
                user=user.name,
                previous=self.from_user_id.name,
            )
            if user
            else self.env._(
                "%(count)s customer(s) of %(previous)s returned to the pool.",
                count=len(partners),
                previous=self.from_user_id.name,
            ),
            close=True,
        )
