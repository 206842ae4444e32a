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

    def crm_credit_override(self, reason, next_step="confirm"):
        """Confirm (``next_step="confirm"``) or submit for approval
        (``"submit"``) this draft contract although it exceeds its customer's
        credit, for ``reason``, as the Credit Limit Exceeded wizard does (same
        code, same checks: only credit controllers, a reason is required).
        Returns ``{"id", "name", "state", "credit_override_reason",
        "message"}``."""
        self.ensure_one()
        wizard = self.env["crm.contract.credit.override"].create(
            {
                "contract_id": self.id,
                "next_step": next_step,
                "reason": reason or "",
            }
        )
        result = self._crm_script_result(wizard.action_override())
        result["credit_override_reason"] = self.credit_override_reason
        return result

    def crm_cancel(self, reason):
        """Cancel this contract for ``reason``, as the Cancel wizard does
        (same code, same checks): its open installments are cancelled and
        their reminders dropped. Returns ``{"id", "name", "state",
        "message"}``."""
        self.ensure_one()
        wizard = self.env["crm.contract.cancel"].create(
            {"contract_id": self.id, "reason": reason or ""}
        )
        result = wizard.action_cancel()
        return self._crm_script_result(result)

    def _crm_script_result(self, action):
        """The contract's number and state after a wizard's ``action``, with
        the message it showed."""
        params = (action or {}).get("params") or {}
        return {
            "id": self.id,
            "name": self.name,
            "state": self.state,
            "message": params.get("message", ""),
        }

    def crm_installments(self):
        """The payment plan of this contract as data, read with the caller's
        rights: a list of dictionaries (id, name, due_date, amount,
        paid_amount, state), dates as ``YYYY-MM-DD``."""
        self.ensure_one()
        return [
            dict(row, due_date=str(row["due_date"]))
            for row in self.installment_ids.read(INSTALLMENT_FIELDS, load=None)
        ]
