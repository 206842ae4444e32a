from odoo import models
from odoo.osv import expression


class ResUsers(models.Model):
    _inherit = "res.users"

    def _crm_work_recipient_domain(self, path=""):
        """Logs addressed to this user: those that gave them a read receipt,
        by name or as a member of a recipient department when it was sent."""
        self.ensure_one()
        return [(path + "addressed_beyond_scope_ids", "in", [self.id])]

    def _crm_work_log_domain(self, model_name="crm.work.log", path=""):
        """Record-rule domain of the work logs this user reads (or, with
        ``path``, of the records of ``model_name`` whose log they read): those
        within their Work scope and those addressed to them."""
        self.ensure_one()
        scope = self._crm_scope_domain(model_name, path=path)
        if scope == [(1, "=", 1)]:
            return scope
        return expression.OR([scope, self._crm_work_recipient_domain(path)])

    def _crm_work_comment_domain(self):
        """Comments (指导意见/辅导意见) are read by whoever reads their task or log."""
        self.ensure_one()
        task = self._crm_scope_domain("crm.work.comment", path="task_id.")
        log = self._crm_scope_domain("crm.work.comment", path="log_id.")
        if [(1, "=", 1)] in (task, log):
            return [(1, "=", 1)]
        return expression.OR(
            [
                expression.AND([[("task_id", "!=", False)], task]),
                expression.AND(
                    [
                        [("log_id", "!=", False)],
                        expression.OR(
                            [log, self._crm_work_recipient_domain("log_id.")]
                        ),
                    ]
                ),
            ]
        )

    def _crm_work_owner_domain(self, model_name, path=""):
        """Record-rule domain of the records of ``model_name`` this user
        creates and deletes: their own, or every one in their scope with
        "edit within scope" (collaborators update a task, never delete it)."""
        self.ensure_one()
        if self._crm_scope_can_edit("work"):
            user_ids = self._crm_scope_user_ids("work")
            if user_ids is None:
                return [(1, "=", 1)]
        else:
            user_ids = [self.id]
        return [(path + "user_id", "in", user_ids)]
