from datetime import timedelta
from xmlrpc.client import Fault

from freezegun import freeze_time

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import CustomerCommon


def tile(data, key):
    return next((t for t in data["tiles"] if t["key"] == key), None)


@tagged("post_install", "-at_install")
class TestCustomerWorkbench(CustomerCommon):
    """The customer tiles count with the reader's own access."""

    def data(self, key):
        return self.env["crm.workbench"].with_user(self.users[key]).crm_workbench_data()

    def activity(self, partner, user, deadline):
        return (
            self.env["mail.activity"]
            .sudo()
            .create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "res_id": partner.id,
                    "user_id": user.id,
                    "summary": "Call",
                    "date_deadline": deadline,
                }
            )
        )

    def test_followups_due_by_role(self):
        today = fields.Date.context_today(self.env["res.partner"])
        self.activity(self.customers["rep1"], self.users["rep1"], today)
        self.activity(
            self.customers["rep1"], self.users["rep1"], today - timedelta(days=2)
        )
        self.activity(
            self.customers["rep2"], self.users["rep2"], today + timedelta(days=1)
        )
        # assigned to rep1 on a customer out of rep1's scope: not counted
        self.activity(self.customers["rep3"], self.users["rep1"], today)
        # the lead's own activity on rep1's customer (in the lead's scope)
        self.activity(self.customers["rep1"], self.users["lead"], today)
        key = "crm_customer.followups_due"
        self.assertEqual(tile(self.data("rep1"), key)["count"], 1)
        self.assertEqual(tile(self.data("rep1"), key)["severity"], "warning")
        self.assertEqual(tile(self.data("rep2"), key)["count"], 0)
        self.assertEqual(tile(self.data("rep2"), key)["severity"], "ok")
        self.assertEqual(tile(self.data("lead"), key)["count"], 1)
        self.assertEqual(tile(self.data("rep3"), key)["count"], 0)
        self.assertIsNone(tile(self.data("outsider"), key))
        # the tile opens the matching list, with the reader's rules
        action = (
            self.env["crm.workbench"]
            .with_user(self.users["rep1"])
            .crm_workbench_action(tile(self.data("rep1"), key)["action"])
        )
        found = (
            self.env["res.partner"]
            .with_user(self.users["rep1"])
            .search(action["domain"])
        )
        self.assertEqual(found, self.customers["rep1"])
        self.assertEqual(action["res_model"], "res.partner")

    def test_pool_soon_by_role(self):
        ctype = self.env.ref("crm_customer.crm_customer_type_first_contact")
        ctype.pool_return_days = 15
        self.env.company.crm_pool_notify_days = 3
        today = fields.Date.context_today(self.env["res.partner"])
        Partner = self.env["res.partner"]

        def customer(name, user, days_ago):
            with freeze_time(today - timedelta(days=days_ago)):
                return Partner.create(
                    {
                        "name": name,
                        "is_company": True,
                        "crm_is_customer": True,
                        "crm_customer_type_id": ctype.id,
                        "user_id": user.id,
                    }
                )

        soon = customer("Soon Ltd", self.users["rep1"], 13)
        customer("Later Ltd", self.users["rep1"], 5)
        customer("Soon of rep2 Ltd", self.users["rep2"], 14)
        followed = customer("Followed Ltd", self.users["rep1"], 14)
        followed.sudo().crm_last_followup_date = today
        key = "crm_customer.pool_soon"
        data = self.data("rep1")
        self.assertEqual(tile(data, key)["count"], 1)
        found = (
            self.env["res.partner"]
            .with_user(self.users["rep1"])
            .search(tile(data, key)["action"]["domain"])
        )
        self.assertEqual(found, soon)
        self.assertEqual(tile(self.data("rep2"), key)["count"], 1)
        # my customers only: the lead sees rep1's customers but owns none due
        self.assertEqual(tile(self.data("lead"), key)["count"], 0)
        self.assertEqual(tile(self.data("rep3"), key)["count"], 0)

    def test_no_figures_for_sales(self):
        for key in ("rep1", "lead", "outsider"):
            self.assertFalse(
                [f for f in self.data(key)["figures"] if f["app"] == "Customers"]
            )
        self.assertEqual(self.data("outsider")["tiles"], [])


@tagged("post_install", "-at_install")
class TestWorkbenchPhoneTour(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_phone_tour_lands_and_opens_tile(self):
        """A salesperson logs in on a phone, lands on the workbench (one
        column of cards) and opens the follow-ups due as cards."""
        rep = new_test_user(
            self.env,
            login="wb_tour_rep",
            password="wb_tour_rep_pw",
            groups="base.group_user,crm_masterdata.crm_masterdata_group_sales_own",
            name="WB Tour Rep",
        )
        self.assertEqual(
            rep.action_id.id, self.env.ref("crm_masterdata.crm_workbench_action").id
        )
        Partner = self.env["res.partner"]
        due = Partner.create(
            {
                "name": "WB Follow-up Customer",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": rep.id,
            }
        )
        Partner.create(
            {
                "name": "WB Other Customer",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": rep.id,
            }
        )
        self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": due.id,
                "user_id": rep.id,
                "summary": "Call",
                "date_deadline": fields.Date.context_today(rep),
            }
        )
        self.start_tour("/odoo", "crm_workbench_phone_tour", login="wb_tour_rep")


@tagged("post_install", "-at_install")
class TestWorkbenchXmlrpc(CustomerCommon, HttpCase):
    """A script gets the same workbench in one call, with its own access;
    opening a tile's action of another app is refused."""

    def _call(self, key, method, *args):
        login, password = f"cust_{key}", f"cust_{key}_pw"
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, password, {})
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, password, "crm.workbench", method, list(args)
        )

    def test_workbench_over_xmlrpc(self):
        today = fields.Date.context_today(self.env["res.partner"])
        for key in ("rep1", "rep3"):
            self.env["mail.activity"].create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "res_id": self.customers["rep1"].id,
                    "user_id": self.users[key].id,
                    "summary": "Call",
                    "date_deadline": today,
                }
            )
        data = self._call("rep1", "crm_workbench_data")
        self.assertEqual(tile(data, "crm_customer.followups_due")["count"], 1)
        # rep3's activity is on a customer out of rep3's scope
        data = self._call("rep3", "crm_workbench_data")
        self.assertEqual(tile(data, "crm_customer.followups_due")["count"], 0)
        action = self._call(
            "rep1",
            "crm_workbench_action",
            tile(data, "crm_customer.followups_due")["action"],
        )
        self.assertEqual(action["res_model"], "res.partner")
        with (
            mute_logger("odoo.http"),
            self.assertRaisesRegex(Fault, "cannot be opened"),
        ):
            self._call(
                "rep1", "crm_workbench_action", {"xmlid": "base.action_res_users"}
            )
