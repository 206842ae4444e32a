from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install")
class TestWorkbench(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workbench_action = cls.env.ref("crm_masterdata.crm_workbench_action")
        cls.rep = new_test_user(
            cls.env,
            login="wb_rep",
            groups="crm_masterdata.crm_masterdata_group_sales_own",
        )
        cls.nobody = new_test_user(cls.env, login="wb_nobody", groups="base.group_user")

    def test_no_role_no_tile(self):
        data = self.env["crm.workbench"].with_user(self.nobody).crm_workbench_data()
        self.assertEqual(data["tiles"], [])
        self.assertEqual(data["figures"], [])
        self.assertEqual(data["user"], self.nobody.name)

    def test_data_shape(self):
        data = self.env["crm.workbench"].with_user(self.rep).crm_workbench_data()
        for tile in data["tiles"]:
            self.assertEqual(
                set(tile),
                {"key", "app", "sequence", "label", "count", "severity", "action"},
            )
            self.assertIn(tile["severity"], ("ok", "info", "warning", "danger"))
            self.assertEqual(tile["severity"] == "ok", not tile["count"])
        keys = [(t["sequence"], t["key"]) for t in data["tiles"]]
        self.assertEqual(keys, sorted(keys))

    def test_landing_suite_users(self):
        """A user given a suite role lands on the workbench; a home action
        chosen by hand is kept; losing every suite role drops it; an internal
        user without a role keeps Odoo's default."""
        self.assertEqual(self.rep.action_id.id, self.workbench_action.id)
        self.assertFalse(self.nobody.action_id)
        other = self.env.ref("base.action_res_users")
        chosen = new_test_user(
            self.env,
            login="wb_chosen",
            groups="base.group_user",
            action_id=other.id,
        )
        chosen.groups_id = [
            (4, self.env.ref("crm_masterdata.crm_masterdata_group_user").id)
        ]
        self.assertEqual(chosen.action_id.id, other.id)
        self.nobody.groups_id = [
            (4, self.env.ref("crm_masterdata.crm_masterdata_group_user").id)
        ]
        self.assertEqual(self.nobody.action_id.id, self.workbench_action.id)
        self.nobody.groups_id = [
            (3, self.env.ref("crm_masterdata.crm_masterdata_group_user").id)
        ]
        self.assertFalse(self.nobody.action_id)

    def test_landing_from_the_group_form(self):
        """Users added to a suite group from the group's form land on the
        workbench; removed, they lose it."""
        group = self.env.ref("crm_masterdata.crm_masterdata_group_user")
        other = new_test_user(self.env, login="wb_other", groups="base.group_user")
        group.write({"users": [(4, other.id)]})
        self.assertEqual(other.action_id.id, self.workbench_action.id)
        group.write({"users": [(3, other.id)]})
        self.assertFalse(other.action_id)

    def test_open_action_needs_its_groups(self):
        action = self.env.ref("crm_masterdata.crm_workday_action")
        action.groups_id = self.env.ref("base.group_system")
        with self.assertRaises(AccessError):
            self.env["crm.workbench"].with_user(self.rep).crm_workbench_action(
                {"xmlid": "crm_masterdata.crm_workday_action"}
            )
        action.groups_id = self.env.ref("crm_masterdata.crm_masterdata_group_user")
        self.assertEqual(
            self.env["crm.workbench"]
            .with_user(self.rep)
            .crm_workbench_action({"xmlid": "crm_masterdata.crm_workday_action"})[
                "res_model"
            ],
            "crm.workday",
        )

    def test_root_menu_opens_workbench(self):
        root = self.env.ref("crm_masterdata.crm_menu_root")
        self.assertEqual(root.action.id, self.workbench_action.id)

    def test_open_action(self):
        Workbench = self.env["crm.workbench"].with_user(self.rep)
        action = Workbench.crm_workbench_action(
            {
                "xmlid": "crm_masterdata.crm_workday_action",
                "domain": [("id", "=", 0)],
                "name": "X",
            }
        )
        self.assertEqual(action["domain"], [("id", "=", 0)])
        self.assertEqual(action["name"], "X")
        self.assertEqual(action["context"], {})
        # a client action or an invalid spec is refused
        for spec in (
            {"xmlid": "crm_masterdata.crm_workbench_action"},
            {"xmlid": "crm_masterdata.crm_workday_action", "domain": "[]"},
            "crm_masterdata.crm_workday_action",
            # not the suite's, or not a window action of it
            {"xmlid": "base.action_res_users"},
            {"xmlid": "crm_masterdata.no_such_action"},
            {"xmlid": "crm_masterdata"},
            {"xmlid": "crm_masterdata.crm_menu_root"},
        ):
            with self.assertRaises(AccessError):
                Workbench.crm_workbench_action(spec)
