from odoo.tests import HttpCase, tagged

from odoo.addons.crm_customer.tests.examples_common import ExamplesMixin

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestServiceExamples(ExamplesMixin, ServiceCommon, HttpCase):
    """examples/service_request.py runs against this server;
    ``crm.service.request.crm_resolve`` checks what the Resolve button
    checks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.agent, cls.agent2, cls.rep):
            cls._script_user(user)

    def test_service_request_example(self):
        output = self.run_example(
            "crm_service",
            "service_request.py",
            self.agent,
            CRM_CUSTOMER_ID=self.customer.id,
        )
        request = self.env["crm.service.request"].search(
            [("partner_id", "=", self.customer.id), ("title", "=", "复印机卡纸")]
        )
        self.assertEqual(len(request), 1)
        self.assertEqual(request.state, "resolved")
        self.assertEqual(
            (request.user_id, request.handler_id), (self.agent, self.agent)
        )
        self.assertIn("搓纸轮", request.resolution)
        self.assertTrue(request.date_resolved)
        self.assertIn(f"{request.name} (id {request.id}): resolved", output)

    def test_resolve_returns_the_requests(self):
        request = self._request(self.agent)
        result = self.rpc(
            self.agent,
            "crm.service.request",
            "crm_resolve",
            [request.id],
            resolution="<p>Fixed</p>",
        )
        self.assertEqual(request.state, "resolved")
        self.assertEqual(
            result["requests"],
            [
                {
                    "id": request.id,
                    "name": request.name,
                    "state": "resolved",
                    "date_resolved": str(request.date_resolved),
                }
            ],
        )
        self.assertTrue(result["message"])

    def test_resolve_refusals(self):
        request = self._request(self.agent)
        resolved = self._request(self.agent, resolution="<p>Done</p>")
        resolved.with_user(self.agent).action_resolve()
        rows = [
            ("another agent's request", self.agent2, request, "<p>x</p>"),
            ("a salesperson", self.rep, request, "<p>x</p>"),
            ("no resolution", self.agent, request, None),
            ("already resolved", self.agent, resolved, "<p>again</p>"),
        ]
        for label, user, record, resolution in rows:
            with self.subTest(label):
                self.assertRefused(
                    label,
                    user,
                    "crm.service.request",
                    "crm_resolve",
                    [record.id],
                    **({"resolution": resolution} if resolution else {}),
                )
        self.assertEqual(request.state, "new")
        self.assertFalse(request.resolution)
        self.assertEqual(str(resolved.resolution), "<p>Done</p>")

    def test_visit_and_cancel_return_data(self):
        resolved = self._request(self.agent, resolution="<p>Done</p>")
        resolved.with_user(self.agent).action_resolve()
        result = self.rpc(
            self.agent,
            "crm.service.request",
            "crm_visit",
            [resolved.id],
            satisfaction="unsatisfied",
            feedback="Still jams",
            unsatisfied_action="complaint",
        )
        complaint = self.env["crm.service.request"].search(
            [("source_request_id", "=", resolved.id)]
        )
        self.assertEqual(len(complaint), 1)
        self.assertEqual(result["complaint_ids"], complaint.ids)
        self.assertEqual(result["visit_ids"], resolved.visit_ids.ids)
        self.assertEqual(result["state"], resolved.state)
        self.assertEqual(resolved.visit_ids.feedback, "Still jams")
        request = self._request(self.agent)
        result = self.rpc(
            self.agent,
            "crm.service.request",
            "crm_cancel",
            [request.id],
            reason="Customer called back: solved",
        )
        self.assertEqual(
            result, {"id": request.id, "name": request.name, "state": "cancelled"}
        )

    def test_visit_and_cancel_refusals(self):
        request = self._request(self.agent)
        rows = [
            ("visit an open request", self.agent, "crm_visit", {}),
            ("cancel another agent's", self.agent2, "crm_cancel", {"reason": "x"}),
            ("cancel as a salesperson", self.rep, "crm_cancel", {"reason": "x"}),
            ("cancel without a reason", self.agent, "crm_cancel", {"reason": " "}),
        ]
        for label, user, method, kwargs in rows:
            with self.subTest(label):
                self.assertRefused(
                    label, user, "crm.service.request", method, [request.id], **kwargs
                )
        self.assertEqual(request.state, "new")
        self.assertFalse(request.visit_ids)
