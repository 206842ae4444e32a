from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestServiceFlow(ServiceCommon):
    def _resolved(self, request, user=None):
        request = request.with_user(user or self.agent)
        request.write({"resolution": "<p>Replaced the roller.</p>"})
        request.action_resolve()
        return request

    def test_stage_flow(self):
        request = self._request()
        self.assertTrue(request.name.startswith("FW"))
        self.assertEqual(request.state, "new")
        self.assertEqual(request.user_id, self.agent)
        self.assertTrue(request.deadline)
        request = request.with_user(self.svc_mgr)
        request.write(
            {"handling_department_id": self.dept_svc.id, "handler_id": self.agent2.id}
        )
        action = request.action_assign()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(request.state, "assigned")
        self.assertTrue(request.date_assigned)
        as_handler = request.with_user(self.agent2)
        as_handler.action_start()
        self.assertEqual(request.state, "in_progress")
        as_handler.write(
            {"resolution": "<p>Cleaned the rollers.</p>", "time_spent": 1.5}
        )
        as_handler.action_resolve()
        self.assertEqual(request.state, "resolved")
        self.assertTrue(request.date_resolved)
        # the visit is planned for the owner after the type's delay
        visit_type = self.env.ref("crm_service.mail_activity_type_service_visit")
        activity = request.activity_ids.filtered(
            lambda a: a.activity_type_id == visit_type
        )
        self.assertEqual(activity.user_id, self.agent)
        self.assertEqual(
            activity.date_deadline,
            fields.Date.context_today(request)
            + timedelta(days=self.type_remote.visit_delay_days),
        )
        wizard = (
            self.env["crm.service.visit.wizard"]
            .with_user(self.agent)
            .create(
                {
                    "request_id": request.id,
                    "satisfaction": "satisfied",
                    "feedback": "Quick and kind.",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(request.state, "visited")
        self.assertEqual(request.satisfaction, "satisfied")
        self.assertEqual(request.visit_count, 1)
        self.assertFalse(
            request.activity_ids.filtered(lambda a: a.activity_type_id == visit_type)
        )
        request.with_user(self.agent).action_close()
        self.assertEqual(request.state, "closed")
        self.assertTrue(request.date_closed)

    def test_notification_in_user_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.agent.lang = "zh_CN"
        request = self._request()
        request.with_user(self.agent).write({"handler_id": self.agent.id})
        action = request.with_user(self.agent).action_start()
        self.assertEqual(action["params"]["type"], "success")
        self.assertTrue(action["params"]["message"])

    def test_bad_input(self):
        request = self._request()
        # a deadline before the request was accepted
        with self.assertRaises(ValidationError):
            request.with_user(self.agent).write(
                {"deadline": request.create_date - timedelta(days=1)}
            )
        # a handler outside the chosen department
        with self.assertRaises(ValidationError):
            request.with_user(self.svc_mgr).write(
                {
                    "handling_department_id": self.dept_svc.id,
                    "handler_id": self.outsider.id,
                }
            )
        # assigning without a handler
        with self.assertRaises(UserError):
            request.with_user(self.agent).action_assign()
        # visiting an unresolved request
        with self.assertRaises(UserError):
            request.with_user(self.agent).action_visit()
        with self.assertRaises(UserError):
            request.with_user(self.agent)._crm_record_visit("satisfied", "ok")
        # closing an open request, then a resolved one without resolution
        with self.assertRaises(UserError):
            request.with_user(self.agent).action_close()
        request.with_user(self.agent).action_start()
        with self.assertRaises(UserError):
            request.with_user(self.agent).action_resolve()
        self.assertEqual(request.state, "in_progress")
        # cancelling needs a reason
        with self.assertRaises(UserError):
            request.with_user(self.agent)._crm_cancel("  ")
        request.with_user(self.agent)._crm_cancel("Customer fixed it")
        self.assertEqual(request.state, "cancelled")
        self.assertEqual(request.cancel_reason, "Customer fixed it")
        with self.assertRaises(UserError):
            request.with_user(self.agent).action_start()

    def test_handler_department_defaults(self):
        request = self._request()
        request.with_user(self.agent).write({"handler_id": self.agent2.id})
        self.assertEqual(request.handling_department_id, self.dept_svc)
        # the department's manager handles it too
        request.with_user(self.agent).write({"handler_id": self.svc_mgr.id})
        self.assertEqual(request.handling_department_id, self.dept_svc)

    def test_complaint_needs_feedback_to_close(self):
        request = self._request(type_id=self.type_complaint.id)
        self.assertTrue(request.is_complaint)
        request.with_user(self.agent).action_start()
        self._resolved(request)
        with self.assertRaises(UserError):
            request.with_user(self.agent).action_close()
        request.with_user(self.agent)._crm_record_visit("neutral", "")
        self.assertEqual(request.state, "visited")
        with self.assertRaises(UserError):
            request.with_user(self.agent).action_close()
        self.assertEqual(request.state, "visited")

    def test_complaint_closes_with_feedback(self):
        request = self._request(type_id=self.type_complaint.id)
        request.with_user(self.agent).action_start()
        self._resolved(request)
        request.with_user(self.agent)._crm_record_visit("satisfied", "Now fine.")
        request.with_user(self.agent).action_close()
        self.assertEqual(request.state, "closed")

    def test_unsatisfied_visit_reopens(self):
        request = self._request()
        request.with_user(self.agent).action_start()
        self._resolved(request)
        visit = request.with_user(self.agent)._crm_record_visit(
            "unsatisfied", "Still jams."
        )
        self.assertEqual(visit.satisfaction, "unsatisfied")
        self.assertEqual(request.state, "in_progress")
        self.assertEqual(request.satisfaction, "unsatisfied")
        self.assertEqual(request.reopen_count, 1)
        self.assertFalse(request.date_resolved)
        unsatisfied = self.env["crm.service.request"].search(
            [("satisfaction", "=", "unsatisfied")]
        )
        self.assertIn(request, unsatisfied)
        # resolved again, visited again: satisfied this time
        self._resolved(request)
        request.with_user(self.agent)._crm_record_visit("satisfied", "Works now.")
        self.assertEqual(request.state, "visited")
        self.assertEqual(request.visit_count, 2)

    def test_unsatisfied_visit_opens_complaint(self):
        request = self._request()
        request.with_user(self.agent).action_start()
        self._resolved(request)
        request.with_user(self.agent)._crm_record_visit(
            "unsatisfied", "Rude technician.", unsatisfied_action="complaint"
        )
        self.assertEqual(request.state, "visited")
        complaint = self.env["crm.service.request"].search(
            [("source_request_id", "=", request.id)]
        )
        self.assertEqual(len(complaint), 1)
        self.assertTrue(complaint.is_complaint)
        self.assertEqual(complaint.partner_id, self.customer)
        self.assertEqual(complaint.user_id, self.agent)
        self.assertEqual(complaint.state, "new")

    def test_overdue_search_and_partner_counts(self):
        late = self._request()
        late.sudo().write({"deadline": late.create_date + timedelta(seconds=1)})
        late.invalidate_recordset()
        self._request(type_id=self.type_complaint.id)
        Request = self.env["crm.service.request"].with_user(self.agent)
        # frozen in the future: the deadline has passed
        with freeze_time(fields.Datetime.now() + timedelta(days=1)):
            self.assertIn(late, Request.search([("is_overdue", "=", True)]))
            customer = self.customer.with_user(self.agent)
            self.assertEqual(customer.crm_service_open_count, 2)
            self.assertGreaterEqual(customer.crm_service_overdue_count, 1)
            self.assertEqual(customer.crm_service_complaint_count, 1)
        # not yet late: a deadline in the future
        early = self._request()
        self.assertFalse(early.is_overdue)
        self.assertIn(early, Request.search([("is_overdue", "=", False)]))
        self.assertNotIn(early, Request.search([("is_overdue", "=", True)]))

    def test_open_request_keeps_customer_from_pool(self):
        Partner = self.env["res.partner"]
        self.assertNotIn(
            self.customer.id, Partner._crm_pool_return_protected_ids(self.customer)
        )
        request = self._request()
        self.assertIn(
            self.customer.id, Partner._crm_pool_return_protected_ids(self.customer)
        )
        request.with_user(self.agent)._crm_cancel("Duplicate")
        self.assertNotIn(
            self.customer.id, Partner._crm_pool_return_protected_ids(self.customer)
        )
