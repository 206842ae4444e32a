from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import ServiceCommon

VIEWS = [
    (False, "kanban"),
    (False, "list"),
    (False, "form"),
    (False, "calendar"),
    (False, "pivot"),
    (False, "graph"),
    (False, "activity"),
    (False, "search"),
]


@tagged("post_install", "-at_install")
class TestServiceViews(ServiceCommon):
    def test_views_load_for_every_role(self):
        for user in (self.agent, self.svc_mgr, self.svc_admin, self.rep_agent):
            with self.subTest(user=user.login):
                views = (
                    self.env["crm.service.request"]
                    .with_user(user)
                    .get_views(VIEWS, {"load_filters": True})
                )
                self.assertIn("kanban", views["views"])
                self.env["res.partner"].with_user(user).get_views([(False, "form")])

    def test_partner_form_without_service_role(self):
        # the services button is for service staff only
        view = self.env.ref("crm_customer.res_partner_view_form")
        arch = (
            self.env["res.partner"]
            .with_user(self.rep)
            .get_views([(view.id, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("crm_service_open_count", arch)
        arch = (
            self.env["res.partner"]
            .with_user(self.agent)
            .get_views([(view.id, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("crm_service_open_count", arch)

    def test_kanban_first_on_phones(self):
        for xmlid in (
            "crm_service.crm_service_request_action",
            "crm_service.crm_service_request_action_my",
            "crm_service.crm_service_request_action_overdue",
        ):
            action = self.env.ref(xmlid)
            self.assertEqual(action.mobile_view_mode, "kanban")
            self.assertIn("kanban", action.view_mode.split(","))

    def test_menus_for_service_staff(self):
        menu = self.env.ref("crm_service.crm_service_menu")
        visible = self.env["ir.ui.menu"].with_user(self.agent)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        visible = self.env["ir.ui.menu"].with_user(self.rep)._visible_menu_ids()
        self.assertNotIn(menu.id, visible)
        config = self.env.ref("crm_service.crm_service_menu_config")
        self.assertNotIn(
            config.id, self.env["ir.ui.menu"].with_user(self.agent)._visible_menu_ids()
        )
        self.assertIn(
            config.id,
            self.env["ir.ui.menu"].with_user(self.svc_admin)._visible_menu_ids(),
        )

    def test_customer_lookup_for_an_agent(self):
        """The service agent (no sales role) finds any customer through the
        lookup action, with crm_customer's views, by name, phone or a
        contact's mobile."""
        action = self.env.ref("crm_service.res_partner_action_service_lookup")
        Partner = self.env["res.partner"].with_user(self.agent)
        views = [(view.view_id.id, view.view_mode) for view in action.view_ids]
        Partner.get_views(views + [(action.search_view_id.id, "search")])
        domain = safe_eval(action.domain)
        found = Partner.search(domain + [("name", "ilike", "SV Customer")])
        self.assertEqual(found, self.customer | self.customer2)
        by_mobile = Partner.search(
            domain + [("child_ids.mobile", "ilike", "13800000001")]
        )
        self.assertEqual(by_mobile, self.customer)
        rows = Partner.search_read(domain + [("id", "=", self.customer.id)], ["phone"])
        self.assertEqual(rows[0]["phone"], "021-5555-0101")
