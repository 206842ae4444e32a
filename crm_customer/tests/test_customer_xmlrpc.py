from xmlrpc.client import Fault

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import CustomerCommon


@tagged("post_install", "-at_install")
class TestCustomerXmlrpc(CustomerCommon, HttpCase):
    """The same rules hold over XML-RPC as in the web client."""

    def _call(self, key, model, method, *args, **kwargs):
        login = f"cust_{key}"
        password = f"cust_{key}_pw"
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, password, {})
        self.assertTrue(uid, f"{login} could not log in")
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, password, model, method, list(args), kwargs
        )

    def test_xmlrpc_scope(self):
        ids = self.all_partners.ids
        rows = self._call(
            "rep1",
            "res.partner",
            "search_read",
            [("id", "in", ids)],
            fields=["name", "phone"],
        )
        names = {row["name"] for row in rows}
        self.assertIn("Customer of rep1 Ltd", names)
        self.assertIn("Pool Customer Ltd", names)
        self.assertIn("Supplier Ltd", names)
        self.assertNotIn("Customer of rep2 Ltd", names)
        self.assertNotIn("Pool Contact", names)
        pool = next(row for row in rows if row["name"] == "Pool Customer Ltd")
        self.assertFalse(pool["phone"])
        # the team lead reads the team's customers, the director everyone's
        lead_ids = self._call("lead", "res.partner", "search", [("id", "in", ids)])
        self.assertIn(self.customers["rep2"].id, lead_ids)
        self.assertNotIn(self.customers["rep3"].id, lead_ids)
        director_ids = self._call(
            "director", "res.partner", "search", [("id", "in", ids)]
        )
        self.assertEqual(set(director_ids), set(ids))

    def test_xmlrpc_write_refused(self):
        with self.assertRaises(Fault) as caught, mute_logger("odoo.http"):
            self._call(
                "rep1",
                "res.partner",
                "write",
                [self.customers["rep2"].id],
                {"comment": "x"},
            )
        self.assertIn("res.partner", caught.exception.faultString)
        with self.assertRaises(Fault) as caught, mute_logger("odoo.http"):
            self._call(
                "lead",
                "res.partner",
                "write",
                [self.customers["rep1"].id],
                {"comment": "x"},
            )
        self.assertIn("res.partner", caught.exception.faultString)
        self.assertNotEqual(self.customers["rep1"].comment, "x")
        self._call(
            "rep1",
            "res.partner",
            "write",
            [self.customers["rep1"].id],
            {"crm_level": "a"},
        )
        self.assertEqual(self.customers["rep1"].crm_level, "a")
        # claiming over RPC follows the same checks
        self._call("rep2", "res.partner", "action_claim", [self.pool.id])
        self.assertEqual(self.pool.user_id, self.users["rep2"])
        with self.assertRaises(Fault) as caught, mute_logger("odoo.http"):
            self._call("lead", "res.partner", "action_claim", [self.pool.id])
        self.assertIn("Pool Customer Ltd", caught.exception.faultString)
        # rep1, outside rep2's scope, who still had it on the pool list: told
        # it was just claimed, without its name or owner
        with self.assertRaises(Fault) as caught, mute_logger("odoo.http"):
            self._call("rep1", "res.partner", "action_claim", [self.pool.id])
        self.assertIn("just claimed", caught.exception.faultString)
        # a UserError (2), not an AccessError (4)
        self.assertEqual(caught.exception.faultCode, 2)
        self.assertNotIn("Pool Customer", caught.exception.faultString)
        self.assertEqual(self.pool.user_id, self.users["rep2"])
