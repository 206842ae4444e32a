from xmlrpc.client import Fault

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ScopeCommon


@tagged("post_install", "-at_install", "crm_scope")
class TestScopeXmlRpc(ScopeCommon, HttpCase):
    """The same rules hold over XML-RPC, and an organisation change shows in
    the very next call."""

    def rpc(self, login, method, *args, **kwargs):
        user = self.users[login]
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            user.id,
            user.login,
            "crm.scope.sample",
            method,
            list(args),
            kwargs,
        )

    def owners(self, login):
        rows = self.rpc(login, "search_read", [], fields=["user_id"])
        names = {u.id: name for name, u in self.users.items()}
        return {names[row["user_id"][0]] for row in rows}

    def test_xmlrpc_scope_and_change(self):
        self.assertEqual(self.owners("lead"), {"lead", "rep1", "rep2"})
        with mute_logger("odoo.http"):
            with self.assertRaises(Fault):
                self.rpc("lead", "read", [self.records["rep3"].id], fields=["name"])
            with self.assertRaises(Fault):
                self.rpc("lead", "write", [self.records["rep1"].id], {"name": "x"})
        self.employees["rep3"].parent_id = self.employees["lead"]
        self.assertEqual(self.owners("lead"), {"lead", "rep1", "rep2", "rep3"})
        self.set_edit_scope("lead", True)
        self.assertTrue(
            self.rpc("lead", "write", [self.records["rep1"].id], {"name": "x"})
        )
        self.assertEqual(self.records["rep1"].name, "x")
