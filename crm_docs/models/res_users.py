from odoo import models
from odoo.osv import expression
from odoo.tools import SQL


class ResUsers(models.Model):
    _inherit = "res.users"

    # Record-rule domains of crm.document beyond the scope of the documents
    # app: what was shared with the user (or reported to them), and what the
    # knowledge base publishes to them. Both compare stored, indexed columns
    # (and many2many tables) with literal values computed per user, read with
    # SQL (crm_masterdata's rule 8); Odoo caches them per user and the suite
    # clears the cache when departments or managers change.

    def _crm_docs_shared_domain(self):
        self.ensure_one()
        department_ids = self._crm_scope_department_ids_sql(self.id)
        domain = [
            "|",
            ("share_user_ids", "in", [self.id]),
            ("report_user_id", "=", self.id),
        ]
        if department_ids:
            domain = ["|", *domain, ("share_department_ids", "in", department_ids)]
        return domain

    def _crm_docs_is_manager(self):
        """Whether the user manages a department (through an active employee):
        the readers of the knowledge base's "managers only" documents."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                """
                SELECT 1 FROM hr_department d
                  JOIN hr_employee e ON e.id = d.manager_id
                 WHERE d.active AND e.active AND e.user_id = %s
                 LIMIT 1
                """,
                self.id,
            )
        )
        return bool(self.env.cr.fetchone())

    def _crm_docs_published_domain(self):
        self.ensure_one()
        department_ids = self._crm_scope_department_ids_sql(self.id)
        branches = [[("visibility", "=", "company")]]
        if department_ids:
            branches.append(
                [
                    ("visibility", "=", "departments"),
                    ("visibility_department_ids", "in", department_ids),
                ]
            )
        if self._crm_docs_is_manager():
            branches.append([("visibility", "=", "managers")])
        return expression.AND(
            [[("kb_state", "=", "published")], expression.OR(branches)]
        )
