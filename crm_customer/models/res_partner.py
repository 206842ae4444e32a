"""Customers on res.partner: fields, computed owner and pool flags, credit,
contacts and the create/write rules."""

from datetime import timedelta

from stdnum.cn import uscc as stdnum_uscc

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.crm_masterdata.pg_extensions import ensure_trigram

# Fields of a customer that change only in the model's own methods (claim,
# release, assign, hand-over, the pool job, follow-ups, the number sequence),
# which write them as superuser: create/write refuse them from any caller.
# The owner (user_id) is set when a customer is created (the create rule
# decides whom a user may give it to) and then only moves through those methods.
CUSTOMER_PROTECTED_FIELDS = (
    "crm_owner_id",
    "crm_department_id",
    "crm_is_pool",
    "crm_owner_date",
    "crm_previous_owner_id",
    "crm_released_date",
    "crm_release_reason",
    "crm_last_followup_date",
    "crm_customer_code",
)
# A customer's credit terms: set by managers who edit within their scope (and
# the sales administrators), not by the salesperson the credit check controls.
CUSTOMER_CREDIT_FIELDS = ("crm_credit_policy", "crm_credit_limit")


# one class per concern (DEVELOP.md "Where things are")
class ResPartner(models.Model):
    _inherit = ["res.partner", "crm.scope.search.mixin"]
    _name = "res.partner"

    # read by crm_masterdata's inventory of protected fields; the refusal itself
    # is _crm_check_protected_write/_create (res.partner does not inherit
    # crm.protected.mixin: Odoo writes partners as the user in many places,
    # and the owner user_id is protected on customer accounts only)
    _crm_protected_fields = CUSTOMER_PROTECTED_FIELDS

    # "Customers in my scope" is within the read rule: the rule adds nothing to
    # such a search (crm.scope.search.mixin), so the planner sees one owner clause
    _crm_scope_implying_leaves = (("crm_in_scope", "=", True),)

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    # the owner (销售负责人): "My Customers" and the pool job filter on it
    user_id = fields.Many2one(index="btree_not_null")
    crm_is_customer = fields.Boolean(
        string="Is a Customer",
        compute="_compute_crm_is_customer",
        store=True,
        readonly=False,
        recursive=True,
        index=True,
        help="Customers are restricted to their owner's scope; the contacts of a "
        "customer are customers too and follow their company.",
    )
    crm_customer_code = fields.Char(
        string="Customer Number",
        copy=False,
        index="btree_not_null",
        help="Given from a sequence when the customer is created; unique per company.",
    )
    crm_customer_type_id = fields.Many2one(
        "crm.customer.type",
        string="Customer Type",
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    crm_customer_category_id = fields.Many2one(
        "crm.customer.category",
        string="Customer Category",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
    )
    crm_level = fields.Selection(
        [("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")],
        string="Customer Level",
        tracking=True,
    )
    crm_source_id = fields.Many2one(
        "crm.customer.source", string="Customer Source", ondelete="restrict"
    )
    crm_region = fields.Char(string="Region", help="Sales region (片区), free text.")
    crm_uscc = fields.Char(
        string="Unified Social Credit Code",
        index="btree_not_null",
        copy=False,
        help="统一社会信用代码: the 18-character registration code of a Chinese "
        "organisation; unique per company.",
    )
    crm_owner_id = fields.Many2one(
        "res.users",
        string="Customer Owner",
        compute="_compute_crm_owner_id",
        store=True,
        recursive=True,
        index=True,
        help="The owner (salesperson) of the customer account this partner belongs "
        "to; the record rules compare it with the users a user may see.",
    )
    crm_department_id = fields.Many2one(
        "hr.department",
        string="Owner's Department",
        compute="_compute_crm_department_id",
        store=True,
        index=True,
        ondelete="set null",
    )
    crm_is_pool = fields.Boolean(
        string="In the Pool",
        compute="_compute_crm_is_pool",
        store=True,
        index=True,
        help="A customer account without owner (公海): every salesperson may claim it.",
    )
    crm_owner_date = fields.Date(
        string="Owner Since",
        compute="_compute_crm_owner_date",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
        help="When the current owner got the customer.",
    )
    crm_previous_owner_id = fields.Many2one(
        "res.users", string="Previous Owner", copy=False, ondelete="set null"
    )
    crm_released_date = fields.Date(
        string="Returned to Pool On",
        copy=False,
        help="When the customer last went back to the pool.",
    )
    crm_release_reason = fields.Char(
        string="Reason Returned to Pool",
        copy=False,
        help="Why the customer last went back to the pool: the owner's reason, the "
        "manager's, or the days without follow-up of the automatic return.",
    )
    crm_days_in_pool = fields.Integer(
        string="Days in Pool",
        compute="_compute_crm_days_in_pool",
        help="Days since the customer went back to the pool (since its creation "
        "when it was never owned).",
    )
    crm_last_followup_date = fields.Date(
        string="Last Follow-up", copy=False, index="btree_not_null"
    )
    crm_days_no_followup = fields.Integer(
        string="Days Without Follow-up",
        compute="_compute_crm_days_no_followup",
        search="_search_crm_days_no_followup",
    )
    crm_in_scope = fields.Boolean(
        string="Within My Scope",
        compute="_compute_crm_in_scope",
        search="_search_crm_in_scope",
    )
    crm_credit_level = fields.Selection(
        [("aaa", "AAA"), ("aa", "AA"), ("a", "A"), ("b", "B"), ("c", "C")],
        string="Credit Level",
        tracking=True,
    )
    crm_currency_id = fields.Many2one(
        "res.currency", string="Credit Currency", compute="_compute_crm_currency_id"
    )
    crm_credit_policy = fields.Selection(
        [
            ("none", "No credit check"),
            ("limit", "Credit limit"),
            ("cash", "Cash only (pay before delivery)"),
        ],
        string="Credit Policy",
        default="none",
        copy=False,
        tracking=True,
        help="No credit check: contracts are not checked against what the customer "
        "owes. Credit limit: what the customer owes, with the new contract, may not "
        "pass the credit limit. Cash only (款到发货): the customer gets no credit "
        "and pays before delivery.",
    )
    crm_credit_limit = fields.Monetary(
        string="Customer Credit Limit",
        currency_field="crm_currency_id",
        copy=False,
        tracking=True,
        help="With the policy Credit limit: the most this customer may owe; 0 means "
        "no credit at all. Not used by the other policies.",
    )
    crm_can_edit_credit = fields.Boolean(
        string="Can Edit Credit",
        compute="_compute_crm_can_edit_credit",
        help="Whether the current user may change the credit policy and limit: "
        "managers who edit within their scope.",
    )
    crm_receivable_days = fields.Integer(
        string="Payment Term (Days)",
        tracking=True,
        help="Days the customer has to pay an invoice (账期).",
    )
    # contacts (联系人)
    crm_wechat = fields.Char(string="WeChat")
    crm_is_key_decision_maker = fields.Boolean(string="Key Decision Maker")
    crm_is_primary_contact = fields.Boolean(
        string="Primary Contact",
        help="The customer's main contact; one per customer.",
    )
    # duplicate check (查重)
    crm_name_normalized = fields.Char(
        string="Normalised Name",
        compute="_compute_crm_normalized",
        store=True,
        index="btree_not_null",
    )
    crm_phone_normalized = fields.Char(
        string="Normalised Phone",
        compute="_compute_crm_normalized",
        store=True,
        index="btree_not_null",
    )
    crm_mobile_normalized = fields.Char(
        string="Normalised Mobile",
        compute="_compute_crm_normalized",
        store=True,
        index="btree_not_null",
    )
    # business history
    crm_contact_count = fields.Integer(
        string="Contacts Count", compute="_compute_crm_contact_count"
    )

    _sql_constraints = [
        (
            "crm_credit_limit_positive",
            "CHECK(crm_credit_limit IS NULL OR crm_credit_limit >= 0)",
            "The credit limit cannot be negative.",
        ),
        (
            "crm_receivable_days_positive",
            "CHECK(crm_receivable_days IS NULL OR crm_receivable_days >= 0)",
            "The payment term cannot be negative.",
        ),
    ]

    def init(self):
        res = super().init()
        # unique keys per company over the rows that have them (partial indexes
        # that _sql_constraints cannot express); the Python constraints give the
        # readable message, these keep concurrent transactions honest
        for name, columns, where in (
            (
                "res_partner_crm_customer_code_uniq",
                "crm_customer_code, COALESCE(company_id, 0)",
                "crm_customer_code IS NOT NULL",
            ),
            (
                "res_partner_crm_uscc_uniq",
                "crm_uscc, COALESCE(company_id, 0)",
                "crm_uscc IS NOT NULL AND parent_id IS NULL",
            ),
            (
                "res_partner_crm_primary_contact_uniq",
                "parent_id",
                "crm_is_primary_contact AND parent_id IS NOT NULL",
            ),
        ):
            self.env.cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX IF NOT EXISTS %s ON res_partner (%s) WHERE %s",
                    SQL.identifier(name),
                    SQL(columns),
                    SQL(where),
                )
            )
        # counts of customer lists (the web client counts up to 10,001 rows):
        # the owner with the columns of Odoo's company rule, so that counting
        # reads the index only (measured: 9.5 ms to 4 ms for 10,001 rows)
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS res_partner_crm_customer_owner_index"
                " ON res_partner (crm_owner_id) INCLUDE (partner_share, company_id)"
                " WHERE active AND crm_is_customer AND parent_id IS NULL"
            )
        )
        # the pool's list: its order (complete_name, id desc) over the pool's
        # rows only, with the company rule's columns for its count (issue 16:
        # 146 ms to 0.4 ms a page and 6 ms to count 10,001 of 200,000)
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS res_partner_crm_pool_name_index"
                " ON res_partner (complete_name, id DESC)"
                " INCLUDE (partner_share, company_id) WHERE active AND crm_is_pool"
            )
        )
        self._crm_create_name_search_indexes()
        return res

    # the columns Odoo's res.partner name_search compares with ILIKE '%…%'
    # (_rec_names_search); every branch of that OR needs an index, or
    # PostgreSQL scans the table
    _crm_trigram_columns = ("complete_name", "email", "ref", "vat", "company_registry")
    # and the customer lists' search box (Name: the complete name or the
    # customer code); without it a manager who sees every customer searched
    # by scanning the table (issue 16: 1.0 s to 42 ms over 1M partners)
    _crm_search_trigram_columns = ("crm_customer_code",)

    def _crm_create_name_search_indexes(self):
        """GIN trigram indexes for finding a customer by part of its name,
        e-mail, reference or tax number: the customer pickers' name_search.
        Measured on 1,000,000 customers under load (issue 16): 4.6 s to
        0.14 s a search. pg_trgm is a trusted extension (PostgreSQL 13+) the
        database owner may create; where it is refused, searching still works
        without the indexes (a warning is logged)."""
        if not ensure_trigram(
            self.env,
            "crm_customer",
            "customer searches by part of a name will scan the table.",
        ):
            return
        cr = self.env.cr
        for column in self._crm_trigram_columns + self._crm_search_trigram_columns:
            cr.execute(
                SQL(
                    "CREATE INDEX IF NOT EXISTS %s"
                    " ON res_partner USING gin (%s gin_trgm_ops)",
                    SQL.identifier(f"res_partner_crm_{column}_trgm_index"),
                    SQL.identifier(column),
                )
            )

    # ------------------------------------------------------------------
    # Compute / search
    # ------------------------------------------------------------------
    @api.depends("parent_id.crm_is_customer")
    def _compute_crm_is_customer(self):
        # contacts follow their company; a company keeps its own value
        for partner in self.filtered("parent_id"):
            partner.crm_is_customer = partner.parent_id.crm_is_customer

    @api.depends("user_id", "parent_id.crm_owner_id")
    def _compute_crm_owner_id(self):
        for partner in self:
            if partner.parent_id:
                partner.crm_owner_id = partner.parent_id.crm_owner_id
            else:
                partner.crm_owner_id = partner.user_id

    @api.depends("crm_owner_id")
    def _compute_crm_department_id(self):
        for partner in self:
            partner.crm_department_id = partner.crm_owner_id._crm_main_department(
                partner.company_id or None
            )

    @api.depends("crm_is_customer", "crm_owner_id", "parent_id")
    def _compute_crm_is_pool(self):
        for partner in self:
            partner.crm_is_pool = bool(
                partner.crm_is_customer
                and not partner.parent_id
                and not partner.crm_owner_id
            )

    @api.depends("user_id")
    def _compute_crm_owner_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.crm_owner_date = today if partner.user_id else False

    @api.depends("crm_is_pool", "crm_released_date")
    def _compute_crm_days_in_pool(self):
        today = fields.Date.context_today(self)
        for partner in self:
            since = partner.crm_is_pool and (
                partner.crm_released_date
                or (partner.create_date and partner.create_date.date())
            )
            partner.crm_days_in_pool = (today - since).days if since else 0

    @api.depends("crm_last_followup_date")
    def _compute_crm_days_no_followup(self):
        today = fields.Date.context_today(self)
        for partner in self:
            reference = partner.crm_last_followup_date or (
                partner.create_date and partner.create_date.date()
            )
            partner.crm_days_no_followup = (today - reference).days if reference else 0

    def _search_crm_days_no_followup(self, operator, value):
        if operator not in (">=", ">") or not isinstance(value, int):
            raise UserError(
                self.env._("Search customers without follow-up with >= and a number.")
            )
        days = value + 1 if operator == ">" else value
        limit = fields.Date.context_today(self) - timedelta(days=days)
        return [
            "|",
            ("crm_last_followup_date", "<=", limit),
            "&",
            ("crm_last_followup_date", "=", False),
            ("create_date", "<", fields.Date.to_string(limit + timedelta(days=1))),
        ]

    @api.depends_context("uid")
    def _compute_crm_in_scope(self):
        user_ids = self.env.user._crm_customer_scope_user_ids()
        for partner in self:
            partner.crm_in_scope = bool(partner.crm_owner_id) and (
                user_ids is None or partner.crm_owner_id.id in user_ids
            )

    def _search_crm_in_scope(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'Within My Scope'."))
        positive = (operator == "=") == value
        user_ids = self.env.user._crm_customer_scope_user_ids()
        if user_ids is None:
            domain = [("crm_owner_id", "!=", False)]
        else:
            domain = [("crm_owner_id", "in", user_ids)]
        return domain if positive else ["!"] + domain

    @api.depends_context("uid")
    def _compute_crm_can_edit_credit(self):
        self.crm_can_edit_credit = self.env.su or self.env.user._crm_scope_can_edit(
            "sales"
        )

    def _compute_crm_currency_id(self):
        for partner in self:
            partner.crm_currency_id = (
                partner.company_id.currency_id or self.env.company.currency_id
            )

    @api.depends_context("uid")
    @api.depends("child_ids.type")
    def _compute_crm_contact_count(self):
        # from the contacts the form reads anyway: no query of its own on a
        # form. The cached lines may have been read by someone else: keep those
        # this user may read (the rules checked on the cached rule columns)
        readable = set(self.child_ids._filtered_access("read").ids)
        for partner in self:
            partner.crm_contact_count = len(
                partner.child_ids.filtered(
                    lambda child: child.id in readable and child.type == "contact"
                )
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("crm_uscc", "company_id", "parent_id")
    def _check_crm_uscc(self):
        for partner in self.filtered("crm_uscc"):
            if not stdnum_uscc.is_valid(partner.crm_uscc):
                raise ValidationError(
                    self.env._(
                        "%(code)s is not a valid unified social credit code "
                        "(统一社会信用代码): it has 18 characters and a check digit.",
                        code=partner.crm_uscc,
                    )
                )

    @api.constrains("crm_is_primary_contact", "parent_id")
    def _check_crm_primary_contact(self):
        for partner in self.filtered(lambda p: p.crm_is_primary_contact):
            if not partner.parent_id:
                continue
            count = (
                self.sudo()
                .with_context(active_test=False)
                .search_count(
                    [
                        ("parent_id", "=", partner.parent_id.id),
                        ("crm_is_primary_contact", "=", True),
                    ]
                )
            )
            if count > 1:
                raise ValidationError(
                    self.env._(
                        "%(company)s can have only one primary contact.",
                        company=partner.parent_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._crm_check_protected_create(vals_list)
        for vals in vals_list:
            self._crm_clean_vals(vals)
            self._crm_check_unique(vals)
            if vals.get("crm_is_primary_contact") and vals.get("parent_id"):
                self._crm_unset_other_primary(vals["parent_id"])
        partners = super().create(vals_list)
        partners._crm_assign_customer_code()
        return partners

    def write(self, vals):
        self._crm_check_protected_write(vals)
        self._crm_clean_vals(vals)
        if {"crm_uscc", "crm_customer_code"} & set(vals):
            for partner in self:
                partner._crm_check_unique(vals)
        if vals.get("crm_is_primary_contact"):
            for partner in self:
                partner._crm_unset_other_primary(
                    vals.get("parent_id") or partner.parent_id.id
                )
        if "active" in vals:
            self._crm_check_archive_rights()
        res = super().write(vals)
        if {"crm_is_customer", "parent_id"} & set(vals):
            self._crm_assign_customer_code()
        if not self.env.su and (vals.get("crm_is_customer") or vals.get("parent_id")):
            # a partner made a customer, or moved into a customer account, must
            # be one the user may edit (the write rule, on the new values)
            self.filtered("crm_is_customer").check_access("write")
        return res

    def unlink(self):
        self._crm_check_archive_rights()
        return super().unlink()

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """Salespeople who may not archive customers get ``active`` read-only:
        the web client then offers them no Archive/Unarchive in lists (the
        server refuses it anyway, ``_crm_check_archive_rights``)."""
        res = super().fields_get(allfields=allfields, attributes=attributes)
        if "active" in res and not self._crm_may_archive_customers():
            res["active"]["readonly"] = True
        return res

    @api.model
    def _crm_may_archive_customers(self):
        user = self.env.user
        return (
            self.env.su
            or not user.has_group("crm_masterdata.crm_masterdata_group_sales_own")
            or user._crm_scope_can_edit("sales")
        )

    def _crm_check_archive_rights(self):
        """Salespeople neither archive, restore nor delete customer accounts:
        managers who edit within their scope (and the sales administrators)
        do. (The access rights take deletion from salespeople too; this check
        holds whatever other group grants it, such as Contact Creation.)"""
        if self.env.su or self.env.user._crm_scope_can_edit("sales"):
            return
        accounts = self.sudo().filtered(lambda p: p.crm_is_customer and not p.parent_id)
        if accounts:
            raise AccessError(
                self.env._(
                    "Only managers archive or delete customers (%(names)s): ask "
                    "your manager, or release the customer to the pool.",
                    names=", ".join(accounts[:5].mapped("display_name")),
                )
            )

    # ------------------------------------------------------------------
    # Protected fields (DESIGN.md "Trust": a context key is never a permission)
    # ------------------------------------------------------------------
    def _crm_protected_message(self, names):
        labels = ", ".join(
            sorted(self._fields[name]._description_string(self.env) for name in names)
        )
        return self.env._(
            "%(fields)s of a customer can only be changed by the customer's own "
            "actions (claim, release, assign, hand-over, follow-up), not written "
            "directly.",
            fields=labels,
        )

    @api.model
    def _crm_check_protected_create(self, vals_list):
        """New partners get their owner history, pool flags, follow-up date and
        number from the suite, never from the caller (whatever the context);
        the create rule decides whom a user may give a new customer to."""
        if self.env.su:
            return
        refused = set()
        for vals in vals_list:
            refused.update(f for f in CUSTOMER_PROTECTED_FIELDS if vals.get(f))
        if refused:
            raise UserError(self._crm_protected_message(refused))
        if any(
            vals.get("crm_credit_limit")
            or vals.get("crm_credit_policy", "none") not in ("none", False)
            for vals in vals_list
        ):
            self._crm_check_credit_rights()

    @api.model
    def _crm_check_credit_rights(self):
        if not self.env.su and not self.env.user._crm_scope_can_edit("sales"):
            raise UserError(
                self.env._(
                    "Only managers who edit customers within their scope set a "
                    "customer's credit policy and credit limit."
                )
            )

    def _crm_check_protected_write(self, vals):
        """The fields of ``CUSTOMER_PROTECTED_FIELDS`` are never written
        directly, nor the owner (``user_id``) of a customer account, and a
        customer does not stop being one; making a partner a customer needs a
        sales role. Superuser writes (the suite's own methods, Odoo's
        internals) pass."""
        if self.env.su:
            return
        refused = {f for f in CUSTOMER_PROTECTED_FIELDS if f in vals}
        customers = self.sudo().filtered("crm_is_customer")
        if customers and "user_id" in vals:
            owner_id = vals["user_id"] or False
            if any(p.user_id.id != owner_id for p in customers if not p.parent_id):
                refused.add("user_id")
        if customers and "crm_is_customer" in vals and not vals["crm_is_customer"]:
            refused.add("crm_is_customer")
        if refused:
            raise UserError(self._crm_protected_message(refused))
        if set(CUSTOMER_CREDIT_FIELDS) & set(vals):
            self._crm_check_credit_rights()
        parent_id = vals.get("parent_id")
        becomes = (vals.get("crm_is_customer") and customers != self.sudo()) or (
            parent_id and self.sudo().browse(parent_id).crm_is_customer
        )
        if becomes and not self.env.user.has_group(
            "crm_masterdata.crm_masterdata_group_sales_own"
        ):
            raise AccessError(self.env._("Only salespeople make a partner a customer."))

    @api.model
    def _crm_clean_vals(self, vals):
        """Normalise and check values before anything is written."""
        if vals.get("crm_uscc"):
            vals["crm_uscc"] = stdnum_uscc.compact(vals["crm_uscc"])
        if (vals.get("crm_credit_limit") or 0) < 0:
            raise ValidationError(self.env._("The credit limit cannot be negative."))
        if (vals.get("crm_receivable_days") or 0) < 0:
            raise ValidationError(self.env._("The payment term cannot be negative."))

    def _crm_assign_customer_code(self):
        todo = self.filtered(
            lambda p: p.crm_is_customer and not p.parent_id and not p.crm_customer_code
        )
        sequence = self.env["ir.sequence"].sudo()
        for partner in todo:
            code = sequence.with_company(
                partner.company_id or self.env.company
            ).next_by_code("crm.customer")
            partner.sudo().crm_customer_code = code

    def _crm_unset_other_primary(self, parent_id):
        """Only one primary contact per company: setting one unsets the others
        (before the new one is written, so the unique index holds)."""
        if not parent_id:
            return
        others = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("parent_id", "=", parent_id),
                    ("crm_is_primary_contact", "=", True),
                    ("id", "not in", self.ids),
                ]
            )
        )
        if others:
            others.write({"crm_is_primary_contact": False})
            others.flush_recordset(["crm_is_primary_contact"])

    @api.model
    def get_import_templates(self):
        if self.env.context.get("crm_customer_import"):
            return [
                {
                    "label": self.env._("Import Template for CRM Customers"),
                    "template": "/crm_customer/static/xls/crm_customer_template.xlsx",
                }
            ]
        return super().get_import_templates()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_crm_view_contacts(self):
        self.ensure_one()
        return self._crm_history_action(
            "res.partner",
            partner_field="parent_id",
            # child_of on the parent field also matches the company itself
            domain=[
                ("type", "=", "contact"),
                ("id", "!=", self.commercial_partner_id.id),
            ],
            name=self.env._("Contacts"),
        )
