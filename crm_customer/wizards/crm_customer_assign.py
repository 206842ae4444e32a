from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmCustomerAssign(models.TransientModel):
    """A manager assigns pool customers, or transfers customers, to a
    salesperson (or back to the pool), with the reason logged in the chatter."""

    _name = "crm.customer.assign"
    _description = "Assign Customers"

    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        required=True,
        domain=[("crm_is_customer", "=", True), ("parent_id", "=", False)],
    )
    to_pool = fields.Boolean(string="Return to the Pool")
    user_id = fields.Many2one(
        "res.users",
        string="New Owner",
        domain=[("share", "=", False)],
    )
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if (
            "partner_ids" in fields_list
            and self.env.context.get("active_model") == "res.partner"
            and self.env.context.get("active_ids")
        ):
            res["partner_ids"] = [fields.Command.set(self.env.context["active_ids"])]
        return res

    def action_confirm(self):
        self.ensure_one()
        if not self.to_pool and not self.user_id:
            raise UserError(self.env._("Choose the new owner, or return to the pool."))
        user = self.env["res.users"] if self.to_pool else self.user_id
        partners = self.partner_ids._crm_assign(user, self.reason)
        return self.env["crm.protected.mixin"]._crm_notify(
            self.env._(
                "%(count)s customer(s) given to %(user)s.",
                count=len(partners),
                user=user.name,
            )
            if user
            else self.env._(
                "%(count)s customer(s) returned to the pool.", count=len(partners)
            ),
            close=True,
        )
