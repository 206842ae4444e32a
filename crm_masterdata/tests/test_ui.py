from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUi(HttpCase):
    def test_scope_tour(self):
        """An administrator reaches Odoo's own user screen from the app and
        grants a department on the Data Scope tab."""
        department = self.env["hr.department"].create({"name": "Tour Granted"})
        manager = new_test_user(
            self.env,
            login="tour_manager",
            name="Tour Manager",
            groups="crm_masterdata.crm_masterdata_group_sales_department",
        )
        new_test_user(
            self.env,
            login="tour_admin",
            groups="crm_masterdata.crm_masterdata_group_admin,base.group_system",
        )
        self.start_tour("/odoo", "crm_masterdata_scope_tour", login="tour_admin")
        self.assertEqual(manager.crm_department_ids, department)
