from odoo import api, fields, models, tools
from odoo.tools import SQL

from .crm_scope_search_mixin import scope_rule_implied
from .res_groups import SCOPE_RANK


class ResUsers(models.Model):
    _inherit = "res.users"

    crm_department_ids = fields.Many2many(
        "hr.department",
        "crm_res_users_department_rel",
        "user_id",
        "department_id",
        string="Granted Departments",
        help="Departments whose records this user may read in addition to their own "
        "department and the departments they manage, for responsibilities that cut "
        "across the organisation tree. Used by the Department and Department tree "
        "scope levels.",
    )

    def _crm_lang(self):
        """The language of the texts the suite stores for this user (activity
        summaries and notes, reminders): the user's own, else their company's,
        else the current one. Use it as
        ``record.with_context(lang=user._crm_lang()).env._("...")``."""
        self.ensure_one()
        user = self.sudo()
        return user.lang or user.company_id._crm_lang() or self.env.lang or "en_US"

    # ------------------------------------------------------------------
    # Scope API (DESIGN.md "Own, within scope, all")
    # ------------------------------------------------------------------
    def _compute_display_name(self):
        """The user's name, as Odoo computes it, in one query for every user
        whose name is not in memory yet: Odoo reads the users, then their
        partners' whole rows (two queries, about 70 columns per partner), for
        each list or form that shows owners. Only as superuser, which is how
        ``web_read`` computes the display names of many2one values; otherwise
        Odoo's own reading checks the access rights."""
        name_field = self._fields["name"]
        real_ids = [id_ for id_ in self._ids if isinstance(id_, int)]
        if not (
            self.env.su
            and real_ids
            and any(self.env.cache.get_missing_ids(self.browse(real_ids), name_field))
        ):
            return super()._compute_display_name()
        self.flush_model(["partner_id"])
        self.env["res.partner"].flush_model(["name"])
        self.env.cr.execute(
            SQL(
                "SELECT u.id, p.name FROM res_users u"
                " JOIN res_partner p ON p.id = u.partner_id WHERE u.id = ANY(%s)",
                real_ids,
            )
        )
        names = dict(self.env.cr.fetchall())
        others = self.browse()
        for user in self:
            if user.id in names:
                user.display_name = name_field.convert_to_display_name(
                    names[user.id], user
                )
            else:
                others |= user
        if others:
            super(ResUsers, others)._compute_display_name()
        return None

    def _crm_scope_level(self, app):
        """Return the widest scope level (``own`` ... ``all``) this user holds in
        ``app`` through their groups, or ``False`` when they hold none."""
        self.ensure_one()
        groups = self.sudo().groups_id.filtered(
            lambda g: g.crm_scope_app == app and g.crm_scope_level
        )
        if not groups:
            return False
        return max(groups.mapped("crm_scope_level"), key=SCOPE_RANK.get)

    def _crm_scope_can_edit(self, app):
        """Whether this user edits every record they read in ``app``."""
        self.ensure_one()
        return any(
            g.crm_scope_app == app and g.crm_scope_edit for g in self.sudo().groups_id
        )

    def _crm_main_department(self, company=None):
        """The department of this user's active employee (in ``company`` when
        given), whatever the caller's ``active_test``."""
        employees = self.sudo().with_context(active_test=True).employee_ids
        if company:
            employees = employees.filtered(lambda e: e.company_id == company)
        return employees[:1].department_id

    # The scope is read with SQL, not with ORM searches: a record rule that
    # calls it must not flush the pending writes of the records being saved
    # (an employee whose duplicate user breaks hr's unique key would raise its
    # UniqueViolation inside the rule's evaluation, as a server error instead
    # of Odoo's message). What it reads is never pending when it is called:
    # many2many links and hr.department.parent_path are written at once, and
    # crm.scope.watch.mixin writes the employees' and departments' scope
    # fields as soon as they change and clears the cache after they reach the
    # database. The SQL also fixes what the caller's context would otherwise
    # decide (active_test, companies): only active employees and departments
    # count, in every company, as they do in a rule's evaluation.

    def _crm_scope_department_ids_sql(self, user_id):
        """Ids of the active departments of user ``user_id``: their active
        employees' departments, the departments those employees manage and the
        departments granted to the user."""
        self.env.cr.execute(
            SQL(
                """
                SELECT d.id FROM hr_department d
                 WHERE d.active AND (
                       d.id IN (SELECT e.department_id FROM hr_employee e
                                 WHERE e.user_id = %(user)s AND e.active)
                    OR d.manager_id IN (SELECT e.id FROM hr_employee e
                                         WHERE e.user_id = %(user)s AND e.active)
                    OR d.id IN (SELECT r.department_id
                                  FROM crm_res_users_department_rel r
                                 WHERE r.user_id = %(user)s))
                 ORDER BY d.id
                """,
                user=user_id,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _crm_scope_department_ids(self):
        """The user's departments: their employees' departments, the departments
        they manage and the departments granted to them explicitly (active
        ones only, whatever the caller's context)."""
        self.ensure_one()
        return self.env["hr.department"].browse(
            self._crm_scope_department_ids_sql(self.id)
        )

    def _crm_scope_user_ids(self, app, level=None):
        """Ids of the users whose records this user reads in ``app`` (their own
        level unless ``level`` is given), or ``None`` for the All level.

        Cached per user, app and level in the registry's default cache, which is
        cleared whenever a field that changes scope is written (see
        ``crm.scope.watch.mixin``), as Odoo's own rule-domain cache is. The key
        holds only what decides the result: the computation reads the database
        with fixed conditions and never the caller's context."""
        self.ensure_one()
        user_ids = self._crm_scope_user_ids_cached(self.id, app, level)
        return None if user_ids is None else list(user_ids)

    @tools.ormcache("user_id", "app", "level")
    def _crm_scope_user_ids_cached(self, user_id, app, level):
        level = level or self.browse(user_id)._crm_scope_level(app) or "own"
        rank = SCOPE_RANK[level]
        if rank >= SCOPE_RANK["all"]:
            return None
        cr = self.env.cr
        user_ids = {user_id}
        if rank >= SCOPE_RANK["subordinates"]:
            # the manager chain below the user's active employees, as
            # ('parent_id', 'child_of', ...) walks it: through active employees
            cr.execute(
                SQL(
                    """
                    WITH RECURSIVE chain(id) AS (
                        SELECT e.id FROM hr_employee e
                         WHERE e.user_id = %(user)s AND e.active
                        UNION
                        SELECT e.id FROM hr_employee e
                          JOIN chain c ON e.parent_id = c.id
                         WHERE e.active
                    )
                    SELECT DISTINCT e.user_id FROM hr_employee e
                      JOIN chain c ON c.id = e.id
                     WHERE e.user_id IS NOT NULL
                    """,
                    user=user_id,
                )
            )
            user_ids.update(row[0] for row in cr.fetchall())
        if rank >= SCOPE_RANK["department"]:
            department_ids = self._crm_scope_department_ids_sql(user_id)
            if department_ids and rank >= SCOPE_RANK["department_tree"]:
                # ('id', 'child_of', ...) on a parent_store model: every active
                # department under them (parent_path is written at once)
                cr.execute(
                    SQL(
                        """
                        SELECT c.id FROM hr_department c
                          JOIN hr_department b ON c.parent_path LIKE b.parent_path || %s
                         WHERE b.id = ANY(%s) AND c.active
                        """,
                        "%",
                        department_ids,
                    )
                )
                department_ids = [row[0] for row in cr.fetchall()]
            if department_ids:
                cr.execute(
                    SQL(
                        "SELECT DISTINCT user_id FROM hr_employee WHERE active"
                        " AND user_id IS NOT NULL AND department_id = ANY(%s)",
                        department_ids,
                    )
                )
                user_ids.update(row[0] for row in cr.fetchall())
        return tuple(sorted(user_ids))

    def _crm_scope_domain(self, model_name, mode="read", app=None, path=""):
        """Record-rule domain of ``model_name`` (a model using the scope mixin)
        for this user: ``mode`` is ``read`` or ``write`` (write, create, unlink);
        ``app`` overrides the model's ``_crm_scope_app`` (e.g. the finance
        ladder's rule on a model that otherwise follows the sales scope);
        ``path`` (e.g. ``"receipt_id."``) applies the domain of a line's document
        to the line.

        Readers see the records their level allows; they edit their own records,
        and every record they read when they also hold "edit within scope".
        """
        self.ensure_one()
        if mode == "read" and scope_rule_implied(self.env, model_name):
            # a search whose own top-level leaf holds the scope
            # (crm.scope.search.mixin): the rule adds nothing to it
            return [(1, "=", 1)]
        model = self.env[model_name]
        if path:
            model = self.env[model._fields[path.split(".")[0]].comodel_name]
        app = app or model._crm_scope_app
        owner = model._crm_scope_owner_field
        if mode != "read" and not self._crm_scope_can_edit(app):
            user_ids = [self.id]
        else:
            user_ids = self._crm_scope_user_ids(app)
            if user_ids is None:
                return [(1, "=", 1)]
        domain = [(path + owner, "in", user_ids)]
        for fname in model._crm_scope_assignee_fields:
            domain = ["|"] + domain + [(path + fname, "in", [self.id])]
        return domain

    # ------------------------------------------------------------------
    # Cache: rule domains are cached per user; clear when scope changes
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        if any("crm_department_ids" in vals for vals in vals_list):
            self.env.registry.clear_cache()
        return users

    def write(self, vals):
        res = super().write(vals)
        if "crm_department_ids" in vals:
            self.env.registry.clear_cache()
        return res
