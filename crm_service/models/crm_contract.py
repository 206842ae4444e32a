from odoo import api, fields, models

from .crm_service_request import SERVICE_CONTRACT_STATES

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

    @api.model
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        """The contract picker of a service request, for service staff who
        read no contract (no sales or finance level): the number and subject of
        the confirmed or done contracts of the one customer the request's
        domain names, nothing else of them. Any other domain keeps Odoo's
        search with the user's rights (refused without read access)."""
        partner_id = self._crm_service_picker_partner(domain)
        if (
            partner_id
            and not self.env.su
            and not self.browse().has_access("read")
            and self.env.user.has_group(SERVICE_GROUP)
        ):
            return (
                self.sudo()
                .with_company(self.env.company)
                .name_search(
                    name,
                    [
                        ("partner_id", "=", partner_id),
                        ("state", "in", SERVICE_CONTRACT_STATES),
                        ("company_id", "in", self.env.companies.ids),
                    ],
                    operator=operator
                    if operator in ("ilike", "=", "=ilike")
                    else "ilike",
                    limit=min(limit or 100, 100),
                )
            )
        return super().name_search(name, domain, operator=operator, limit=limit)

    @api.model
    def _crm_service_picker_partner(self, domain):
        """The customer id of a domain that is exactly
        ``[('partner_id', '=', id)]`` (the request form's contract domain) of
        a customer the user reads, else ``False``: no other condition reaches
        the search made as superuser (none could probe an amount)."""
        if not domain or len(domain) != 1:
            return False
        leaf = domain[0]
        if not (
            isinstance(leaf, list | tuple)
            and len(leaf) == 3
            and leaf[0] == "partner_id"
            and leaf[1] == "="
            and isinstance(leaf[2], int)
            and not isinstance(leaf[2], bool)
        ):
            return False
        partner = self.env["res.partner"].browse(leaf[2]).exists()
        if not partner or not partner.has_access("read"):
            return False
        return partner.id

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
