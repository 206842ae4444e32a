from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import CustomerCommon


@tagged("post_install", "-at_install")
class TestCustomerFollowup(CustomerCommon):
    """What counts as a follow-up, the follow-up wizard, and the customers the
    automatic return keeps."""

    def test_owner_message_counts(self):
        customer, contact = self.customers["rep1"], self.contacts["rep1"]
        rep1 = self.users["rep1"]
        # automatic messages and other people's notes do not count
        customer.with_user(rep1).message_post(body="claimed (automatic)")
        customer.with_user(self.users["mgr1"]).message_post(
            body="a manager's note", message_type="comment"
        )
        self.assertFalse(customer.crm_last_followup_date)
        # the owner's note on a contact does
        contact.with_user(rep1).message_post(
            body="called", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertEqual(customer.crm_last_followup_date, date.today())

    def test_activity_done_counts(self):
        contact = self.contacts["rep2"]
        activity = contact.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.users["rep2"].id
        )
        self.assertFalse(self.customers["rep2"].crm_last_followup_date)
        activity.with_user(self.users["rep2"]).action_feedback(feedback="done")
        self.assertEqual(self.customers["rep2"].crm_last_followup_date, date.today())
        # not on partners that are no customers
        other = self.supplier.activity_schedule("mail.mail_activity_data_todo")
        other.action_feedback(feedback="done")
        self.assertFalse(self.supplier.crm_last_followup_date)

    def test_followup_wizard(self):
        customer = self.customers["rep1"]
        rep1 = self.users["rep1"]
        action = customer.with_user(rep1).action_crm_followup()
        self.assertEqual(action["res_model"], "crm.customer.followup")
        next_date = date.today() + timedelta(days=7)
        form = Form(
            self.env["crm.customer.followup"]
            .with_user(rep1)
            .with_context(**action["context"])
        )
        form.kind = "wechat"
        form.note = "Sent the quotation"
        form.next_date = next_date
        wizard = form.save()
        result = wizard.action_confirm()
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(customer.crm_last_followup_date, date.today())
        message = customer.message_ids[0]
        self.assertIn("Follow-up (WeChat)", message.body)
        self.assertIn("Sent the quotation", message.body)
        self.assertEqual(message.author_id, rep1.partner_id)
        activity = customer.activity_ids
        self.assertEqual(activity.user_id, rep1)
        self.assertEqual(activity.date_deadline, next_date)
        # a second follow-up for the same next date keeps the one to-do; another
        # date is another to-do
        for day, count in ((next_date, 1), (next_date + timedelta(days=1), 2)):
            self.env["crm.customer.followup"].with_user(rep1).create(
                {"partner_id": customer.id, "kind": "phone", "next_date": day}
            ).action_confirm()
            self.assertEqual(len(customer.activity_ids), count)
        # not in the past, not by readers, not on the pool
        wizard = (
            self.env["crm.customer.followup"]
            .with_user(rep1)
            .create(
                {
                    "partner_id": customer.id,
                    "next_date": date.today() - timedelta(days=1),
                }
            )
        )
        with self.assertRaisesRegex(UserError, "past"):
            wizard.action_confirm()
        for key in ("rep2", "lead", "director"):
            with self.subTest(user=key), self.assertRaises(AccessError):
                self.env["crm.customer.followup"].with_user(self.users[key]).create(
                    {"partner_id": customer.id}
                ).action_confirm()
        with self.assertRaises(AccessError):
            self.pool.with_user(rep1).action_crm_followup()
        # the customer went back to the pool while the wizard was open: a clear
        # refusal, nothing recorded
        wizard = (
            self.env["crm.customer.followup"]
            .with_user(rep1)
            .create({"partner_id": customer.id, "note": "too late"})
        )
        customer.sudo()._crm_set_owner(self.env["res.users"], "No follow-up")
        with self.assertRaisesRegex(UserError, "returned to the customer pool"):
            wizard.action_confirm()
        self.assertNotIn("too late", str(customer.sudo().message_ids.mapped("body")))
        # a manager who edits within scope records one for the team
        with freeze_time(date.today() + timedelta(days=2)):
            self.env["crm.customer.followup"].with_user(self.users["mgr1"]).create(
                {"partner_id": self.customers["rep2"].id, "kind": "visit"}
            ).action_confirm()
            self.assertEqual(
                self.customers["rep2"].crm_last_followup_date,
                date.today(),
            )

    def test_return_keeps_protected_customers(self):
        ctype = self.env.ref("crm_customer.crm_customer_type_first_contact")
        ctype.pool_return_days = 15
        Partner = self.env["res.partner"]
        with freeze_time("2030-03-01"):
            kept, returned = Partner.create(
                [
                    {
                        "name": name,
                        "is_company": True,
                        "crm_is_customer": True,
                        "crm_customer_type_id": ctype.id,
                        "user_id": self.users["rep1"].id,
                    }
                    for name in ("Kept Ltd", "Returned Ltd")
                ]
            )
        self.assertEqual(Partner._crm_pool_return_protected_ids(kept | returned), set())
        original = type(Partner)._crm_pool_return_protected_ids

        def protected(model, partners):
            return original(model, partners) | ({kept.id} & set(partners.ids))

        self.patch(type(Partner), "_crm_pool_return_protected_ids", protected)
        with freeze_time("2030-03-20"):
            Partner._cron_return_to_pool()
        self.assertTrue(returned.crm_is_pool)
        self.assertEqual(kept.user_id, self.users["rep1"])

    def test_keep_recent_days_setting(self):
        settings = self.env["res.config.settings"].create(
            {"crm_pool_keep_recent_days": 30}
        )
        settings.execute()
        self.assertEqual(self.env.company.crm_pool_keep_recent_days, 30)

    def test_credit_policy(self):
        customer = self.customers["rep1"]
        self.assertEqual(customer.crm_credit_policy, "none")
        # the salesperson the credit check controls does not set their terms
        for vals in (
            {"crm_credit_policy": "none"},
            {"crm_credit_limit": 1e9},
            {"crm_credit_policy": "limit", "crm_credit_limit": 0},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "credit"):
                customer.with_user(self.users["rep1"]).write(vals)
        with self.assertRaisesRegex(UserError, "credit"):
            self.env["res.partner"].with_user(self.users["rep1"]).create(
                {
                    "name": "Credit Ltd",
                    "crm_is_customer": True,
                    "user_id": self.users["rep1"].id,
                    "crm_credit_policy": "limit",
                    "crm_credit_limit": 5000,
                }
            )
        self.assertFalse(customer.with_user(self.users["rep1"]).crm_can_edit_credit)
        manager = customer.with_user(self.users["mgr1"])
        self.assertTrue(manager.crm_can_edit_credit)
        manager.write({"crm_credit_policy": "limit", "crm_credit_limit": 0})
        self.assertEqual(customer.crm_credit_policy, "limit")
        self.assertIn(
            "0 means no credit at all",
            customer._fields["crm_credit_limit"]._description_help(self.env),
        )
