from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.crm_masterdata.jobs import in_company_tz

ACTIVE_CONTRACT_STATES = ("confirmed", "done")


class CrmServicePlan(models.Model):
    """服务计划: a line of a contract's service plan, such as "现场保养 every 3
    months for 12 months". The scheduled action creates each planned request
    when it falls due, once (a request remembers its plan and date), assigned
    to the plan's handler. A cancelled contract stops its plans."""

    _name = "crm.service.plan"
    _inherit = ["crm.protected.mixin"]
    _description = "Service Plan"
    _order = "contract_id, sequence, id"
    # the plan follows its contract: whoever sets it may edit the contract
    _crm_link_access = {"contract_id": "write"}

    sequence = fields.Integer(default=10)
    contract_id = fields.Many2one(
        "crm.contract", string="Contract", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="contract_id.partner_id", string="Customer")
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True, string="Company"
    )
    name = fields.Char(string="Service", required=True)
    type_id = fields.Many2one(
        "crm.service.type", string="Service Type", required=True, ondelete="restrict"
    )
    product_id = fields.Many2one("product.product", string="Product")
    date_start = fields.Date(
        string="First Service On",
        required=True,
        default=fields.Date.context_today,
    )
    interval_months = fields.Integer(string="Every (Months)", required=True, default=3)
    duration_months = fields.Integer(string="For (Months)", required=True, default=12)
    handler_id = fields.Many2one(
        "res.users",
        string="Handler",
        domain="[('share', '=', False)]",
        help="Who accepts and handles the planned requests (default: the "
        "contract's owner).",
    )
    active = fields.Boolean(default=True)
    request_count = fields.Integer(
        string="Planned Requests", compute="_compute_request_count"
    )
    next_date = fields.Date(string="Next Service On", compute="_compute_next_date")

    @api.constrains("interval_months", "duration_months")
    def _check_interval(self):
        for plan in self:
            if plan.interval_months <= 0 or plan.duration_months <= 0:
                raise ValidationError(
                    self.env._(
                        "The interval and the duration of the service plan "
                        "%(name)s must be at least one month.",
                        name=plan.name,
                    )
                )

    def _crm_due_dates(self):
        """Every date of the plan, from the first service to the end of the
        duration (excluded)."""
        self.ensure_one()
        dates = []
        end = self.date_start + relativedelta(months=self.duration_months)
        step = 0
        while True:
            day = self.date_start + relativedelta(months=step * self.interval_months)
            if day >= end:
                break
            dates.append(day)
            step += 1
        return dates

    def _compute_request_count(self):
        counts = {
            plan.id: count
            for plan, count in self.env["crm.service.request"]
            .sudo()
            ._read_group([("plan_id", "in", self.ids)], ["plan_id"], ["__count"])
        }
        for plan in self:
            plan.request_count = counts.get(plan.id, 0)

    @api.depends("date_start", "interval_months", "duration_months", "active")
    def _compute_next_date(self):
        today = fields.Date.context_today(self)
        for plan in self:
            plan.next_date = False
            if not plan.active or not plan.date_start or plan.interval_months <= 0:
                continue
            future = [day for day in plan._crm_due_dates() if day >= today]
            plan.next_date = future[0] if future else False

    @api.model
    @in_company_tz
    def _cron_generate_requests(self, today=None):
        """Create the planned requests that fell due, each once. Returns the
        requests created."""
        today = today or fields.Date.context_today(self)
        plans = self.sudo().search(
            [
                ("contract_id.state", "in", ACTIVE_CONTRACT_STATES),
                ("date_start", "<=", today),
            ]
        )
        Request = self.env["crm.service.request"].sudo()
        done = {
            (request.plan_id.id, request.planned_date)
            for request in Request.with_context(active_test=False).search(
                [("plan_id", "in", plans.ids)]
            )
        }
        vals_list = []
        for plan in plans:
            for day in plan._crm_due_dates():
                if day > today or (plan.id, day) in done:
                    continue
                vals_list.append(plan._crm_request_values(day))
                done.add((plan.id, day))
        requests = Request.create(vals_list) if vals_list else Request
        self.env["ir.cron"]._notify_progress(done=len(requests), remaining=0)
        return requests

    def _crm_request_values(self, day):
        self.ensure_one()
        contract = self.contract_id
        handler = self.handler_id or contract.user_id
        return {
            "title": self.env._(
                "%(service)s (%(contract)s, %(date)s)",
                service=self.name,
                contract=contract.name,
                date=day,
            ),
            "partner_id": contract.partner_id.id,
            "contact_id": contract.contact_id.id,
            "contract_id": contract.id,
            "product_id": self.product_id.id,
            "type_id": self.type_id.id,
            "channel": "onsite",
            "user_id": handler.id,
            "handler_id": handler.id,
            "company_id": contract.company_id.id,
            "plan_id": self.id,
            "planned_date": day,
        }
