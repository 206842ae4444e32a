"""Service requests and their follow-up visits on the customer's timeline
(crm_customer's ``res.partner.crm_timeline``)."""

from odoo import api, models
from odoo.tools import create_index


class CrmServiceRequest(models.Model):
    _inherit = "crm.service.request"

    def init(self):
        res = super().init()
        # the timeline reads a customer's newest requests first
        create_index(
            self.env.cr,
            "crm_service_request_timeline_index",
            self._table,
            ["partner_id", "create_date DESC", "id DESC"],
        )
        return res


class CrmServiceVisit(models.Model):
    _inherit = "crm.service.visit"

    def init(self):
        res = super().init()
        # the visits of a customer's requests, newest first
        create_index(
            self.env.cr,
            "crm_service_visit_timeline_index",
            self._table,
            ["request_id", "date DESC", "id DESC"],
        )
        return res


# one class per concern: the timeline's source beside the addon's other
# res.partner extensions
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _crm_timeline_sources(self):
        return super()._crm_timeline_sources() + [
            "_crm_timeline_service_requests",
            "_crm_timeline_service_visits",
        ]

    def _crm_timeline_service_requests(self, partners, limit):
        """The service requests of the customer the reader may read (the
        service scope rules), newest first."""
        Request = self.env["crm.service.request"]
        if not Request.has_access("read"):
            return []
        requests = Request.search_fetch(
            [("partner_id", "in", partners.ids)],
            ["name", "title", "state", "create_date", "user_id", "handler_id"],
            order="create_date desc, id desc",
            limit=limit,
        )
        label = self.env._("Service request")
        states = self._crm_timeline_labels("crm.service.request", "state")
        items = []
        for request in requests:
            state = states.get(request.state, "")
            items.append(
                self._crm_timeline_item(
                    request,
                    request.create_date,
                    "service_request",
                    label,
                    "fa-wrench",
                    f"{request.name} {request.title}",
                    " · ".join(filter(None, [state, request.handler_id.name])),
                    user=request.user_id,
                )
            )
        return items

    def _crm_timeline_service_visits(self, partners, limit):
        """The follow-up visits (回访) of the customer's requests that the
        reader may read, newest first."""
        Visit = self.env["crm.service.visit"]
        if not Visit.has_access("read"):
            return []
        visits = Visit.search_fetch(
            [("request_id.partner_id", "in", partners.ids)],
            ["request_id", "date", "user_id", "satisfaction", "feedback"],
            order="date desc, id desc",
            limit=limit,
        )
        label = self.env._("Follow-up visit")
        satisfactions = self._crm_timeline_labels("crm.service.visit", "satisfaction")
        items = []
        for visit in visits:
            satisfaction = satisfactions.get(visit.satisfaction, "")
            items.append(
                self._crm_timeline_item(
                    visit,
                    visit.date,
                    "service_visit",
                    label,
                    "fa-phone",
                    f"{label} {visit.request_id.name}",
                    " · ".join(filter(None, [satisfaction, visit.feedback])),
                    user=visit.user_id,
                )
            )
        return items
