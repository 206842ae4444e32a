from odoo import models

INSTALLMENT_FIELDS = ["name", "due_date", "amount", "paid_amount", "state"]


class CrmContract(models.Model):
    """Public methods for scripts (XML-RPC): the wizards' operations without
    creating the wizard first, returning data (readme/USAGE.md "Scripts")."""

    _inherit = "crm.contract"  # pylint: disable=consider-merging-classes-inherited

    def crm_generate_plan(self, template_id=False, count=3, interval_days=30):
        """The payment plan of this draft contract, as the "Generate Payment
        Plan" wizard makes it (same code, same checks): from the template
        ``template_id``, or ``count`` equal installments ``interval_days``
        apart. Returns the installments as a list of dictionaries (id, name,
        due_date, amount, paid_amount, state)."""
        self.ensure_one()
        self.check_access("write")
        wizard = self.env["crm.contract.plan.generate"].create(
            {
                "contract_id": self.id,
                "template_id": template_id or False,
                "count": count,
                "interval_days": interval_days,
            }
        )
        wizard.action_generate()
        return self.crm_installments()

    def crm_approve(self, comment=None):
        """Approve this contract waiting for the caller's approval, as the
        Approve wizard does (same code, same checks). Returns ``{"id", "name",
        "state"}``."""
        return self._crm_decide("approve", comment)

    def crm_reject(self, comment=None):
        """Reject this contract waiting for the caller's approval, as the
        Reject wizard does. Returns ``{"id", "name", "state"}``."""
        return self._crm_decide("reject", comment)

    def _crm_decide(self, decision, comment):
        self.ensure_one()
        self.env["crm.contract.approve"].create(
            {"contract_id": self.id, "decision": decision, "comment": comment or False}
        ).action_apply()
        return {"id": self.id, "name": self.name, "state": self.state}

    def crm_installments(self):
        """The payment plan of this contract as data, read with the caller's
        rights: a list of dictionaries (id, name, due_date, amount,
        paid_amount, state), dates as ``YYYY-MM-DD``."""
        self.ensure_one()
        return [
            dict(row, due_date=str(row["due_date"]))
            for row in self.installment_ids.read(INSTALLMENT_FIELDS, load=None)
        ]
