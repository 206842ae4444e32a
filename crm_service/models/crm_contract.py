from odoo import fields, models

SERVICE_GROUP = "crm_service.crm_service_group_own"


class CrmContract(models.Model):
    _inherit = "crm.contract"

    crm_service_request_count = fields.Integer(
        string="Service Requests",
        compute="_compute_crm_service_request_count",
        groups=SERVICE_GROUP,
    )
    crm_service_plan_ids = fields.One2many(
        "crm.service.plan", "contract_id", string="Service Plan"
    )

    def _compute_crm_service_request_count(self):
        """Counted with the user's own rights: the requests they may read."""
        counts = {}
        if self.ids and self.env.user.has_group(SERVICE_GROUP):
            counts = {
                contract.id: count
                for contract, count in self.env["crm.service.request"]._read_group(
                    [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
                )
            }
        for contract in self:
            contract.crm_service_request_count = counts.get(contract.id, 0)

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") == "cancelled":
            # a cancelled contract stops its service plans (no future request)
            self.sudo().crm_service_plan_ids.write({"active": False})
        return res

    def action_crm_view_service_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service.crm_service_request_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_contract_id": self.id,
        }
        return action
