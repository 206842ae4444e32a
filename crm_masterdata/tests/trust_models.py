from odoo import fields, models


class CrmTrustSample(models.Model):
    """A document of a test app with protected fields and a scoped link."""

    _name = "crm.trust.sample"
    _inherit = "crm.scope.mixin"
    _description = "Trust Sample"
    _crm_protected_fields = ("state", "paid_amount")
    _crm_link_access = {
        "reminder_id": "write",
        "warehouse_id": "read",
        "reminder_ids": "write",
    }

    name = fields.Char(required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done")], default="draft", readonly=True
    )
    paid_amount = fields.Float(readonly=True)
    warehouse_id = fields.Many2one("crm.warehouse", ondelete="set null")
    reminder_id = fields.Many2one("crm.reminder", ondelete="set null")
    reminder_ids = fields.Many2many("crm.reminder", string="Reminder Logs")

    def action_done(self):
        """The model's own method: checks, then writes with elevated rights."""
        self.check_access("write")
        self.sudo().write({"state": "done", "paid_amount": 10.0})
        return True
