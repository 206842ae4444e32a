from xmlrpc.client import Fault

from psycopg2.errors import UniqueViolation

from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import G, ScopeCommon


class ScopeCacheCommon(ScopeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        from .scope_cache_models import CrmScopeSampleInScope
        from .scope_models import CrmScopeSample

        cls.loader.update_registry((CrmScopeSample, CrmScopeSampleInScope))
        cls.Sample = cls.env["crm.scope.sample"]

    def scope_logins(self, login, **context):
        """Logins of the suite users in ``login``'s sales scope, asked with
        ``context``."""
        user = self.users[login].with_context(**context)
        ids = set(user._crm_scope_user_ids("sales"))
        return {name for name, u in self.users.items() if u.id in ids}


@tagged("post_install", "-at_install", "crm_scope")
class TestScopeCacheContext(ScopeCacheCommon):
    """issue 10, item 10: the per-user scope cache does not depend on the
    caller's context; issue 18, item 3: evaluating the scope flushes nothing."""

    def test_active_test_false_does_not_fill_the_cache(self):
        self.employees["rep1"].action_archive()
        # the first call after the change comes with active_test=False
        self.assertEqual(self.scope_logins("lead", active_test=False), {"lead", "rep2"})
        self.assertEqual(self.scope_logins("lead"), {"lead", "rep2"})
        self.assertEqual(self.visible("lead"), {"lead", "rep2"})
        self.assertEqual(
            self.Sample.with_user(self.users["lead"])
            .with_context(active_test=False)
            .search([("in_scope", "=", True)])
            .user_id,
            self.users["lead"] | self.users["rep2"],
        )

    def test_archived_department_with_active_test_false(self):
        # mgr1 reads Ops 1 (rep4) by a grant; an archived department counts no more
        self.assertIn("rep4", self.scope_logins("mgr1"))
        self.dept_o1.action_archive()
        self.assertNotIn("rep4", self.scope_logins("mgr1", active_test=False))
        self.assertNotIn("rep4", self.scope_logins("mgr1"))
        self.assertNotIn("rep4", self.visible("mgr1"))

    def test_every_context_gives_the_same_scope(self):
        contexts = [
            {"active_test": False},
            {"allowed_company_ids": [self.env.company.id]},
            {"lang": "zh_CN", "tz": "Asia/Shanghai"},
            {"crm_scope_implied": "forged"},
            {},
        ]
        self.employees["rep2"].action_archive()
        expected = {"diva", "mgr1", "lead", "rep1", "rep3"}
        for first in contexts:
            self.env.registry.clear_cache()
            self.assertEqual(self.scope_logins("diva", **first), expected, first)
            for context in contexts:
                self.assertEqual(
                    self.scope_logins("diva", **context), expected, (first, context)
                )

    def test_forged_marker_is_no_cache_key(self):
        """The rule cache keys only the server's own ScopeImplied marker: a
        string sent under its key shares the entry of no key (and changes
        nothing in what the rule lets through)."""
        Rule = self.env["ir.rule"].with_user(self.users["lead"])
        plain = tuple(Rule._compute_domain_context_values())
        for forged in ("forged", 1, True, ["crm.scope.sample"]):
            self.assertEqual(
                tuple(
                    Rule.with_context(
                        crm_scope_implied=forged
                    )._compute_domain_context_values()
                ),
                plain,
            )
        lead = self.Sample.with_user(self.users["lead"])
        self.assertEqual(
            lead.with_context(crm_scope_implied="crm.scope.sample").search([]),
            lead.search([]),
        )

    def test_rule_evaluation_flushes_nothing(self):
        """The scope rule is computed from the database without flushing the
        pending values of employees; once they are written, the next request
        sees them."""
        other = new_test_user(self.env, login="scope_other", groups=G + "own")
        other_record = self.Sample.create({"name": "of other", "user_id": other.id})
        rep1 = self.employees["rep1"]
        # the employee's user follows its resource: a pending recomputation
        rep1.resource_id.user_id = other
        user_field = rep1._fields["user_id"]
        self.assertTrue(self.env.is_to_compute(user_field, rep1))
        self.env.registry.clear_cache()
        lead = self.Sample.with_user(self.users["lead"])
        lead.search([])
        self.users["mgr1"]._crm_scope_user_ids("sales")
        self.env["ir.rule"].with_user(self.users["diva"])._compute_domain(
            "crm.scope.sample"
        )
        self.assertTrue(
            self.env.is_to_compute(user_field, rep1),
            "evaluating the scope rule flushed a pending employee",
        )
        # written: the scope follows
        self.env.flush_all()
        self.assertIn(other_record, lead.search([]))
        self.assertNotIn(self.records["rep1"], lead.search([]))

    def test_flushed_watched_field_clears_the_cache(self):
        """A watched field that reaches the database by a flush clears the
        scopes computed from its former value, however it came to be pending."""
        rep3 = self.employees["rep3"]
        self.assertNotIn("rep3", self.scope_logins("mgr1"))
        # a pending value that no write of the watch mixin saw
        self.env.cache.set(
            rep3, rep3._fields["department_id"], self.dept_s1.id, dirty=True
        )
        self.assertNotIn("rep3", self.scope_logins("mgr1"))
        self.env.flush_all()
        self.assertIn("rep3", self.scope_logins("mgr1"))
        self.assertIn("rep3", self.visible("mgr1"))

    def test_duplicate_employee_user_gives_odoo_error(self):
        """hr's TestHrEmployee.test_set_user_on_new_employee with the suite: a
        non-admin HR officer who is also a suite user saves a second employee
        for a user who has one in the company; Odoo's unique key reaches them
        as it does without the suite (UniqueViolation, which RPC turns into
        Odoo's ValidationError), not as an error inside a record rule."""
        officer = new_test_user(
            self.env,
            login="scope_hr_officer",
            groups=f"base.group_user,hr.group_hr_user,{G}department",
        )
        self.env["hr.employee"].create(
            {
                "name": "Officer",
                "user_id": officer.id,
                "department_id": self.dept_s1.id,
            }
        )
        form = Form(self.env["hr.employee"].with_user(officer))
        form.name = "Second employee"
        form.user_id = officer
        form.department_id = self.dept_s1
        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation):
            form.save()

        employee_2 = self.env["hr.employee"].create({"name": "Second"})
        form = Form(employee_2.with_user(officer))
        form.user_id = officer
        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation):
            form.save()


