from odoo import fields, models


class CrmCustomerDuplicate(models.TransientModel):
    """查重: which customers already exist with a credit code, a name or a phone
    number, and who owns them, without telling anything else about them."""

    _name = "crm.customer.duplicate"
    _description = "Customer Duplicate Check"

    partner_id = fields.Many2one("res.partner", string="Customer", ondelete="cascade")
    name = fields.Char(string="Company Name")
    phone = fields.Char()
    uscc = fields.Char(string="Unified Social Credit Code")
    line_ids = fields.One2many(
        "crm.customer.duplicate.line", "wizard_id", string="Matches", readonly=True
    )
    match_count = fields.Integer(string="Matches Found", readonly=True)
    searched = fields.Boolean(readonly=True)

    def action_search(self):
        self.ensure_one()
        matches = self.env["res.partner"]._crm_find_duplicates(
            name=self.name,
            phones=[self.phone],
            uscc=self.uscc,
            company=self.partner_id.company_id if self.partner_id else None,
            exclude_ids=tuple(self.partner_id.ids),
        )
        self.write(
            {
                "line_ids": [fields.Command.clear()]
                + [
                    fields.Command.create(
                        {"name": m["name"], "owner": m["owner"], "reason": m["reason"]}
                    )
                    for m in matches
                ],
                "match_count": len(matches),
                "searched": True,
            }
        )
        return self._action_open()

    def _action_open(self):
        if not self.searched:
            self.action_search()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Duplicate Check"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }


class CrmCustomerDuplicateLine(models.TransientModel):
    _name = "crm.customer.duplicate.line"
    _description = "Customer Duplicate Match"

    wizard_id = fields.Many2one(
        "crm.customer.duplicate", required=True, ondelete="cascade"
    )
    name = fields.Char(string="Customer", readonly=True)
    owner = fields.Char(readonly=True)
    reason = fields.Char(string="Same", readonly=True)
