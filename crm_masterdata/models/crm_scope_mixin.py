from odoo import api, fields, models


class CrmScopeMixin(models.AbstractModel):
    """Owner, owner's department and company of a business record, and the
    data-scope rules of DESIGN.md ("own, within scope, all").

    A model uses it in three steps::

        _inherit = ["crm.scope.mixin", "mail.thread"]
        _crm_scope_app = "service"          # which app's groups decide the level
        _crm_scope_assignee_fields = ("handler_ids",)   # optional: also "own"

    and two record rules on the app's Own group (all levels imply it)::

        domain_force: user._crm_scope_domain('crm.service.request')           (read)
        domain_force: user._crm_scope_domain('crm.service.request', 'write')
        (the second for write, create and unlink)

    plus the app's All level rule ``[(1, '=', 1)]`` and a company rule.
    """

    _name = "crm.scope.mixin"
    _inherit = ["crm.protected.mixin"]
    _description = "Data Scope (owner, department, company)"
    _check_company_auto = True

    # key of the app whose groups set the scope level
    # (sales, service, work, docs, finance)
    _crm_scope_app = "sales"
    # stored, indexed many2one to res.users that the rules compare with user ids
    _crm_scope_owner_field = "user_id"
    # many2one/many2many fields to res.users whose users also "own" the record
    _crm_scope_assignee_fields = ()

    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        default=lambda self: self.env.user,
        index=True,
        ondelete="restrict",
        domain="[('share', '=', False)]",
        help="The person responsible for the record; they and the people whose "
        "scope includes them can see it.",
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        index=True,
        ondelete="restrict",
        check_company=True,
        help="The owner's department when the record was given to them; used for "
        "statistics.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        ondelete="restrict",
    )

    @api.depends("user_id")
    def _compute_department_id(self):
        for record in self:
            record.department_id = record.user_id._crm_main_department(
                record.company_id
            )

    @api.model
    def _crm_scope_level(self):
        """The current user's level in this model's app (``own`` ... ``all``)."""
        return self.env.user._crm_scope_level(self._crm_scope_app)

    @api.model
    def _crm_scope_visible_user_ids(self):
        """Users whose records the current user reads here (``None``: everyone)."""
        return self.env.user._crm_scope_user_ids(self._crm_scope_app)

    @api.model
    def _crm_set_number(self, vals, sequence_code):
        """Give ``vals`` (of a record being created) its document number, the
        next of the sequence ``sequence_code`` of the record's company, unless
        it brings one."""
        if vals.get("name", "/") == "/":
            company = self.env["res.company"].browse(
                vals.get("company_id") or self.env.company.id
            )
            vals["name"] = (
                self.env["ir.sequence"]
                .with_company(company)
                .next_by_code(sequence_code)
                or "/"
            )
