from odoo import models


class CrmMoneyVoucher(models.AbstractModel):
    """Public methods for scripts (XML-RPC) on receipts and supplier payments:
    the buttons' operations returning data (readme/USAGE.md "Scripts")."""

    _inherit = "crm.money.voucher"

    def crm_allocate(self):
        """Allocate what is left of this voucher to the partner's open items,
        oldest due first: the same operation (and checks) as the Allocate
        button (:meth:`action_auto_allocate`). Returns what was allocated::

            {"allocated": 300.0, "advance": 0.0, "message": "...",
             "allocations": [{"id": 7, "target_id": 12, "target": "...",
                              "amount": 300.0}, ...]}

        ``target_id`` is the installment (receipts) or the bill (supplier
        payments); ``advance`` is what stays unallocated."""
        self.ensure_one()
        before = self._crm_allocations()
        result = self.action_auto_allocate()
        self.invalidate_recordset()
        new = self._crm_allocations() - before
        target_field = new._crm_target_field
        return {
            "allocated": self.currency_id.round(sum(new.mapped("amount"))),
            "advance": self.unallocated_amount,
            "message": ((result or {}).get("params") or {}).get("message", ""),
            "allocations": [
                {
                    "id": allocation.id,
                    "target_id": allocation[target_field].id,
                    "target": allocation[target_field].display_name,
                    "amount": allocation.amount,
                }
                for allocation in new
            ],
        }

    def crm_cancel(self, reason):
        """Cancel this voucher for ``reason``, as the Cancel wizard does (same
        code, same checks): what it applied to installments or bills is
        reverted. Returns ``{"id", "name", "state"}``."""
        self.ensure_one()
        self.env["crm.voucher.cancel"].create(
            {"res_model": self._name, "res_id": self.id, "reason": reason}
        ).action_cancel()
        return {"id": self.id, "name": self.name, "state": self.state}
