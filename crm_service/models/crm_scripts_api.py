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
