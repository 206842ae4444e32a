from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, format_date

SERVICE_GROUP = "crm_service.crm_service_group_own"


# the customer timeline's source is on its own file (crm_service_timeline.py)
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    crm_service_open_count = fields.Integer(
        string="Open Service Requests",
        compute="_compute_crm_service_counts",
        groups=SERVICE_GROUP,
    )
    crm_service_overdue_count = fields.Integer(
        string="Overdue Service Requests",
        compute="_compute_crm_service_counts",
        groups=SERVICE_GROUP,
    )
    crm_service_complaint_count = fields.Integer(
        string="Open Complaints",
        compute="_compute_crm_service_counts",
        groups=SERVICE_GROUP,
    )

    crm_service_contracts_html = fields.Html(
        string="Contracts under Service",
        compute="_compute_crm_service_contracts_html",
        compute_sudo=True,
        sanitize=False,
        groups=SERVICE_GROUP,
        help="The customer's confirmed and done contracts: number, subject, "
        "dates and products, without amounts, for service staff whatever their "
        "sales scope.",
    )

    def _compute_crm_service_contracts_html(self):
        """Read as superuser (service staff may read no contract): only the
        number, subject, dates and products, never an amount."""
        partners = self.filtered(lambda p: p.id and p.crm_is_customer)
        contracts = self.env["crm.contract"]
        if partners:
            contracts = contracts.search(
                [
                    ("partner_id", "in", partners.commercial_partner_id.ids),
                    ("state", "in", ("confirmed", "done")),
                ],
                order="date_end desc, id desc",
            )
        by_partner = {}
        for contract in contracts:
            by_partner.setdefault(contract.partner_id.id, []).append(contract)
        _ = self.env._
        for partner in self:
            rows = by_partner.get(partner.commercial_partner_id.id, [])[:20]
            if not rows:
                partner.crm_service_contracts_html = False
                continue
            lines = [
                Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
                % (
                    contract.name,
                    contract.title or "",
                    " - ".join(
                        format_date(self.env, day) if day else "…"
                        for day in (contract.date_start, contract.date_end)
                    ),
                    ", ".join(contract.line_ids.product_id.mapped("display_name")),
                )
                for contract in rows
            ]
            head = Markup(
                "<table class='table table-sm o_crm_service_contracts'><thead><tr>"
                "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>"
            ) % (_("Number"), _("Subject"), _("Period"), _("Products"))
            partner.crm_service_contracts_html = (
                head + Markup("").join(lines) + Markup("</tbody></table>")
            )

    def _compute_crm_service_counts(self):
        """Counted with the user's own rights: the requests they may read."""
        Request = self.env["crm.service.request"]
        open_states = ("new", "assigned", "in_progress")
        partners = self.filtered("id")
        counts = {"open": {}, "overdue": {}, "complaint": {}}
        if partners and self.env.user.has_group(SERVICE_GROUP):
            base = [("partner_id", "in", partners.ids), ("state", "in", open_states)]
            for key, extra in (
                ("open", []),
                ("overdue", [("is_overdue", "=", True)]),
                ("complaint", [("is_complaint", "=", True)]),
            ):
                counts[key] = {
                    partner.id: count
                    for partner, count in Request._read_group(
                        base + extra, ["partner_id"], ["__count"]
                    )
                }
        for partner in self:
            partner.crm_service_open_count = counts["open"].get(partner.id, 0)
            partner.crm_service_overdue_count = counts["overdue"].get(partner.id, 0)
            partner.crm_service_complaint_count = counts["complaint"].get(partner.id, 0)

    def action_crm_view_service_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service.crm_service_request_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self.id,
            "search_default_open": 1,
        }
        return action

    @api.model
    def _crm_pool_return_protected_ids(self, partners):
        """Customers with an open service request, or a follow-up visit within
        their type's pool-return days, count as followed up."""
        kept = super()._crm_pool_return_protected_ids(partners)
        if not partners:
            return kept
        self.env["crm.service.request"].flush_model(["partner_id", "state"])
        self.env["crm.service.visit"].flush_model(["request_id", "date"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT p.id
                  FROM res_partner p
                  LEFT JOIN crm_customer_type ct ON ct.id = p.crm_customer_type_id
                 WHERE p.id = ANY(%(ids)s)
                   AND (EXISTS (SELECT FROM crm_service_request r
                                 WHERE r.partner_id = p.id
                                   AND r.state IN ('new', 'assigned', 'in_progress'))
                     OR EXISTS (SELECT FROM crm_service_visit v
                                  JOIN crm_service_request r ON r.id = v.request_id
                                 WHERE r.partner_id = p.id
                                   AND v.date >= now() at time zone 'UTC'
                                       - COALESCE(ct.pool_return_days, 0)
                                         * interval '1 day'))
                """,
                ids=list(partners.ids),
            )
        )
        return set(kept) | {row[0] for row in rows}
