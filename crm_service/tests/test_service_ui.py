from odoo.tests import HttpCase, tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestServicePhoneUi(ServiceCommon, HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_phone_tour_start_and_resolve(self):
        """At phone size, the agent's requests open as a kanban; the agent
        starts the request assigned to them and resolves it from the form."""
        request = self._request(
            self.agent,
            title="Phone tour request",
            handler_id=self.agent.id,
            resolution="<p>Reset the paper tray.</p>",
        )
        self.start_tour(
            "/odoo/action-crm_service.crm_service_request_action_my",
            "crm_service_phone_tour",
            login="svc_agent",
        )
        self.assertEqual(request.state, "resolved")
        self.assertTrue(request.date_resolved)
