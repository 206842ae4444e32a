import logging
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL, create_index, html2plaintext

_logger = logging.getLogger(__name__)

STATES = [
    ("new", "New"),
    ("assigned", "Assigned"),
    ("in_progress", "In Progress"),
    ("resolved", "Resolved"),
    ("visited", "Visited"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("new", "assigned", "in_progress")
SATISFACTION = [
    ("satisfied", "Satisfied"),
    ("neutral", "Neutral"),
    ("unsatisfied", "Unsatisfied"),
]
PRIORITIES = [
    ("0", "Low"),
    ("1", "Normal"),
    ("2", "High"),
    ("3", "Urgent"),
]
VISIT_ACTIVITY = "crm_service.mail_activity_type_service_visit"
DEADLINE_ACTIVITY = "crm_service.mail_activity_type_service_deadline"
SERVICE_ALL_GROUP = "crm_service.crm_service_group_all"
COMPLAINT_TYPE = "crm_service.crm_service_type_complaint"
SERVICE_GROUP = "crm_service.crm_service_group_own"
# contracts under service: service staff link them whatever their sales scope
SERVICE_CONTRACT_STATES = ("confirmed", "done")


class CrmServiceRequest(models.Model):
    """服务单: an after-sales request or complaint of a customer, accepted by
    its owner (受理人, ``user_id``), handled by a handler (处理人) of a handling
    department before a deadline counted on the company's working calendar,
    then visited (回访) and closed."""

    _name = "crm.service.request"
    _inherit = ["crm.scope.mixin", "mail.thread", "mail.activity.mixin"]
    _description = "Service Request"
    _order = "id desc"
    _crm_scope_app = "service"
    # the handler sees and works on what is assigned to them
    _crm_scope_assignee_fields = ("handler_id",)
    # changed only by the request's own actions (with sudo(), after checks)
    _crm_protected_fields = (
        "name",
        "state",
        "date_assigned",
        "date_resolved",
        "date_visited",
        "date_closed",
        "cancel_reason",
        "satisfaction",
        "reopen_count",
        "source_request_id",
        "plan_id",
        "planned_date",
    )
    _crm_link_access = {
        "partner_id": "read",
        "contact_id": "read",
        "contract_id": "read",
    }

    name = fields.Char(
        string="Number",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        index="trigram",
    )
    title = fields.Char(string="Subject", required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
        domain="[('crm_is_customer', '=', True), ('parent_id', '=', False)]",
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Contact",
        ondelete="set null",
        check_company=True,
        domain="[('parent_id', '=', partner_id), ('is_company', '=', False)]",
    )
    contract_id = fields.Many2one(
        "crm.contract",
        string="Contract",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        domain="[('partner_id', '=', partner_id)]",
        help="The contract under which the service is given (optional).",
    )
    # what service staff see of the contract, whatever their sales scope: no
    # money (read as superuser, as related and computed fields are)
    contract_title = fields.Char(related="contract_id.title", string="Contract Subject")
    contract_date_start = fields.Date(
        related="contract_id.date_start", string="Contract Start"
    )
    contract_date_end = fields.Date(
        related="contract_id.date_end", string="Contract End"
    )
    contract_product_ids = fields.Many2many(
        "product.product",
        string="Contract Products",
        compute="_compute_contract_product_ids",
        compute_sudo=True,
    )
    product_id = fields.Many2one(
        "product.product", string="Product", ondelete="restrict", check_company=True
    )
    type_id = fields.Many2one(
        "crm.service.type",
        string="Service Type",
        required=True,
        ondelete="restrict",
        tracking=True,
        index=True,
    )
    is_complaint = fields.Boolean(
        related="type_id.is_complaint", store=True, string="Complaint"
    )
    channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("wechat", "WeChat"),
            ("email", "E-mail"),
            ("onsite", "On Site"),
            ("web", "Web"),
        ],
        required=True,
        default="phone",
    )
    priority = fields.Selection(PRIORITIES, default="1", required=True, tracking=True)
    description = fields.Html()
    user_id = fields.Many2one(string="Accepted By", required=True, tracking=True)
    handling_department_id = fields.Many2one(
        "hr.department",
        string="Handling Department",
        compute="_compute_handling_department_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    handler_id = fields.Many2one(
        "res.users",
        string="Handler",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        domain="[('share', '=', False)]",
    )
    deadline = fields.Datetime(
        compute="_compute_deadline",
        store=True,
        readonly=False,
        tracking=True,
        help="By default the service type's response hours for the priority, "
        "counted on the company's working calendar from the acceptance.",
    )
    state = fields.Selection(
        STATES,
        string="Status",
        default="new",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    date_assigned = fields.Datetime(string="Assigned On", readonly=True, copy=False)
    date_resolved = fields.Datetime(string="Resolved On", readonly=True, copy=False)
    date_visited = fields.Datetime(string="Visited On", readonly=True, copy=False)
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    cancel_reason = fields.Text(string="Cancellation Reason", readonly=True, copy=False)
    resolution = fields.Html()
    time_spent = fields.Float(string="Time Spent (Hours)")
    satisfaction = fields.Selection(
        SATISFACTION,
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Satisfaction recorded at the last follow-up visit.",
    )
    visit_ids = fields.One2many(
        "crm.service.visit", "request_id", string="Follow-up Visits"
    )
    visit_count = fields.Integer(compute="_compute_visit_count")
    reopen_count = fields.Integer(string="Reopened", readonly=True, copy=False)
    source_request_id = fields.Many2one(
        "crm.service.request",
        string="Origin Request",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="The request whose unsatisfied visit opened this complaint.",
    )
    plan_id = fields.Many2one(
        "crm.service.plan",
        string="Service Plan",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    planned_date = fields.Date(readonly=True, copy=False)
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )

    _sql_constraints = [
        (
            "plan_date_uniq",
            "unique(plan_id, planned_date)",
            "This planned service was already created.",
        ),
    ]

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    def init(self):
        res = super().init()
        # the deadline job walks the open requests by deadline
        create_index(
            self.env.cr,
            "crm_service_request_deadline_walk_index",
            self._table,
            ["deadline", "id"],
            where="state IN ('new', 'assigned', 'in_progress')"
            " AND deadline IS NOT NULL",
        )
        return res

    @api.model_create_multi
    def create(self, vals_list):
        # the number comes from the sequence, never from the caller
        if not self.env.su and any(
            vals.get("name") not in (None, False, "", "/") for vals in vals_list
        ):
            raise UserError(self._crm_protected_message({"name"}))
        for vals in vals_list:
            self._crm_set_number(vals, "crm.service.request")
        return super().create(vals_list)

    @api.model
    def _crm_check_protected_create(self, vals_list):
        # the number was checked in create(), before the sequence gave it
        return super()._crm_check_protected_create(
            [{k: v for k, v in vals.items() if k != "name"} for vals in vals_list]
        )

    def write(self, vals):
        if not self.env.su and {"partner_id", "type_id"} & set(vals):
            if self.filtered(lambda r: r.state not in OPEN_STATES):
                raise UserError(
                    self.env._(
                        "The customer and the type of a resolved, closed or cancelled "
                        "request cannot change."
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Computes and checks
    # ------------------------------------------------------------------
    @api.depends("handler_id")
    def _compute_handling_department_id(self):
        for request in self:
            handler = request.handler_id
            if not handler:
                continue
            departments = request._crm_user_departments(handler)
            if request.handling_department_id not in departments:
                request.handling_department_id = (
                    handler._crm_main_department(request.company_id)
                    or request.handling_department_id
                )

    @api.depends("type_id", "priority")
    def _compute_deadline(self):
        now = fields.Datetime.now()
        for request in self:
            if not request.type_id or request.state not in OPEN_STATES:
                continue
            hours = request.type_id._crm_response_hours(request.priority)
            start = request.create_date or now
            request.deadline = request.company_id._crm_add_working_hours(start, hours)

    @api.depends("contract_id")
    def _compute_contract_product_ids(self):
        for request in self:
            request.contract_product_ids = request.contract_id.line_ids.product_id

    def _compute_visit_count(self):
        for request in self:
            request.visit_count = len(request.visit_ids)

    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for request in self:
            request.is_overdue = bool(
                request.deadline
                and request.deadline < now
                and request.state in OPEN_STATES
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Operation not supported."))
        domain = [
            ("deadline", "<", fields.Datetime.now()),
            ("state", "in", OPEN_STATES),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    @api.model
    def _crm_user_departments(self, user):
        """Departments of ``user``: their active employees' departments and the
        departments they manage (as superuser: a check, not a read)."""
        employees = user.sudo().with_context(active_test=True).employee_ids
        managed = (
            self.env["hr.department"]
            .sudo()
            .search([("manager_id", "in", employees.ids)])
        )
        return employees.department_id | managed

    @api.constrains("deadline")
    def _check_deadline(self):
        for request in self:
            created = request.create_date or fields.Datetime.now()
            if request.deadline and request.deadline < created.replace(
                second=0, microsecond=0
            ):
                raise ValidationError(
                    self.env._(
                        "The deadline of %(name)s cannot be before the request was "
                        "accepted (%(date)s).",
                        name=request.name,
                        date=fields.Datetime.to_string(created),
                    )
                )

    @api.constrains("handler_id", "handling_department_id")
    def _check_handler_department(self):
        for request in self:
            if not (request.handler_id and request.handling_department_id):
                continue
            departments = self._crm_user_departments(request.handler_id)
            if request.handling_department_id not in departments:
                raise ValidationError(
                    self.env._(
                        "%(user)s does not work in %(department)s: choose a handler "
                        "of the handling department.",
                        user=request.handler_id.name,
                        department=request.handling_department_id.name,
                    )
                )

    def _crm_check_links(self, names):
        names = set(names)
        if "contract_id" in names and not self.env.su:
            names.discard("contract_id")
            self._crm_check_contract_link()
        return super()._crm_check_links(names)

    def _crm_check_contract_link(self):
        """The contract of a request: one the user reads (sales or finance
        scope), or, for service staff, a confirmed or done contract of the
        request's own customer, whatever their sales scope. Anything else is
        refused, even when the user could otherwise guess its id."""
        is_service = self.env.user.has_group(SERVICE_GROUP)
        for request in self:
            contract = request.contract_id
            if not contract or contract.has_access("read"):
                continue
            under_service = contract.sudo()
            if (
                is_service
                and under_service.partner_id == request.sudo().partner_id
                and under_service.state in SERVICE_CONTRACT_STATES
                and under_service.company_id == request.company_id
            ):
                continue
            raise AccessError(
                self.env._(
                    "You can link only a confirmed contract of the request's "
                    "customer, or a contract you may read."
                )
            )

    @api.constrains("partner_id", "contact_id", "contract_id")
    def _check_customer_links(self):
        for request in self.sudo():
            if request.contract_id and request.contract_id.partner_id != (
                request.partner_id
            ):
                raise ValidationError(
                    self.env._("The contract must be one of the request's customer.")
                )
            if (
                request.contact_id
                and request.contact_id.commercial_partner_id
                != request.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._("The contact must be one of the request's customer.")
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _crm_check_state(self, allowed, message):
        self.check_access("write")
        if self.filtered(lambda r: r.state not in allowed):
            raise UserError(message)

    def action_assign(self):
        self._crm_check_state(
            ("new", "assigned"),
            self.env._("Only new or assigned requests can be assigned."),
        )
        for request in self:
            if not request.handler_id:
                raise UserError(
                    self.env._(
                        "Choose the handler of %(name)s first.", name=request.name
                    )
                )
        self.sudo().write({"state": "assigned", "date_assigned": fields.Datetime.now()})
        for request in self:
            if request.handler_id != self.env.user:
                request.sudo().message_subscribe(
                    partner_ids=request.handler_id.partner_id.ids
                )
        return self._crm_notify(self.env._("Assigned to the handler."))

    def action_start(self):
        self._crm_check_state(
            ("new", "assigned"),
            self.env._("Only new or assigned requests can be started."),
        )
        values = {"state": "in_progress"}
        self.filtered(lambda r: not r.handler_id).write(
            {"handler_id": self.env.user.id}
        )
        self.sudo().write(values)
        return self._crm_notify(self.env._("Work on the request started."))

    def action_resolve(self):
        self._crm_check_state(
            OPEN_STATES,
            self.env._("Only open requests can be resolved."),
        )
        for request in self:
            if not request._crm_has_resolution():
                raise UserError(
                    self.env._(
                        "Describe the resolution of %(name)s before resolving it.",
                        name=request.name,
                    )
                )
        self.sudo().write({"state": "resolved", "date_resolved": fields.Datetime.now()})
        # the deadline warnings and escalations are moot now (the log stays)
        self.env["crm.reminder"].sudo()._crm_drop(self)
        self._crm_schedule_visit()
        return self._crm_notify(self.env._("Resolved: a follow-up visit is planned."))

    def _crm_has_resolution(self):
        self.ensure_one()
        text = str(self.resolution or "")
        return bool(html2plaintext(text).strip())

    def _crm_schedule_visit(self):
        today = fields.Date.context_today(self)
        for request in self:
            request.sudo().activity_schedule(
                VISIT_ACTIVITY,
                date_deadline=today + timedelta(days=request.type_id.visit_delay_days),
                user_id=request.user_id.id,
                summary=self.env._(
                    "Visit %(customer)s about %(name)s",
                    customer=request.partner_id.display_name,
                    name=request.name,
                ),
            )

    def action_visit(self):
        self.ensure_one()
        self._crm_check_visitable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Follow-up Visit"),
            "res_model": "crm.service.visit.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    def _crm_check_visitable(self):
        self.check_access("write")
        for request in self:
            if request.state != "resolved":
                raise UserError(
                    self.env._(
                        "%(name)s is not resolved: only resolved requests are visited.",
                        name=request.name,
                    )
                )

    def _crm_record_visit(self, satisfaction, feedback, unsatisfied_action="reopen"):
        """Record the follow-up visit (回访) of this resolved request. An
        unsatisfied customer reopens it (``unsatisfied_action="reopen"``) or
        gets a complaint linked to it (``"complaint"``). Returns the visit."""
        self.ensure_one()
        self._crm_check_visitable()
        if satisfaction not in dict(SATISFACTION):
            raise UserError(self.env._("Choose the customer's satisfaction."))
        if unsatisfied_action not in ("reopen", "complaint"):
            raise UserError(
                self.env._("Choose what to do for an unsatisfied customer.")
            )
        now = fields.Datetime.now()
        visit = (
            self.env["crm.service.visit"]
            .sudo()
            .create(
                {
                    "request_id": self.id,
                    "date": now,
                    "user_id": self.env.user.id,
                    "satisfaction": satisfaction,
                    "feedback": feedback or False,
                }
            )
        )
        self.sudo().activity_feedback([VISIT_ACTIVITY], feedback=feedback or None)
        if satisfaction != "unsatisfied":
            self.sudo().write(
                {"state": "visited", "date_visited": now, "satisfaction": satisfaction}
            )
            return visit
        if unsatisfied_action == "reopen":
            self.sudo().write(
                {
                    "state": "in_progress",
                    "satisfaction": satisfaction,
                    "date_resolved": False,
                    "reopen_count": self.reopen_count + 1,
                }
            )
            self.message_post(
                body=self.env._(
                    "Reopened: the customer was not satisfied (%(words)s).",
                    words=feedback or "-",
                )
            )
        else:
            self.sudo().write(
                {"state": "visited", "date_visited": now, "satisfaction": satisfaction}
            )
            complaint = self._crm_open_complaint(feedback)
            self.message_post(
                body=self.env._(
                    "The customer was not satisfied: complaint %(name)s opened.",
                    name=complaint.name,
                )
            )
        return visit

    def _crm_open_complaint(self, feedback):
        self.ensure_one()
        complaint_type = self.env.ref(COMPLAINT_TYPE, raise_if_not_found=False)
        if not complaint_type:
            complaint_type = self.env["crm.service.type"].search(
                [("is_complaint", "=", True)], limit=1
            )
        if not complaint_type:
            raise UserError(self.env._("Create a complaint service type first."))
        complaint = self.create(
            {
                "title": self.env._("Complaint about %(name)s", name=self.name),
                "partner_id": self.partner_id.id,
                "contact_id": self.contact_id.id,
                "contract_id": self.contract_id.id,
                "product_id": self.product_id.id,
                "type_id": complaint_type.id,
                "channel": self.channel,
                "priority": "2",
                "description": feedback or False,
                "company_id": self.company_id.id,
            }
        )
        complaint.sudo().write({"source_request_id": self.id})
        return complaint

    def action_close(self):
        self._crm_check_state(
            ("resolved", "visited"),
            self.env._("Only resolved or visited requests can be closed."),
        )
        for request in self:
            if not request._crm_has_resolution():
                raise UserError(
                    self.env._(
                        "%(name)s has no resolution: describe it before closing.",
                        name=request.name,
                    )
                )
            if request.is_complaint and not any(
                (visit.feedback or "").strip() for visit in request.sudo().visit_ids
            ):
                raise UserError(
                    self.env._(
                        "%(name)s is a complaint: record the customer's feedback in a "
                        "follow-up visit before closing it.",
                        name=request.name,
                    )
                )
        self.sudo().write({"state": "closed", "date_closed": fields.Datetime.now()})
        self.sudo().activity_unlink([VISIT_ACTIVITY])
        return self._crm_notify(self.env._("Closed."))

    def action_cancel(self):
        self.ensure_one()
        self._crm_check_state(
            OPEN_STATES,
            self.env._("Only open requests can be cancelled."),
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel Request"),
            "res_model": "crm.service.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    def _crm_cancel(self, reason):
        self._crm_check_state(
            OPEN_STATES,
            self.env._("Only open requests can be cancelled."),
        )
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the cancellation."))
        self.sudo().write({"state": "cancelled", "cancel_reason": reason.strip()})
        self.env["crm.reminder"].sudo()._crm_drop(self)
        return self._crm_notify(self.env._("Cancelled."), kind="warning", close=True)

    def action_view_visits(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Follow-up Visits"),
            "res_model": "crm.service.visit",
            "view_mode": "list,form",
            "domain": [("request_id", "=", self.id)],
        }

    # ------------------------------------------------------------------
    # Requests by e-mail (mail alias)
    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A request from an e-mail sent to the service alias: the customer
        (or its contact) found by the sender's address, or a new customer
        account (in the pool) named after the sender; the subject as the
        title, the body as the description, the first non-complaint type."""
        values = dict(custom_values or {})
        email = tools.email_normalize(msg_dict.get("email_from") or "")
        partner = self.env["res.partner"]
        if email:
            partner = partner.sudo().search(
                [("email_normalized", "=", email), ("crm_is_customer", "=", True)],
                limit=1,
            )
            if not partner:
                name = tools.parse_contact_from_email(msg_dict.get("email_from"))[0]
                partner = (
                    self.env["res.partner"]
                    .sudo()
                    .create(
                        {
                            "name": name or email,
                            "email": email,
                            "is_company": True,
                            "crm_is_customer": True,
                        }
                    )
                )
        if partner:
            values.setdefault("partner_id", partner.commercial_partner_id.id)
            if partner.parent_id:
                values.setdefault("contact_id", partner.id)
        if not values.get("type_id"):
            values["type_id"] = (
                self.env["crm.service.type"]
                .sudo()
                .search([("is_complaint", "=", False)], limit=1)
                .id
            )
        values.setdefault(
            "title", msg_dict.get("subject") or self.env._("(no subject)")
        )
        values.setdefault("description", msg_dict.get("body"))
        values.setdefault("channel", "email")
        # the number comes from the sequence (message_new would put the subject)
        values["name"] = "/"
        return super().message_new(msg_dict, custom_values=values)

    # ------------------------------------------------------------------
    # Deadline warnings and escalations
    # ------------------------------------------------------------------
    @api.model
    def _cron_deadline_reminders(self, batch_size=500, now=None):
        """Warn the handler before the deadline; when it passes, escalate to the
        handling department's manager, and later to the service All level: each
        at most once (crm.reminder's unique key). Returns the number of
        (request, key) pairs processed."""
        now = now or fields.Datetime.now()
        done = 0
        while True:
            pairs = self._crm_deadline_candidates(now, batch_size)
            if not pairs:
                break
            sent = self._crm_send_deadline_reminders(pairs, now)
            done += sent
            if not sent or len(pairs) < batch_size:
                break
        self.env["ir.cron"]._notify_progress(done=done, remaining=0)
        return done

    @api.model
    def _crm_deadline_candidates(self, now, limit):
        self.flush_model(["deadline", "state", "type_id"])
        self.env["crm.service.type"].flush_model(["warn_hours", "escalate_all_hours"])
        self.env["crm.reminder"].flush_model()
        query = SQL(
            """
            SELECT r.id, k.key
              FROM crm_service_request r
              JOIN crm_service_type t ON t.id = r.type_id
             CROSS JOIN LATERAL (VALUES
                   ('deadline_soon', r.deadline > %(now)s
                        AND r.deadline <= %(now)s
                            + t.warn_hours * interval '1 hour'),
                   ('overdue_manager', r.deadline <= %(now)s),
                   ('overdue_all', r.deadline <= %(now)s
                            - t.escalate_all_hours * interval '1 hour')
                   ) AS k(key, is_due)
             WHERE r.state IN ('new', 'assigned', 'in_progress')
               AND r.deadline IS NOT NULL
               AND r.deadline <= %(now)s + t.warn_hours * interval '1 hour'
               AND k.is_due
               AND NOT EXISTS (
                   SELECT FROM crm_reminder m
                    WHERE m.res_model = %(model)s
                      AND m.res_id = r.id
                      AND m.key = k.key
                   OFFSET 0)
             ORDER BY r.deadline, r.id, k.key
             LIMIT %(limit)s
            """,
            now=now,
            model=self._name,
            limit=limit,
        )
        return self.env.execute_query(query)

    def _crm_deadline_recipients(self, key, cache):
        self.ensure_one()
        fallback = self.handler_id or self.user_id
        if key == "deadline_soon":
            return fallback
        if key == "overdue_manager":
            department = self.handling_department_id or self.department_id
            manager = department.manager_id.user_id
            return manager or fallback
        company = self.company_id
        if company not in cache:
            cache[company] = (
                self.env.ref(SERVICE_ALL_GROUP)
                .sudo()
                .users.filtered(
                    lambda u: u.active
                    and not u.share
                    and not u._is_superuser()
                    and company in u.company_ids
                )
            )
        return cache[company] or fallback

    def _crm_deadline_summary(self, key):
        self.ensure_one()
        _ = self.env._
        values = {
            "name": self.name,
            "customer": self.partner_id.display_name,
            "deadline": fields.Datetime.to_string(self.deadline),
        }
        if key == "deadline_soon":
            return _("%(name)s of %(customer)s is due at %(deadline)s (UTC)", **values)
        if key == "overdue_manager":
            return _(
                "Escalation: %(name)s of %(customer)s passed its deadline", **values
            )
        return _(
            "Escalation: %(name)s of %(customer)s is long overdue "
            "(handler %(handler)s)",
            handler=(self.handler_id or self.user_id).name,
            **values,
        )

    def _crm_send_deadline_reminders(self, pairs, now):
        records = self.sudo().browse([rid for rid, _key in pairs])
        by_id = {record.id: record for record in records}
        cache = {}
        reminders = []
        for request_id, key in pairs:
            request = by_id[request_id]
            summary = request._crm_deadline_summary(key)
            for user in request._crm_deadline_recipients(key, cache):
                reminders.append(
                    {
                        "record": request,
                        "key": key,
                        "user": user,
                        "date": now.date(),
                        "summary": summary,
                        "activity_type": DEADLINE_ACTIVITY,
                    }
                )
        Reminder = self.env["crm.reminder"].sudo()
        try:
            with self.env.cr.savepoint():
                Reminder._crm_send(reminders)
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            # another worker claimed some of these reminders after this
            # transaction began (its snapshot cannot see them): this run ends;
            # the next one, with a fresh snapshot, skips what was sent
            raise
        except Exception:
            _logger.exception("Service deadline reminders failed")
            self.env.invalidate_all()
            # log the pairs so that a broken record does not block the job
            return 0
        return len(pairs)
