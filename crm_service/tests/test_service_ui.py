from odoo.tests import HttpCase, tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestServicePhoneUi(ServiceCommon, HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_phone_tour_accept_and_resolve_in_chinese(self):
        """At phone size, a Chinese-speaking agent's requests open as a
        kanban; the agent accepts a new request (customer, type), starts it,
        writes the resolution and resolves it from the form."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "in", ("crm_masterdata", "crm_customer", "crm_service"))]
        )._update_translations(["zh_CN"], overwrite=True)
        self.agent.lang = "zh_CN"
        self.customer.name = "巡检服务客户"
        self.type_remote.copy({"name": "巡检远程服务"})
        self._request(self.agent, title="巡检已有服务单")
        self.start_tour(
            "/odoo/action-crm_service.crm_service_request_action_my",
            "crm_service_phone_tour",
            login="svc_agent",
        )
        request = self.env["crm.service.request"].search(
            [("title", "=", "巡检：复印机卡纸")]
        )
        self.assertEqual(len(request), 1)
        self.assertEqual(request.user_id, self.agent)
        self.assertEqual(request.partner_id, self.customer)
        self.assertEqual(request.state, "resolved")
        self.assertTrue(request.date_resolved)
        self.assertIn("搓纸轮", request.resolution)
