from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from .common import CustomerCommon


@tagged("post_install", "-at_install")
class TestCustomerPool(CustomerCommon):
    def _assign(self, manager, partners, user, reason="Reorganisation", to_pool=False):
        wizard = (
            self.env["crm.customer.assign"]
            .with_user(self.users[manager])
            .with_context(active_model="res.partner", active_ids=partners.ids)
            .create({"user_id": user.id, "to_pool": to_pool, "reason": reason})
        )
        return wizard.action_confirm()

    # ---------------------------------------------------------------- claim
    def test_claim_from_pool(self):
        pool = self.pool.with_user(self.users["rep1"])
        pool.action_claim()
        self.assertEqual(self.pool.user_id, self.users["rep1"])
        self.assertFalse(self.pool.crm_is_pool)
        self.assertEqual(self.pool_contact.crm_owner_id, self.users["rep1"])
        self.assertEqual(self.pool.crm_department_id, self.dept_s1)
        self.assertIn("claimed", self.pool.message_ids[0].body)
        # now someone else's: rep2 cannot claim it, nor even read it
        with self.assertRaises(AccessError):
            self.pool.with_user(self.users["rep2"]).action_claim()
        with self.assertRaisesRegex(UserError, "not in the pool"):
            self.pool.with_user(self.users["lead"]).action_claim()

    def test_claim_past_cap_refused(self):
        self.env.company.crm_customer_max_per_user = 1  # rep1 owns one already
        with self.assertRaisesRegex(UserError, "at most 1"):
            self.pool.with_user(self.users["rep1"]).action_claim()
        self.assertTrue(self.pool.crm_is_pool)
        self.env.company.crm_customer_max_per_user = 2
        self.pool.with_user(self.users["rep1"]).action_claim()
        self.assertEqual(self.pool.user_id, self.users["rep1"])

    def test_release_and_cooldown(self):
        self.env.company.crm_pool_cooldown_days = 30
        customer = self.customers["rep1"]
        with freeze_time("2030-01-10"):
            customer.with_user(self.users["rep1"]).action_release()
            self.assertTrue(customer.crm_is_pool)
            self.assertEqual(customer.crm_previous_owner_id, self.users["rep1"])
            self.assertEqual(customer.crm_released_date, date(2030, 1, 10))
            self.assertNotIn("Contact of rep1", self.visible("rep1"))
        with freeze_time("2030-02-08"):
            with self.assertRaisesRegex(UserError, "2030-02-09"):
                customer.with_user(self.users["rep1"]).action_claim()
            self.assertTrue(customer.crm_is_pool)
        with freeze_time("2030-02-09"):
            customer.with_user(self.users["rep1"]).action_claim()
        self.assertEqual(customer.user_id, self.users["rep1"])

    def test_other_salesperson_claims_during_cooldown(self):
        customer = self.customers["rep1"]
        customer.with_user(self.users["rep1"]).action_release()
        customer.with_user(self.users["rep2"]).action_claim()
        self.assertEqual(customer.user_id, self.users["rep2"])

    # ---------------------------------------------------------------- assign
    def test_manager_assigns_and_transfers(self):
        customers = self.pool | self.customers["rep1"]
        self._assign("mgr1", customers, self.users["rep2"], reason="Rebalancing")
        self.assertEqual(customers.mapped("user_id"), self.users["rep2"])
        for customer in customers:
            self.assertIn("Rebalancing", customer.message_ids[0].body)
        # back to the pool
        self._assign(
            "mgr1", self.customers["rep1"], self.env["res.users"], to_pool=True
        )
        self.assertTrue(self.customers["rep1"].crm_is_pool)
        self.assertEqual(
            self.customers["rep1"].crm_previous_owner_id, self.users["rep2"]
        )

    def test_assign_refusals(self):
        # outside the manager's scope: customer of rep3, or to rep3
        with self.assertRaises(AccessError):
            self._assign("mgr1", self.customers["rep3"], self.users["rep1"])
        with self.assertRaises(AccessError):
            self._assign("mgr1", self.customers["rep1"], self.users["rep3"])
        # no edit within scope
        with self.assertRaises(AccessError):
            self._assign("lead", self.customers["rep1"], self.users["rep2"])
        # to an archived user
        self.users["rep2"].active = False
        with self.assertRaisesRegex(UserError, "not an active internal user"):
            self._assign(
                "admin", self.customers["rep1"] | self.pool, self.users["rep2"]
            )
        self.assertEqual(self.customers["rep1"].user_id, self.users["rep1"])
        self.assertTrue(self.pool.crm_is_pool)

    # ---------------------------------------------------------------- hand-over
    def test_handover(self):
        extra = self.env["res.partner"].create(
            {
                "name": "Second of rep1",
                "crm_is_customer": True,
                "user_id": self.users["rep1"].id,
            }
        )
        self.users["rep1"].active = False  # left the company
        form = Form(self.env["crm.customer.handover"].with_user(self.users["admin"]))
        form.from_user_id = self.users["rep1"]
        form.user_id = self.users["rep2"]
        form.reason = "离职交接"
        self.assertEqual(form.customer_count, 2)
        form.save().action_confirm()
        for customer in self.customers["rep1"] | extra:
            self.assertEqual(customer.user_id, self.users["rep2"])
            self.assertIn("离职交接", customer.message_ids[0].body)
        self.assertEqual(self.contacts["rep1"].crm_owner_id, self.users["rep2"])
        # and to the pool
        self.env["crm.customer.handover"].with_user(self.users["admin"]).create(
            {"from_user_id": self.users["rep2"].id, "to_pool": True, "reason": "Gone"}
        ).action_confirm()
        self.assertTrue(all((self.customers["rep1"] | extra).mapped("crm_is_pool")))

    def test_handover_to_inactive_refused(self):
        self.users["rep2"].active = False
        wizard = (
            self.env["crm.customer.handover"]
            .with_user(self.users["admin"])
            .create(
                {
                    "from_user_id": self.users["rep1"].id,
                    "user_id": self.users["rep2"].id,
                    "reason": "x",
                }
            )
        )
        with self.assertRaisesRegex(UserError, "not an active internal user"):
            wizard.action_confirm()
        self.assertEqual(self.customers["rep1"].user_id, self.users["rep1"])

    # ---------------------------------------------------------------- cron
    def test_cron_returns_to_pool(self):
        ctype = self.env.ref("crm_customer.crm_customer_type_first_contact")
        ctype.pool_return_days = 15
        self.env.company.crm_pool_notify_days = 3
        Partner = self.env["res.partner"]
        with freeze_time("2030-03-01"):
            customer = Partner.create(
                {
                    "name": "Cron Customer Ltd",
                    "is_company": True,
                    "crm_is_customer": True,
                    "crm_customer_type_id": ctype.id,
                    "user_id": self.users["rep1"].id,
                }
            )
            followed = Partner.create(
                {
                    "name": "Followed Ltd",
                    "is_company": True,
                    "crm_is_customer": True,
                    "crm_customer_type_id": ctype.id,
                    "user_id": self.users["rep1"].id,
                }
            )
            formal = Partner.create(
                {
                    "name": "Formal Ltd",
                    "is_company": True,
                    "crm_is_customer": True,
                    "crm_customer_type_id": self.env.ref(
                        "crm_customer.crm_customer_type_formal"
                    ).id,
                    "user_id": self.users["rep1"].id,
                }
            )
        self.assertEqual(customer.crm_owner_date, date(2030, 3, 1))
        Activity = self.env["mail.activity"]

        def activities(partner):
            return Activity.search(
                [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
            )

        with freeze_time("2030-03-10"):
            followed.with_user(self.users["rep1"])._crm_touch_followup()
            followed._crm_touch_followup("2030-01-01")  # never moves back
            self.assertEqual(followed.crm_last_followup_date, date(2030, 3, 10))
        with freeze_time("2030-03-12"):  # due on 03-16: too early to warn
            Partner._cron_return_to_pool()
            self.assertFalse(activities(customer))
        with freeze_time("2030-03-13"):  # warn 3 days ahead
            Partner._cron_return_to_pool()
            self.assertEqual(len(activities(customer)), 1)
            self.assertEqual(activities(customer).user_id, self.users["rep1"])
            self.assertFalse(activities(followed))
            Partner._cron_return_to_pool()  # idempotent
            self.assertEqual(len(activities(customer)), 1)
            self.assertEqual(customer.user_id, self.users["rep1"])
        with freeze_time("2030-03-16"):
            Partner._cron_return_to_pool()
            self.assertTrue(customer.crm_is_pool)
            self.assertEqual(customer.crm_previous_owner_id, self.users["rep1"])
            self.assertEqual(customer.crm_released_date, date(2030, 3, 16))
            self.assertIn("No follow-up for 15 days", customer.message_ids[0].body)
            self.assertEqual(followed.user_id, self.users["rep1"])
            self.assertEqual(formal.user_id, self.users["rep1"])
            messages = customer.message_ids
            Partner._cron_return_to_pool()  # second run changes nothing
            self.assertEqual(customer.message_ids, messages)
            self.assertTrue(customer.crm_is_pool)
        with freeze_time("2030-03-25"):  # followed up 03-10: due 03-25
            Partner._cron_return_to_pool()
            self.assertTrue(followed.crm_is_pool)
            self.assertEqual(formal.user_id, self.users["rep1"])  # 0 days: never
