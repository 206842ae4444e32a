from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import ServiceCommon


def tile(data, key):
    return next((t for t in data["tiles"] if t["key"] == key), None)


def figure(data, key):
    return next((f for f in data["figures"] if f["key"] == key), None)


@tagged("post_install", "-at_install")
class TestServiceWorkbench(ServiceCommon):
    """The service tiles count the reader's own requests due today and
    overdue; service managers see the open complaints of their scope."""

    DUE = "crm_service.requests_due"
    OVERDUE = "crm_service.requests_overdue"
    COMPLAINTS = "crm_service.open_complaints"

    def data(self, user):
        return self.env["crm.workbench"].with_user(user).crm_workbench_data()

    def _handled(self, user, deadline, state="assigned", **vals):
        request = self._request(user, **vals)
        # accepted five days ago (create_date is the transaction's clock)
        self.env.cr.execute(
            "UPDATE crm_service_request SET create_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(days=5), request.id),
        )
        request.invalidate_recordset(["create_date"])
        request.sudo().write(
            {"handler_id": user.id, "deadline": deadline, "state": state}
        )
        return request

    def test_requests_by_role(self):
        now = fields.Datetime.now()
        self._handled(self.agent, now - timedelta(hours=1))
        self._handled(self.agent, now - timedelta(days=3), state="in_progress")
        self._handled(self.agent, now - timedelta(days=3), state="resolved")
        self._handled(self.agent, now + timedelta(minutes=1))
        self._handled(self.agent, now + timedelta(days=3))
        self._handled(self.agent2, now - timedelta(hours=2))
        data = self.data(self.agent)
        self.assertEqual(tile(data, self.OVERDUE)["count"], 2)
        self.assertEqual(tile(data, self.DUE)["count"], 1)
        data = self.data(self.agent2)
        self.assertEqual(tile(data, self.OVERDUE)["count"], 1)
        self.assertEqual(tile(data, self.DUE)["count"], 0)
        # the manager reads them all; the tiles are the manager's own
        self.assertEqual(tile(self.data(self.svc_mgr), self.OVERDUE)["count"], 0)
        # no service role, no service tile
        self.assertIsNone(tile(self.data(self.rep), self.OVERDUE))
        self.assertEqual(self.data(self.nobody)["tiles"], [])
        action = (
            self.env["crm.workbench"]
            .with_user(self.agent)
            .crm_workbench_action(tile(self.data(self.agent), self.OVERDUE)["action"])
        )
        found = (
            self.env["crm.service.request"]
            .with_user(self.agent)
            .search(action["domain"])
        )
        self.assertEqual(len(found), 2)

    def test_open_complaints_by_scope(self):
        users = (self.svc_mgr, self.svc_all, self.svc_admin)
        before = {
            u.login: figure(self.data(u), self.COMPLAINTS)["value"] for u in users
        }
        self._request(self.agent, title="Rude engineer", type_id=self.type_complaint.id)
        self._request(self.outsider, title="Late again", type_id=self.type_complaint.id)
        closed = self._request(
            self.agent, title="Old complaint", type_id=self.type_complaint.id
        )
        closed.sudo().state = "closed"
        self._request(self.agent, title="Not a complaint")

        def delta(user):
            return (
                figure(self.data(user), self.COMPLAINTS)["value"] - before[user.login]
            )

        self.assertEqual(delta(self.svc_mgr), 1)
        self.assertEqual(delta(self.svc_all), 2)
        self.assertEqual(delta(self.svc_admin), 2)
        # agents (own level) and salespeople get no figure
        for user in (self.agent, self.outsider, self.rep, self.nobody):
            self.assertIsNone(figure(self.data(user), self.COMPLAINTS), user.login)
