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


# what each button of the suite's service screens answers with: a short message
# (display_notification), or the window it opens (a wizard whose own button
# then says what happened, or a list)
BUTTON_RESULTS = {
    ("crm.service.request", "action_assign"): "notify",
    ("crm.service.request", "action_start"): "notify",
    ("crm.service.request", "action_resolve"): "notify",
    ("crm.service.request", "action_visit"): "window",
    ("crm.service.request", "action_close"): "notify",
    ("crm.service.request", "action_cancel"): "window",
    ("crm.service.request", "action_view_visits"): "window",
    ("crm.service.cancel", "action_confirm"): "notify",
    ("crm.service.visit.wizard", "action_confirm"): "notify",
    ("res.partner", "action_crm_view_service_requests"): "window",
    ("crm.contract", "action_crm_view_service_requests"): "window",
}


@tagged("post_install", "-at_install")
class TestServiceButtons(ServiceCommon):
    def test_every_button_is_known(self):
        """Every object button of crm_service's views is in BUTTON_RESULTS, so
        that a new button gets its message checked below."""
        from lxml import etree

        views = self.env["ir.ui.view"].search(
            [
                ("model_data_id.module", "=", "crm_service"),
                ("type", "in", ("form", "list", "kanban")),
            ]
        )
        found = set()
        for view in views:
            for button in etree.fromstring(view.arch_db).iter("button"):
                if button.get("type") == "object":
                    found.add((view.model, button.get("name")))
        self.assertTrue(found)
        self.assertEqual(found - set(BUTTON_RESULTS), set())

    def test_every_button_says_what_happened(self):
        results = {}

        def call(record, method):
            action = getattr(record, method)()
            results[(record._name, method)] = (
                "notify"
                if action.get("tag") == "display_notification"
                and action["params"]["message"]
                else "window"
                if action.get("type") == "ir.actions.act_window"
                else repr(action)
            )
            return action

        request = self._request(handler_id=self.agent.id)
        request = request.with_user(self.agent)
        call(request, "action_assign")
        call(request, "action_start")
        request.resolution = "<p>Fixed</p>"
        call(request, "action_resolve")
        action = call(request, "action_visit")
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.agent)
            .with_context(**action["context"])
            .create({"satisfaction": "satisfied", "feedback": "好"})
        )
        call(wizard, "action_confirm")
        call(request, "action_close")
        call(request, "action_view_visits")
        other = self._request().with_user(self.agent)
        action = call(other, "action_cancel")
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.agent)
            .with_context(**action["context"])
            .create({"reason": "客户撤回"})
        )
        call(wizard, "action_confirm")
        call(self.customer.with_user(self.agent), "action_crm_view_service_requests")
        call(self._contract(), "action_crm_view_service_requests")
        self.assertEqual(results, BUTTON_RESULTS)


@tagged("post_install", "-at_install")
class TestServiceDemo(ServiceCommon):
    def test_demo_service_staff_hold_service_levels_only(self):
        """The demo's service people (客服部 and the operations head) hold
        service levels and no sales one; they still find every customer, take
        requests and link the contract under service of the customer."""
        module = self.env["ir.module.module"].search([("name", "=", "crm_service")])
        if not module.demo:
            self.assertFalse(
                self.env.ref("crm_service.request_new_demo", raise_if_not_found=False)
            )
            return
        levels = {
            "crm_masterdata.user_service_rep1_demo": "own",
            "crm_masterdata.user_service_mgr_demo": "department",
            "crm_masterdata.user_ops_head_demo": "department_tree",
        }
        contract = self.env.ref("crm_sales_contract.contract_confirmed_demo")
        for xmlid, level in levels.items():
            user = self.env.ref(xmlid)
            with self.subTest(user=user.login):
                self.assertEqual(user._crm_scope_level("service"), level)
                self.assertFalse(user._crm_scope_level("sales"))
                self.assertFalse(
                    user.has_group("crm_masterdata.crm_masterdata_group_sales_own")
                )
                Partner = self.env["res.partner"].with_user(user)
                found = Partner.search(
                    [
                        ("id", "=", contract.partner_id.id),
                        ("crm_is_customer", "=", True),
                    ]
                )
                self.assertEqual(found, contract.partner_id)
                self.assertEqual(
                    user.env["crm.contract"]
                    .with_user(user)
                    .name_search("", [("partner_id", "=", contract.partner_id.id)])[0][
                        0
                    ],
                    contract.id,
                )
                request = (
                    self.env["crm.service.request"]
                    .with_user(user)
                    .create(
                        {
                            "title": "演示：上门保养",
                            "partner_id": contract.partner_id.id,
                            "contract_id": contract.id,
                            "type_id": self.type_remote.id,
                        }
                    )
                )
                self.assertEqual(
                    request.contract_product_ids, contract.line_ids.product_id
                )
                self.assertTrue(
                    self.env["crm.service.request"].with_user(user).search_count([])
                )