@tagged("post_install", "-at_install", "crm_scope")
class TestScopeCacheXmlRpc(ScopeCacheCommon, HttpCase):
    """The same over XML-RPC: a client's context decides nothing cached, and
    Odoo's message on a duplicate employee reaches the client."""

    def rpc(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, list(args), kwargs
        )

    def owners(self, login, domain=(), context=None):
        kwargs = {"fields": ["user_id"]}
        if context:
            kwargs["context"] = context
        rows = self.rpc(
            self.users[login], "crm.scope.sample", "search_read", list(domain), **kwargs
        )
        names = {u.id: name for name, u in self.users.items()}
        return {names[row["user_id"][0]] for row in rows}

    def test_xmlrpc_active_test_false(self):
        self.assertEqual(self.owners("lead"), {"lead", "rep1", "rep2"})
        self.employees["rep1"].action_archive()
        self.assertEqual(
            self.owners(
                "lead", [("in_scope", "=", True)], context={"active_test": False}
            ),
            {"lead", "rep2"},
        )
        self.assertEqual(self.owners("lead"), {"lead", "rep2"})
        self.assertEqual(
            self.owners("lead", context={"crm_scope_implied": "crm.scope.sample"}),
            {"lead", "rep2"},
        )
        with mute_logger("odoo.http"), self.assertRaises(Fault):
            self.rpc(
                self.users["lead"],
                "crm.scope.sample",
                "read",
                [self.records["rep1"].id],
                fields=["name"],
                context={"active_test": False},
            )

    def test_xmlrpc_duplicate_employee_user(self):
        officer = new_test_user(
            self.env,
            login="scope_hr_officer",
            groups=f"base.group_user,hr.group_hr_user,{G}department",
        )
        self.env["hr.employee"].create({"name": "Officer", "user_id": officer.id})
        with (
            mute_logger("odoo.http", "odoo.sql_db"),
            self.assertRaises(Fault) as caught,
        ):
            self.rpc(
                officer,
                "hr.employee",
                "create",
                [{"name": "Second employee", "user_id": officer.id}],
            )
        # Odoo's ValidationError made from the unique key (service/model.py)
        self.assertEqual(
            caught.exception.faultString,
            "The operation cannot be completed: A user cannot be linked to "
            "multiple employees in the same company.",
        )
