from odoo import fields, models


class CrmServiceRequest(models.Model):
    """Public methods for scripts (XML-RPC): the buttons' operations returning
    data (readme/USAGE.md "Scripts")."""

    _inherit = "crm.service.request"  # pylint: disable=consider-merging-classes-inherited

    def crm_resolve(self, resolution=None):
        """Write ``resolution`` (when given) and resolve these requests: the
        same operation (and checks) as the Resolve button
        (:meth:`action_resolve`). Returns one dictionary per request (id, name,
        state, date_resolved) and the button's message."""
        if resolution:
            self.write({"resolution": resolution})
        result = self.action_resolve()
        return {
            "requests": [
                {
                    "id": request.id,
                    "name": request.name,
                    "state": request.state,
                    "date_resolved": fields.Datetime.to_string(request.date_resolved),
                }
                for request in self
            ],
            "message": ((result or {}).get("params") or {}).get("message", ""),
        }

    def crm_visit(
        self, satisfaction="satisfied", feedback=None, unsatisfied_action="reopen"
    ):
        """Record the follow-up visit (回访) of this resolved request, as the
        Visit wizard does (same code, same checks): ``satisfaction``
        (satisfied, neutral, unsatisfied), the customer's words, and what an
        unsatisfied customer gets (``reopen`` or ``complaint``). Returns
        ``{"id", "name", "state", "visit_ids", "complaint_ids", "message"}``:
        the request after the visit and the complaints opened from it."""
        self.ensure_one()
        wizard = self.env["crm.service.visit.wizard"].create(
            {
                "request_id": self.id,
                "satisfaction": satisfaction,
                "feedback": feedback or False,
                "unsatisfied_action": unsatisfied_action,
            }
        )
        result = wizard.action_confirm()
        complaints = self.search([("source_request_id", "=", self.id)])
        return {
            "id": self.id,
            "name": self.name,
            "state": self.state,
            "visit_ids": self.visit_ids.ids,
            "complaint_ids": complaints.ids,
            "message": ((result or {}).get("params") or {}).get("message", ""),
        }

    def crm_cancel(self, reason):
        """Cancel this request for ``reason``, as the Cancel wizard does (same
        code, same checks). Returns ``{"id", "name", "state"}``."""
        self.ensure_one()
        self.env["crm.service.cancel"].create(
            {"request_id": self.id, "reason": reason}
        ).action_confirm()
        return {"id": self.id, "name": self.name, "state": self.state}
