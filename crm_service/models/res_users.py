from odoo import models, tools
from odoo.tools import SQL

from odoo.addons.crm_masterdata.models.res_groups import SCOPE_RANK


class ResUsers(models.Model):
    _inherit = "res.users"

    def _crm_service_request_domain(
        self, mode="read", path="", model_name="crm.service.request"
    ):
        """Record-rule domain of service requests (``path``: of the records of
        ``model_name`` that hang from a request, e.g. ``"request_id."`` on
        ``crm.service.visit``): the shared scope
        (owner within the user's scope, or handler), and, for the Department and
        Department tree levels, also the requests whose handling department is
        one of theirs (for writing: only with "edit within scope")."""
        self.ensure_one()
        domain = self._crm_scope_domain(model_name, mode, path=path)
        if domain == [(1, "=", 1)]:
            return domain
        if mode != "read" and not self._crm_scope_can_edit("service"):
            return domain
        department_ids = self._crm_service_department_ids_cached(self.id)
        if not department_ids:
            return domain
        return (
            ["|"]
            + domain
            + [(path + "handling_department_id", "in", list(department_ids))]
        )

    @tools.ormcache("user_id")
    def _crm_service_department_ids_cached(self, user_id):
        """Ids of the departments whose handled requests ``user_id`` reads: at
        the service Department level their departments, at the Department tree
        level those and every active department below them; none below.
        Cached with the scope (cleared when groups, employees or departments
        change); read with SQL, as the shared scope is."""
        level = self.browse(user_id)._crm_scope_level("service") or "own"
        rank = SCOPE_RANK[level]
        if rank < SCOPE_RANK["department"] or rank >= SCOPE_RANK["all"]:
            return ()
        department_ids = self._crm_scope_department_ids_sql(user_id)
        if department_ids and rank >= SCOPE_RANK["department_tree"]:
            self.env.cr.execute(
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
            department_ids = [row[0] for row in self.env.cr.fetchall()]
        return tuple(sorted(department_ids))
