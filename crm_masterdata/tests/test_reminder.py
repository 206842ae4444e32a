from psycopg2 import IntegrityError

from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger, sql

from odoo.addons.crm_masterdata.models.mail_thread import crm_reminder_no_follow


@tagged("post_install", "-at_install")
class TestReminder(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env, login="rem_user", groups="crm_masterdata.crm_masterdata_group_user"
        )
        cls.partners = cls.env["res.partner"].create(
            [{"name": f"P{i}"} for i in range(3)]
        )
        cls.Reminder = cls.env["crm.reminder"]

    def _reminders(self, key="due_soon"):
        return [
            {
                "record": partner,
                "key": key,
                "user": self.user,
                "date": "2026-12-01",
                "summary": f"Call {partner.name}",
            }
            for partner in self.partners
        ]

    def test_sent_once(self):
        activities = self.Reminder._crm_send(self._reminders())
        self.assertEqual(len(activities), 3)
        self.assertEqual(set(activities.mapped("res_id")), set(self.partners.ids))
        self.assertEqual(activities.user_id, self.user)
        # a second run (or a second worker) sends nothing more
        self.assertFalse(self.Reminder._crm_send(self._reminders()))
        self.assertEqual(
            self.Reminder.search_count([("res_model", "=", "res.partner")]), 3
        )
        # another key is another reminder
        self.assertEqual(len(self.Reminder._crm_send(self._reminders("overdue"))), 3)

    def test_recipient_does_not_follow_reminded_records(self):
        self.Reminder._crm_send(self._reminders())
        for partner in self.partners:
            self.assertNotIn(self.user.partner_id, partner.message_partner_ids)
        # outside reminders, Odoo's own behaviour is kept
        self.partners[0].message_subscribe(partner_ids=self.user.partner_id.ids)
        self.assertIn(self.user.partner_id, self.partners[0].message_partner_ids)

    def test_partly_new_batch(self):
        self.Reminder._crm_send(self._reminders()[:1])
        activities = self.Reminder._crm_send(self._reminders())
        self.assertEqual(set(activities.mapped("res_id")), set(self.partners[1:].ids))

    def test_drop_keeps_log(self):
        activities = self.Reminder._crm_send(self._reminders())
        self.Reminder._crm_drop(self.partners[:1])
        self.assertFalse(activities[0].exists())
        self.assertTrue(activities[1:].exists())
        # dropped reminders are not sent again
        self.assertFalse(self.Reminder._crm_send(self._reminders()))

    def test_done_activity_not_resent(self):
        activities = self.Reminder._crm_send(self._reminders())
        activities.action_feedback(feedback="done")
        self.assertFalse(activities.exists())
        self.assertFalse(self.Reminder._crm_send(self._reminders()))

    def test_unique_key_in_database(self):
        self.Reminder._crm_send(self._reminders()[:1])
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env.cr.execute(
                "INSERT INTO crm_reminder (res_model, res_id, key, user_id)"
                " VALUES (%s, %s, %s, %s)",
                ("res.partner", self.partners[0].id, "due_soon", self.user.id),
            )

    def test_user_reads_only_own_reminders(self):
        other = new_test_user(
            self.env,
            login="rem_other",
            groups="crm_masterdata.crm_masterdata_group_user",
        )
        self.Reminder._crm_send(self._reminders())
        self.assertEqual(self.Reminder.with_user(self.user).search_count([]), 3)
        self.assertEqual(self.Reminder.with_user(other).search_count([]), 0)

    def test_activity_names_given_not_recomputed(self):
        self.partners[0].name = "Café Zhang"
        activities = self.Reminder._crm_send(self._reminders())
        self.env.flush_all()
        self.env.invalidate_all()
        for activity in activities:
            partner = self.env["res.partner"].browse(activity.res_id)
            self.assertEqual(activity.res_model, "res.partner")
            self.assertEqual(activity.res_name, partner.display_name)
            self.assertEqual(activity.user_tz, self.user.tz)
            self.assertFalse(activity.date_done)
            self.assertTrue(activity.active)

    def test_no_follow_is_not_a_context_key(self):
        """Passing the old context key to message_subscribe changes nothing:
        only crm.reminder's own code, for its own recipients and records, skips
        the auto-follow."""
        partner = self.partners[0]
        partner.with_context(crm_reminder_no_follow=True).message_subscribe(
            partner_ids=self.user.partner_id.ids
        )
        self.assertIn(self.user.partner_id, partner.message_partner_ids)

    def test_no_follow_scope(self):
        other = new_test_user(
            self.env,
            login="rem_scope",
            groups="crm_masterdata.crm_masterdata_group_user",
        )
        first, second = self.partners[:2]
        skip = {"res.partner": {(first.id, self.user.partner_id.id)}}
        with crm_reminder_no_follow(skip):
            # the reminder's recipient on the reminded record: skipped
            first.message_subscribe(partner_ids=self.user.partner_id.ids)
            # anyone else, or another record: Odoo's behaviour
            first.message_subscribe(partner_ids=other.partner_id.ids)
            second.message_subscribe(partner_ids=self.user.partner_id.ids)
        self.assertNotIn(self.user.partner_id, first.message_partner_ids)
        self.assertIn(other.partner_id, first.message_partner_ids)
        self.assertIn(self.user.partner_id, second.message_partner_ids)
        # and after the block, nothing is skipped
        first.message_subscribe(partner_ids=self.user.partner_id.ids)
        self.assertIn(self.user.partner_id, first.message_partner_ids)

    def test_no_index_of_its_own_on_res_model(self):
        # the unique key's index serves searches by model (see the field)
        self.assertFalse(sql.index_exists(self.env.cr, "crm_reminder__res_model_index"))
