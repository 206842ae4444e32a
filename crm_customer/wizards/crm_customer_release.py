from odoo import fields, models
from odoo.exceptions import UserError


class CrmCustomerRelease(models.TransientModel):
    """放弃: the owner (or a manager in scope) puts customers back in the
    pool and says why; the reason is kept on the customer (the pool list shows
    it) and logged in its chatter."""

    _name = "crm.customer.release"
    _description = "Release Customers to the Pool"

    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        required=True,
        domain=[("crm_is_customer", "=", True), ("parent_id", "=", False)],
    )
    reason = fields.Char(required=True)

    def action_confirm(self):
        self.ensure_one()
        # every customer chosen, also those the caller may not read (which a
        # many2many hides): the customers check the caller's rights and reason
        partners = self.sudo().partner_ids.with_env(self.env)
        if not partners:
            raise UserError(self.env._("Choose the customers to release."))
        return partners._crm_release(self.reason)
