from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestServicePlan(ServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the demo's plans stay out of the counts
        cls.env["crm.service.plan"].search([]).write({"active": False})
        cls.company.write(
            {"crm_contract_approval_amount": 0.0, "crm_credit_hold_days": 0}
        )
        cls.contract = cls._contract()
        cls.contract._crm_generate_installments(count=1)
        cls.contract.action_confirm()
        cls.type_onsite = cls.env.ref("crm_service.crm_service_type_onsite")
        cls.contract.write(
            {
                "crm_service_plan_ids": [
                    Command.create(
                        {
                            "name": "现场保养",
                            "type_id": cls.type_onsite.id,
                            "product_id": cls.product.id,
                            "date_start": date(2026, 1, 10),
                            "interval_months": 3,
                            "duration_months": 12,
                            "handler_id": cls.agent.id,
                        }
                    )
                ]
            }
        )
        cls.plan = cls.contract.crm_service_plan_ids
        cls.Plan = cls.env["crm.service.plan"]

    def planned(self):
        return self.env["crm.service.request"].search(
            [("plan_id", "=", self.plan.id)], order="planned_date"
        )

    def test_generation_is_idempotent(self):
        self.assertEqual(
            self.plan._crm_due_dates(),
            [
                date(2026, 1, 10),
                date(2026, 4, 10),
                date(2026, 7, 10),
                date(2026, 10, 10),
            ],
        )
        created = self.Plan._cron_generate_requests(today=date(2026, 5, 1))
        self.assertEqual(len(created), 2)
        self.assertEqual(
            self.planned().mapped("planned_date"),
            [date(2026, 1, 10), date(2026, 4, 10)],
        )
        # a rerun, or a second worker after it: nothing new
        self.assertFalse(self.Plan._cron_generate_requests(today=date(2026, 5, 1)))
        self.assertEqual(len(self.planned()), 2)
        self.assertEqual(
            len(self.Plan._cron_generate_requests(today=date(2027, 1, 1))), 2
        )
        self.assertFalse(self.Plan._cron_generate_requests(today=date(2027, 6, 1)))
        requests = self.planned()
        self.assertEqual(len(requests), 4)
        request = requests[0]
        self.assertEqual(request.partner_id, self.customer)
        self.assertEqual(request.contract_id, self.contract)
        self.assertEqual(request.type_id, self.type_onsite)
        self.assertEqual(request.handler_id, self.agent)
        self.assertEqual(request.user_id, self.agent)
        self.assertEqual(request.state, "new")
        # the handler sees them
        Request = self.env["crm.service.request"].with_user(self.agent)
        self.assertEqual(Request.search([("plan_id", "=", self.plan.id)]), requests)

    def test_cancelled_contract_stops_the_plan(self):
        self.Plan._cron_generate_requests(today=date(2026, 2, 1))
        self.assertEqual(len(self.planned()), 1)
        self.contract._crm_cancel("Customer went away")
        self.assertFalse(self.plan.active)
        self.assertFalse(self.Plan._cron_generate_requests(today=date(2027, 1, 1)))
        self.assertEqual(len(self.planned()), 1)

    def test_draft_contract_plans_nothing(self):
        draft = self._contract()
        draft.write(
            {
                "crm_service_plan_ids": [
                    Command.create(
                        {
                            "name": "巡检",
                            "type_id": self.type_onsite.id,
                            "date_start": date(2026, 1, 1),
                            "interval_months": 1,
                            "duration_months": 2,
                        }
                    )
                ]
            }
        )
        self.Plan._cron_generate_requests(today=date(2026, 5, 1))
        self.assertFalse(
            self.env["crm.service.request"].search(
                [("plan_id", "=", draft.crm_service_plan_ids.id)]
            )
        )

    def test_zero_interval_refused(self):
        for field in ("interval_months", "duration_months"):
            with self.subTest(field=field), self.assertRaises(ValidationError):
                self.plan.write({field: 0})

    def test_plan_edited_by_contract_owner_only(self):
        self.plan.with_user(self.rep).write({"interval_months": 6})
        self.assertEqual(self.plan.interval_months, 6)
        with self.assertRaises(AccessError):
            self.plan.with_user(self.rep2).write({"interval_months": 1})
        with self.assertRaises(AccessError):
            self.plan.with_user(self.agent).write({"interval_months": 1})
        # the service agent reads the plan
        self.assertEqual(self.plan.with_user(self.agent).name, "现场保养")
