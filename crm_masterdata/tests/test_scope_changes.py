from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import G, ScopeCommon


@tagged("post_install", "-at_install", "crm_scope")
class TestScopeChanges(ScopeCommon):
    """Every kind of change of the organisation changes what people see in
    their next request, with no manual cache clearing (rule domains are cached
    per user by ir.rule._compute_domain)."""

    def assertSees(self, login, owner, sees=True):
        # warm the rule cache first, as a previous request would have
        self.visible(login)
        record = self.records[owner].with_user(self.users[login])
        if sees:
            record.read(["name"])
        else:
            with self.assertRaises(AccessError):
                record.read(["name"])

    def test_move_employee_to_another_department(self):
        self.assertSees("mgr1", "rep3", False)
        self.employees["rep3"].department_id = self.dept_s1
        self.assertSees("mgr1", "rep3")
        self.assertIn("rep3", self.visible("mgr1"))
        # Odoo made mgr1 (manager of Sales 1) rep3's manager: subordinate now
        self.assertEqual(self.employees["rep3"].parent_id, self.employees["mgr1"])
        self.employees["rep3"].write(
            {"department_id": self.dept_s2.id, "parent_id": self.employees["diva"].id}
        )
        self.assertNotIn("rep3", self.visible("mgr1"))

    def test_change_employee_manager(self):
        self.assertSees("lead", "rep3", False)
        self.employees["rep3"].parent_id = self.employees["lead"]
        self.assertSees("lead", "rep3")
        self.employees["rep3"].parent_id = self.employees["diva"]
        self.assertSees("lead", "rep3", False)

    def test_change_department_manager(self):
        self.assertSees("mgr1", "rep3", False)
        self.dept_s2.manager_id = self.employees["mgr1"]
        self.assertSees("mgr1", "rep3")
        self.dept_s2.manager_id = False
        self.assertSees("mgr1", "rep3", False)

    def test_change_department_parent(self):
        self.assertSees("diva", "rep4", False)
        self.dept_o1.parent_id = self.div_sales
        self.assertSees("diva", "rep4")
        self.dept_o1.parent_id = self.div_ops
        self.assertSees("diva", "rep4", False)

    def test_grant_and_remove_department(self):
        self.assertSees("mgr1", "rep4")
        self.users["mgr1"].crm_department_ids = [Command.unlink(self.dept_o1.id)]
        self.assertSees("mgr1", "rep4", False)
        self.users["mgr1"].crm_department_ids = [Command.link(self.dept_s2.id)]
        self.assertSees("mgr1", "rep3")

    def test_change_user_groups(self):
        self.assertSees("rep1", "rep2", False)
        self.users["rep1"].groups_id = [Command.link(self.env.ref(G + "department").id)]
        self.assertSees("rep1", "rep2")
        self.assertSees("rep1", "mgr1")
        self.assertSees("rep1", "rep3", False)
        self.users["rep1"].groups_id = [Command.link(self.env.ref(G + "all").id)]
        self.assertSees("rep1", "rep3")

    def test_change_edit_scope_group(self):
        record = self.records["rep1"].with_user(self.users["lead"])
        self.visible("lead")
        with self.assertRaises(AccessError):
            record.check_access("write")
        self.set_edit_scope("lead", True)
        record.check_access("write")
        self.set_edit_scope("lead", False)
        with self.assertRaises(AccessError):
            record.check_access("write")

    def test_archive_employee(self):
        self.assertSees("lead", "rep2")
        self.employees["rep2"].action_archive()
        self.assertSees("lead", "rep2", False)

    def test_unrelated_write_keeps_cache(self):
        """Writing a field that does not change scope does not clear caches."""
        registry = self.env.registry
        with patch.object(registry, "clear_cache", wraps=registry.clear_cache) as clear:
            self.employees["rep1"].job_title = "Senior"
            self.dept_s1.note = "a note"
            self.users["rep1"].signature = "<p>rep1</p>"
            self.assertEqual(clear.call_count, 0)
            self.employees["rep1"].department_id = self.dept_s2
            self.assertGreaterEqual(clear.call_count, 1)
