import importlib.util
from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged
from odoo.tools.misc import file_path
from odoo.tools.safe_eval import safe_eval

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

    def _release(self, key, partners, reason="No budget this year"):
        action = partners.with_user(self.users[key]).action_release()
        self.assertEqual(action["res_model"], "crm.customer.release")
        wizard = (
            self.env["crm.customer.release"]
            .with_user(self.users[key])
            .with_context(**action["context"])
            .create({"reason": reason})
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
        # now someone else's: rep2, who still had it on the pool list, is
        # told it was just claimed (no name, no owner), not Odoo's access error
        rep2_pool = self.pool.with_user(self.users["rep2"])
        with self.assertRaisesRegex(UserError, "just claimed") as caught:
            rep2_pool.action_claim()
        self.assertNotIn("Pool Customer", str(caught.exception))
        self.assertNotIn(self.users["rep1"].name, str(caught.exception))
        self.assertFalse(rep2_pool._filtered_access("read"))  # still unreadable
        with self.assertRaisesRegex(UserError, "not in the pool"):
            self.pool.with_user(self.users["lead"]).action_claim()
        # from the next day on it is any customer rep2 may not read
        with freeze_time(date.today() + timedelta(days=1)):
            with self.assertRaises(AccessError):
                rep2_pool.action_claim()
        self.assertEqual(self.pool.user_id, self.users["rep1"])

    def test_bulk_claim_with_one_just_taken(self):
        """A bulk claim from a pool list in which a colleague has meanwhile
        claimed one customer claims the others and says one was taken."""
        other = self.pool.copy({"name": "Second Pool Ltd"})
        self.assertTrue(other.crm_is_pool)
        self.pool.with_user(self.users["rep1"]).action_claim()
        both = (self.pool | other).with_user(self.users["rep2"])
        result = both.action_claim()
        message = result["params"]["message"]
        self.assertIn("1 customer(s) claimed", message)
        self.assertIn("1 just claimed by someone else", message)
        self.assertNotIn("Pool Customer", message)
        self.assertEqual(other.user_id, self.users["rep2"])
        self.assertEqual(self.pool.user_id, self.users["rep1"])
        # an unreadable customer owned since before today is no pool race:
        # Odoo's access error, and nothing of the batch is claimed
        self.customers["rep1"].sudo().crm_owner_date = date(2020, 1, 1)
        third = self.pool.copy({"name": "Third Pool Ltd", "user_id": False})
        self.assertTrue(third.crm_is_pool)
        batch = (third | self.customers["rep1"]).with_user(self.users["rep2"])
        with self.assertRaises(AccessError):
            batch.action_claim()
        self.assertTrue(third.crm_is_pool)

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
            self._release("rep1", customer)
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
        self._release("rep1", customer)
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

    def test_handover_outside_scope_tells_nothing(self):
        """mgr1 (Sales 1) may hand over rep1's customers, not rep3's (Sales
        2): the wizard neither counts them nor names one of them, and the
        one-call script method refuses the same way."""
        Wizard = self.env["crm.customer.handover"].with_user(self.users["mgr1"])
        inside = Wizard.create({"from_user_id": self.users["rep1"].id, "reason": "x"})
        self.assertEqual(inside.customer_count, 1)
        outside = Wizard.create(
            {
                "from_user_id": self.users["rep3"].id,
                "user_id": self.users["rep1"].id,
                "reason": "x",
            }
        )
        self.assertEqual(outside.customer_count, 0)
        with self.assertRaisesRegex(AccessError, "outside your scope") as caught:
            outside.action_confirm()
        self.assertNotIn("Customer of rep3", str(caught.exception))
        # a leaver outside scope who owns nothing: the same refusal, not
        # "owns no customer"
        self.customers["rep3"].sudo().user_id = False
        with self.assertRaisesRegex(AccessError, "outside your scope"):
            outside.action_confirm()
        self.customers["rep3"].sudo().user_id = self.users["rep3"]
        with self.assertRaisesRegex(AccessError, "outside your scope"):
            self.users["rep3"].with_user(self.users["mgr1"]).crm_hand_over(
                self.users["rep1"].id, reason="x"
            )
        self.assertEqual(self.customers["rep3"].user_id, self.users["rep3"])
        # the division head sees both departments
        diva = Wizard.with_user(self.users["diva"]).create(
            {"from_user_id": self.users["rep3"].id, "reason": "x"}
        )
        self.assertEqual(diva.customer_count, 1)

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
    def test_cron_runs_at_night_on_the_companys_date(self):
        """The return job runs at 02:00 Beijing time (18:00 UTC, the day
        before in UTC) by default, and counts days in the company's time
        zone: at 02:00 on 16 March in Beijing a customer due on 16 March
        returns, though it is still 15 March in UTC."""
        cron = self.env.ref("crm_customer.ir_cron_crm_customer_return_to_pool")
        self.assertEqual((cron.nextcall.hour, cron.nextcall.minute), (18, 0))
        self.env.company.partner_id.tz = "Asia/Shanghai"
        ctype = self.env.ref("crm_customer.crm_customer_type_first_contact")
        ctype.pool_return_days = 15
        Partner = self.env["res.partner"].with_context(tz=False)
        with freeze_time("2030-03-01 02:00:00"):
            customer = Partner.create(
                {
                    "name": "Night Return Ltd",
                    "is_company": True,
                    "crm_is_customer": True,
                    "crm_customer_type_id": ctype.id,
                    "user_id": self.users["rep1"].id,
                }
            )
        self.assertEqual(customer.crm_owner_date, date(2030, 3, 1))
        with freeze_time("2030-03-15 15:00:00"):  # 23:00 on 15 March in Beijing
            Partner._cron_return_to_pool()
        self.assertEqual(customer.user_id, self.users["rep1"])
        with freeze_time("2030-03-15 18:00:00"):  # 02:00 on 16 March in Beijing
            Partner._cron_return_to_pool()
        self.assertTrue(customer.crm_is_pool)
        self.assertEqual(customer.crm_released_date, date(2030, 3, 16))

    def test_migration_moves_the_job_to_the_night(self):
        """A database installed before 18.0.1.1.0 has the job at the hour it
        was installed; the migration moves it to the next 18:00 UTC, and
        leaves a job already at night alone."""
        path = file_path("crm_customer/migrations/18.0.1.1.0/post-migration.py")
        spec = importlib.util.spec_from_file_location("crm_customer_m1110", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        cron = self.env.ref("crm_customer.ir_cron_crm_customer_return_to_pool")
        cron.nextcall = datetime(2030, 1, 1, 7, 36)
        migration.migrate(self.env.cr, None)  # a new installation: nothing
        self.assertEqual(cron.nextcall, datetime(2030, 1, 1, 7, 36))
        with freeze_time("2030-01-01 10:00:00"):
            migration.migrate(self.env.cr, "18.0.1.0.0")
        cron.invalidate_recordset()
        self.assertEqual(cron.nextcall, datetime(2030, 1, 1, 18, 0))
        cron.nextcall = datetime(2030, 1, 1, 7, 36)
        with freeze_time("2030-01-01 19:00:00"):
            migration.migrate(self.env.cr, "18.0.1.0.0")
        cron.invalidate_recordset()
        self.assertEqual(cron.nextcall, datetime(2030, 1, 2, 18, 0))
        cron.nextcall = datetime(2030, 1, 1, 20, 30)  # the admin's night hour
        migration.migrate(self.env.cr, "18.0.1.0.0")
        cron.invalidate_recordset()
        self.assertEqual(cron.nextcall, datetime(2030, 1, 1, 20, 30))

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
            self.assertIn("No follow-up for 15 days", customer.crm_release_reason)
            self.assertEqual(customer.crm_days_in_pool, 0)
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


@tagged("post_install", "-at_install")
class TestCustomerPoolDesk(CustomerCommon):
    """The pool on a desktop: a message after every action, bulk claim within
    the cap, release with a reason, the pool's columns, archive and delete
    for managers only."""

    def _pool_customers(self, count):
        self._pool_count = getattr(self, "_pool_count", 0) + count
        return self.env["res.partner"].create(
            [
                {"name": f"Pool {i} Ltd", "is_company": True, "crm_is_customer": True}
                for i in range(self._pool_count - count, self._pool_count)
            ]
        )

    def _release(self, key, partners, reason):
        action = partners.with_user(self.users[key]).action_release()
        wizard = (
            self.env["crm.customer.release"]
            .with_user(self.users[key])
            .with_context(**action["context"])
            .create({"reason": reason})
        )
        return wizard.action_confirm()

    def test_claim_notifies_and_lands_on_my_customers(self):
        result = self.pool.with_user(self.users["rep1"]).action_claim()
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(result["params"]["type"], "success")
        self.assertIn("Pool Customer Ltd", result["params"]["message"])
        follow = result["params"]["next"]
        my_action = self.env.ref("crm_customer.res_partner_action_my")
        self.assertEqual(follow["id"], my_action.id)
        self.assertEqual(follow["target"], "main")  # not under the pool's breadcrumb
        self.assertIn(
            self.pool,
            self.env["res.partner"]
            .with_user(self.users["rep1"])
            .search(safe_eval(follow["domain"], {"uid": self.users["rep1"].id})),
        )

    def test_bulk_claim_within_the_cap(self):
        self.env.company.crm_pool_cooldown_days = 30
        released = self.customers["rep1"]
        self._release("rep1", released, "Wrong contact")
        pool = self._pool_customers(3)
        # rep1 owns none now; may own 2
        self.env.company.crm_customer_max_per_user = 2
        batch = (released | pool).with_user(self.users["rep1"])
        result = batch.action_claim()
        claimed = pool[:2]
        self.assertEqual(claimed.mapped("user_id"), self.users["rep1"])
        self.assertTrue(pool[2].crm_is_pool)
        self.assertTrue(released.crm_is_pool, "cooldown")
        message = result["params"]["message"]
        self.assertIn("2 customer(s) claimed", message)
        self.assertIn("2 not claimed", message)
        self.assertIn("went back to the pool from you", message)
        self.assertIn("Pool 2 Ltd: you own 2 customers", message)
        self.assertIn("at most 2", message)
        self.assertTrue(result["params"]["next"]["id"])
        # nothing left to claim: a warning, and the user stays on the pool
        result = pool[2].with_user(self.users["rep2"]).action_claim()
        self.assertEqual(pool[2].user_id, self.users["rep2"])
        self.env.company.crm_customer_max_per_user = 1
        more = self._pool_customers(2).with_user(self.users["rep2"])
        result = more.action_claim()
        self.assertEqual(result["params"]["type"], "warning")
        self.assertEqual(result["params"]["next"]["tag"], "soft_reload")
        self.assertIn("2 not claimed", result["params"]["message"])
        self.assertTrue(all(more.mapped("crm_is_pool")))
        # one customer alone is refused with the reason, as before
        with self.assertRaisesRegex(UserError, "at most 1"):
            more[:1].action_claim()

    def test_release_asks_for_a_reason_which_is_kept(self):
        customer = self.customers["rep1"]
        with freeze_time("2030-05-01"):
            result = self._release("rep1", customer, "No purchase plan this year")
            self.assertEqual(result["tag"], "display_notification")
            self.assertEqual(
                result["params"]["next"]["type"], "ir.actions.act_window_close"
            )
            self.assertIn(customer.name, result["params"]["message"])
        self.assertTrue(customer.crm_is_pool)
        self.assertEqual(customer.crm_release_reason, "No purchase plan this year")
        self.assertEqual(customer.crm_previous_owner_id, self.users["rep1"])
        self.assertIn("No purchase plan this year", customer.message_ids[0].body)
        with freeze_time("2030-05-08"):
            customer.invalidate_recordset(["crm_days_in_pool"])
            self.assertEqual(customer.crm_days_in_pool, 7)
            # what the pool list shows, to a salesperson too (not masked)
            row = customer.with_user(self.users["rep2"]).read(
                ["crm_days_in_pool", "crm_previous_owner_id", "crm_release_reason"]
            )[0]
            self.assertEqual(row["crm_days_in_pool"], 7)
            self.assertEqual(row["crm_previous_owner_id"][0], self.users["rep1"].id)
            self.assertEqual(row["crm_release_reason"], "No purchase plan this year")
        # an owned customer is not "in the pool" for any days
        self.assertEqual(self.customers["rep2"].crm_days_in_pool, 0)
        # a blank reason is refused, and so is someone else's customer
        for reason in ("", "   "):
            with self.assertRaisesRegex(UserError, "Say why"):
                self.customers["rep2"].with_user(self.users["rep2"])._crm_release(
                    reason
                )
        with self.assertRaises(AccessError):
            self._release("rep2", self.customers["rep1"] | self.customers["lead"], "x")
        with self.assertRaises(AccessError):
            self.customers["rep1"].with_user(self.users["rep2"]).action_release()
        # the reason is the customer's own action's: not written directly
        with self.assertRaisesRegex(UserError, "Reason Returned to Pool"):
            self.customers["rep2"].with_user(self.users["rep2"]).write(
                {"crm_release_reason": "forged"}
            )
        # a claim takes it out of the pool; the reason stays as history
        customer.with_user(self.users["rep2"]).action_claim()
        self.assertEqual(customer.crm_days_in_pool, 0)

    def test_assign_and_handover_notify(self):
        result = (
            self.env["crm.customer.assign"]
            .with_user(self.users["mgr1"])
            .create(
                {
                    "partner_ids": [(6, 0, self.pool.ids)],
                    "user_id": self.users["rep2"].id,
                    "reason": "Territory",
                }
            )
            .action_confirm()
        )
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn("Cust rep2", result["params"]["message"])
        self.assertIn("1 customer(s)", result["params"]["message"])
        result = (
            self.env["crm.customer.handover"]
            .with_user(self.users["admin"])
            .create(
                {
                    "from_user_id": self.users["rep2"].id,
                    "to_pool": True,
                    "reason": "Gone",
                }
            )
            .action_confirm()
        )
        self.assertIn("returned to the pool", result["params"]["message"])
        self.assertIn("Cust rep2", result["params"]["message"])

    def test_salespeople_neither_archive_nor_delete_customers(self):
        own = self.customers["rep1"]
        for key in ("rep1", "lead"):
            with self.subTest(user=key):
                with self.assertRaisesRegex(AccessError, "Only managers"):
                    own.with_user(self.users[key]).write({"active": False})
                with self.assertRaises(AccessError):
                    own.with_user(self.users[key]).unlink()
                with self.assertRaises(AccessError):
                    own.with_user(self.users[key]).action_archive()
        # also with Contact Creation, which grants deletion of partners
        self.users["rep1"].groups_id |= self.env.ref("base.group_partner_manager")
        with self.assertRaisesRegex(AccessError, "Only managers"):
            own.with_user(self.users["rep1"]).unlink()
        self.assertTrue(own.exists() and own.active)
        # the contacts of their customers stay theirs to edit
        self.contacts["rep1"].with_user(self.users["rep1"]).write({"active": False})
        self.assertFalse(self.contacts["rep1"].active)
        # a manager who edits within scope archives, restores and deletes
        own.with_user(self.users["mgr1"]).action_archive()
        self.assertFalse(own.active)
        own.with_user(self.users["mgr1"]).action_unarchive()
        self.assertTrue(own.active)
        spare = self._pool_customers(1)
        spare.with_user(self.users["admin"]).unlink()
        self.assertFalse(spare.exists())

    def test_archive_not_offered_to_salespeople(self):
        """The form carries the active field (hence Archive in the menus) only
        for managers; deletion follows the access rights."""
        for key, offered in (("rep1", False), ("lead", False), ("mgr1", True)):
            with self.subTest(user=key):
                views = (
                    self.env["res.partner"]
                    .with_user(self.users[key])
                    .get_views(
                        [
                            (
                                self.env.ref(
                                    "crm_customer.res_partner_view_list_pool"
                                ).id,
                                "list",
                            ),
                            (
                                self.env.ref("crm_customer.res_partner_view_form").id,
                                "form",
                            ),
                        ]
                    )
                )
                fields_ = views["models"]["res.partner"]["fields"]
                arch = views["views"]["form"]["arch"]
                self.assertEqual('name="active"' in arch, offered)
                self.assertEqual(not fields_["active"]["readonly"], offered)
                self.assertEqual(
                    self.env["res.partner"]
                    .with_user(self.users[key])
                    .has_access("unlink"),
                    offered,
                )


@tagged("post_install", "-at_install")
class TestCustomerPoolLanguage(CustomerCommon):
    """Texts the pool stores are in their readers' language: chatter notes
    and reasons in the company's (read by many), reminders in the owner's,
    with dates as 2030年03月16日 for Chinese readers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search(
            [("name", "=", "crm_customer")]
        )._update_translations(["zh_CN"], overwrite=True)

    def test_chatter_notes_in_the_company_language(self):
        self.env.company.partner_id.lang = "zh_CN"
        self.pool.with_user(self.users["rep1"]).with_context(
            lang="en_US"
        ).action_claim()
        self.assertIn("从公海领取了该客户", self.pool.message_ids[0].body)
        self.customers["rep2"].with_user(self.users["rep2"]).with_context(
            lang="en_US"
        )._crm_release("没有预算")
        body = self.customers["rep2"].message_ids[0].body
        self.assertIn("退回公海", body)
        self.assertIn("没有预算", body)
        # an English company keeps English notes, whoever acts
        self.env.company.partner_id.lang = "en_US"
        self.customers["rep3"].with_user(self.users["rep3"]).with_context(
            lang="zh_CN"
        )._crm_release("No budget")
        self.assertIn(
            "Returned to the pool", self.customers["rep3"].message_ids[0].body
        )

    def test_just_claimed_refusal_in_chinese(self):
        self.pool.with_user(self.users["rep1"]).action_claim()
        with self.assertRaisesRegex(UserError, "刚被他人领取"):
            self.pool.with_user(self.users["rep2"]).with_context(
                lang="zh_CN"
            ).action_claim()

    def test_pool_reminder_in_the_owners_language(self):
        ctype = self.env.ref("crm_customer.crm_customer_type_first_contact")
        ctype.pool_return_days = 15
        self.env.company.crm_pool_notify_days = 3
        self.users["rep1"].lang = "zh_CN"
        self.users["rep2"].lang = "en_US"
        Partner = self.env["res.partner"]
        with freeze_time("2030-03-01"):
            chinese, english = Partner.create(
                [
                    {
                        "name": f"Reminded {key} Ltd",
                        "is_company": True,
                        "crm_is_customer": True,
                        "crm_customer_type_id": ctype.id,
                        "user_id": self.users[key].id,
                    }
                    for key in ("rep1", "rep2")
                ]
            )
        with freeze_time("2030-03-13"):
            Partner.with_context(lang="en_US")._cron_return_to_pool()
        Activity = self.env["mail.activity"]

        def activity(partner):
            return Activity.search(
                [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
            )

        self.assertIn("2030年03月16日", activity(chinese).note)
        self.assertIn("公海", activity(chinese).summary)
        self.assertIn("03/16/2030", activity(english).note)
        self.assertIn("returns to the pool", activity(english).summary)

    def test_followup_texts_for_their_readers(self):
        self.env.company.partner_id.lang = "zh_CN"
        self.users["rep1"].lang = "en_US"
        customer = self.customers["rep1"]
        wizard = (
            self.env["crm.customer.followup"]
            .with_user(self.users["mgr1"])
            .with_context(lang="en_US")
            .create(
                {
                    "partner_id": customer.id,
                    "kind": "visit",
                    "note": "Met the buyer",
                    "next_date": "2099-12-01",
                }
            )
        )
        result = wizard.action_confirm()
        self.assertEqual(
            result["params"]["next"]["type"], "ir.actions.act_window_close"
        )
        self.assertIn("12/01/2099", result["params"]["message"])
        # the note in the company's language, the owner's to-do in theirs
        self.assertIn("跟进", customer.message_ids[0].body)
        todo = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", customer.id)]
        )
        self.assertEqual(todo.summary, f"Follow up {customer.name}")
        result = (
            wizard.with_context(lang="zh_CN")
            .create(
                {"partner_id": customer.id, "kind": "phone", "next_date": "2099-12-02"}
            )
            .action_confirm()
        )
        self.assertIn("2099年12月02日", result["params"]["message"])
