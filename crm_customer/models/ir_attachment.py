from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import SQL


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _crm_pool_attachment_ids(self, ids):
        """The ids among ``ids`` of the (non-public) attachments of pool
        accounts, which salespeople below the All level do not read."""
        if not ids:
            return set()
        self.flush_model(["res_model", "res_id", "public"])
        self.env["res.partner"].flush_model(["crm_is_pool"])
        rows = self.env.execute_query(
            SQL(
                "SELECT a.id FROM ir_attachment a"
                " JOIN res_partner p ON p.id = a.res_id"
                " WHERE a.id = ANY(%s) AND a.res_model = 'res.partner'"
                " AND a.public IS NOT TRUE AND p.crm_is_pool",
                list(ids),
            )
        )
        return {row[0] for row in rows}

    def check(self, mode, values=None):
        """The files of a pool account are masked like its fields."""
        result = super().check(mode, values=values)
        if (
            mode == "read"
            and self.ids
            and self.env["res.partner"]._crm_pool_masked()
            and self._crm_pool_attachment_ids(self.ids)
        ):
            raise AccessError(
                self.env._(
                    "The documents of a customer in the pool are for its owner: "
                    "claim the customer first."
                )
            )
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        query = super()._search(domain, offset=offset, limit=limit, order=order)
        if self.env.su or not self.env["res.partner"]._crm_pool_masked():
            return query
        ids = list(query)
        hidden = self._crm_pool_attachment_ids(ids)
        if not hidden:
            return query
        return self.browse([id_ for id_ in ids if id_ not in hidden])._as_query(order)
