from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_masterdata.models.crm_scope_search_mixin import (
    ScopeImplied,
    scope_rule_implied,
    top_level_leaves,
)

from .common import ScopeCommon

ALL = {"director", "diva", "divb", "mgr1", "lead", "rep1", "rep2", "rep3", "rep4"}

# who reads whose records, level by level (the organisation is drawn in common.py)
READ_TABLE = {
    "director": ALL,  # All
    "diva": {"diva", "mgr1", "lead", "rep1", "rep2", "rep3"},  # Department tree
    "divb": {"divb", "rep4"},  # Department (its own dept has no one else) + subordinate
    "mgr1": {"mgr1", "lead", "rep1", "rep2", "rep4"},  # Department + granted Ops 1
    "lead": {"lead", "rep1", "rep2"},  # Own and subordinates
    "rep1": {"rep1"},  # Own
    "rep3": {"rep3"},
    "rep4": {"rep4"},
}


@tagged("post_install", "-at_install", "crm_scope")
class TestScopeAccess(ScopeCommon):
    def _check_table(self, edit_scope):
        for login, readable in READ_TABLE.items():
            self.set_edit_scope(login, edit_scope)
            user = self.users[login]
            with self.subTest(user=login, edit_scope=edit_scope):
                self.assertEqual(self.visible(login), readable)
            for owner, record in self.records.items():
                record = record.with_user(user)
                can_read = owner in readable
                can_edit = owner == login or (edit_scope and can_read)
                with self.subTest(user=login, record=owner, edit_scope=edit_scope):
                    if can_read:
                        self.assertEqual(
                            record.read(["name"])[0]["name"], f"of {owner}"
                        )
                    else:
                        with self.assertRaises(AccessError):
                            record.read(["name"])
                    for mode in ("write", "unlink"):
                        if can_edit:
                            record.check_access(mode)
                        else:
                            with self.assertRaises(AccessError):
                                record.check_access(mode)

    def test_read_write_table_without_edit_scope(self):
        self._check_table(edit_scope=False)

    def test_read_write_table_with_edit_scope(self):
        self._check_table(edit_scope=True)

    def test_levels_and_user_ids(self):
        users = self.users
        self.assertEqual(users["rep1"]._crm_scope_level("sales"), "own")
        self.assertEqual(users["diva"]._crm_scope_level("sales"), "department_tree")
        self.assertEqual(users["director"]._crm_scope_level("sales"), "all")
        self.assertFalse(users["rep1"]._crm_scope_level("service"))
        self.assertIsNone(users["director"]._crm_scope_user_ids("sales"))
        self.assertEqual(
            set(users["lead"]._crm_scope_user_ids("sales")),
            {users["lead"].id, users["rep1"].id, users["rep2"].id},
        )
        self.assertEqual(
            users["mgr1"]._crm_scope_department_ids(), self.dept_s1 | self.dept_o1
        )

    def test_domain_of_another_app(self):
        """A rule may name the app whose ladder decides (default: the model's)."""
        director = self.users["director"]
        self.assertEqual(director._crm_scope_domain("crm.scope.sample"), [(1, "=", 1)])
        # no level in the service app: own records (and assigned) only
        domain = director._crm_scope_domain("crm.scope.sample", app="service")
        self.assertEqual(self.Sample.search(domain).user_id, director)

    def test_scope_implied_marker(self):
        """Inside a search whose own domain holds the scope, the scope rule of
        that model (read only) adds nothing; a text context key does nothing."""
        lead = self.users["lead"]
        owner_domain = lead._crm_scope_domain("crm.scope.sample")
        self.assertNotEqual(owner_domain, [(1, "=", 1)])
        for value in ("crm.scope.sample", True, ScopeImplied("crm.other")):
            forged = lead.with_context(crm_scope_implied=value)
            self.assertEqual(forged._crm_scope_domain("crm.scope.sample"), owner_domain)
        implied = lead.with_context(crm_scope_implied=ScopeImplied("crm.scope.sample"))
        self.assertTrue(scope_rule_implied(implied.env, "crm.scope.sample"))
        self.assertEqual(implied._crm_scope_domain("crm.scope.sample"), [(1, "=", 1)])
        self.assertNotEqual(
            implied._crm_scope_domain("crm.scope.sample", "write"), [(1, "=", 1)]
        )
        # the rule cache keeps the two apart
        Rule = self.env["ir.rule"].with_user(lead)
        self.assertNotIn(
            "user_id",
            str(
                Rule.with_context(
                    crm_scope_implied=ScopeImplied("crm.scope.sample")
                )._compute_domain("crm.scope.sample", "read")
            ),
        )
        self.assertIn("user_id", str(Rule._compute_domain("crm.scope.sample", "read")))

    def test_top_level_leaves(self):
        leaf = ("crm_in_scope", "=", True)
        self.assertEqual(top_level_leaves([leaf, ("a", "=", 1)]), [leaf, ("a", "=", 1)])
        self.assertEqual(
            top_level_leaves(["&", ("a", "=", 1), ["crm_in_scope", "=", True]]),
            [("a", "=", 1), leaf],
        )
        self.assertEqual(
            top_level_leaves([("a", "=", 1), "|", leaf, ("b", "=", 2)]), [("a", "=", 1)]
        )
        self.assertEqual(top_level_leaves(["!", leaf]), [])
        # an empty domain is Odoo's TRUE leaf
        self.assertEqual(top_level_leaves([]), [(1, "=", 1)])

    def test_real_write_and_unlink(self):
        rep1 = self.users["rep1"]
        own = self.records["rep1"].with_user(rep1)
        own.write({"name": "renamed"})
        self.assertEqual(own.name, "renamed")
        with self.assertRaises(AccessError):
            self.records["rep2"].with_user(rep1).write({"name": "x"})
        lead = self.users["lead"]
        with self.assertRaises(AccessError):
            self.records["rep1"].with_user(lead).write({"name": "x"})
        self.set_edit_scope("lead", True)
        self.records["rep1"].with_user(lead).write({"name": "by lead"})
        self.assertEqual(self.records["rep1"].name, "by lead")
        self.records["rep2"].with_user(lead).unlink()
        self.assertFalse(self.records["rep2"].exists())
        with self.assertRaises(AccessError):
            self.records["rep3"].with_user(lead).unlink()

    def test_create(self):
        Sample = self.Sample
        rep1, lead = self.users["rep1"], self.users["lead"]
        record = Sample.with_user(rep1).create({"name": "mine"})
        self.assertEqual(record.user_id, rep1)
        self.assertEqual(record.department_id, self.dept_s1)
        with self.assertRaises(AccessError):
            Sample.with_user(rep1).create(
                {"name": "for rep2", "user_id": self.users["rep2"].id}
            )
        with self.assertRaises(AccessError):
            Sample.with_user(lead).create({"name": "for rep1", "user_id": rep1.id})
        self.set_edit_scope("lead", True)
        record = Sample.with_user(lead).create({"name": "for rep1", "user_id": rep1.id})
        self.assertEqual(record.user_id, rep1)
        with self.assertRaises(AccessError):
            Sample.with_user(lead).create(
                {"name": "for rep3", "user_id": self.users["rep3"].id}
            )

    def test_assignee_reads_and_edits(self):
        rep2 = self.users["rep2"]
        record = self.records["rep1"]
        with self.assertRaises(AccessError):
            record.with_user(rep2).read(["name"])
        record.helper_ids = [Command.link(rep2.id)]
        self.assertIn("rep1", self.visible("rep2"))
        record.with_user(rep2).write({"name": "helped"})
        self.assertEqual(record.name, "helped")

    def test_administrator_sees_and_edits_all(self):
        admin = self.users["rep4"]
        admin.groups_id = [
            Command.link(
                self.env.ref("crm_masterdata.crm_masterdata_group_sales_manager").id
            )
        ]
        self.assertEqual(self.visible("rep4"), ALL)
        self.records["rep1"].with_user(admin).write({"name": "by admin"})
        self.assertEqual(self.records["rep1"].name, "by admin")

    def test_other_company_invisible_even_at_all_level(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        record = self.Sample.create(
            {
                "name": "elsewhere",
                "user_id": self.users["rep1"].id,
                "company_id": other.id,
            }
        )
        director = self.users["director"]
        self.assertNotIn(record, self.Sample.with_user(director).search([]))
        with self.assertRaises(AccessError):
            record.with_user(director).read(["name"])

    def test_search_count_and_read_group_respect_scope(self):
        lead = self.users["lead"]
        Sample = self.Sample.with_user(lead)
        self.assertEqual(Sample.search_count([]), 3)
        groups = Sample._read_group([], ["user_id"], ["__count"])
        self.assertEqual(
            {user.login for user, _count in groups},
            {"scope_lead", "scope_rep1", "scope_rep2"},
        )


@tagged("post_install", "-at_install", "crm_scope")
class TestUserDisplayName(ScopeCommon):
    def test_user_display_names_in_one_query(self):
        """Owners' names (the display names web_read computes as superuser) come
        from one query and match Odoo's own computation, pending renames
        included; without superuser Odoo's reading (and its checks) applies."""
        users = self.env["res.users"].browse(
            [self.users[key].id for key in ("rep1", "rep2", "lead", "director")]
        )
        self.users["rep2"].partner_id.name = "Renamed rep2"  # not flushed yet
        self.env.invalidate_all(flush=False)
        with self.assertQueryCount(1):
            names = {u.id: u.display_name for u in users.sudo()}
        self.assertEqual(names[self.users["rep2"].id], "Renamed rep2")
        self.env.invalidate_all()
        expected = {u.id: u.partner_id.name for u in users.sudo()}
        self.assertEqual(names, expected)
        # archived users keep their names
        self.users["rep1"].active = False
        self.env.invalidate_all()
        self.assertEqual(
            self.users["rep1"].sudo().display_name, expected[self.users["rep1"].id]
        )
        # as the user (not superuser) Odoo's own path: the two reads
        self.env.invalidate_all()
        with self.assertQueryCount(2):
            self.assertEqual(
                users.with_user(self.users["lead"]).mapped("display_name"),
                [expected[u.id] for u in users],
            )
