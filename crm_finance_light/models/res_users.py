from odoo import models

FINANCE_APP = "finance"


class ResUsers(models.Model):
    _inherit = "res.users"

    def _crm_finance_domain(self, model_name, mode="read", path=""):
        """Record-rule domain of a money record for the finance ladder.

        The document's own ``_crm_scope_app`` may be another app (receipts and
        expenses follow the sales scope for salespeople): finance staff read
        the records whose owner is within their *finance* level, and always the
        vouchers they created. Editing follows the suite's rule: the records
        they created, or everything they read with "edit within scope".
        ``path`` (e.g. ``"receipt_id."``) applies the domain of a line's
        document to the line.
        """
        self.ensure_one()
        domain = self._crm_scope_domain(model_name, mode, app=FINANCE_APP, path=path)
        document = self.env[model_name]
        if path:
            document = self.env[document._fields[path.split(".")[0]].comodel_name]
        if domain == [(1, "=", 1)] or not document._log_access:
            return domain
        return ["|"] + domain + [(path + "create_uid", "=", self.id)]

    def _crm_receipt_sales_domain(self, path=""):
        """Receipts a salesperson reads: those of the customers owned within
        their sales scope (the owner stored on the receipt), and those allocated
        to contracts owned within it."""
        self.ensure_one()
        user_ids = self._crm_scope_user_ids("sales")
        if user_ids is None:
            return [(1, "=", 1)]
        return [
            "|",
            (path + "user_id", "in", user_ids),
            (path + "allocation_ids.contract_user_id", "in", user_ids),
        ]
