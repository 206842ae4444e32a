from datetime import date, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ContractCommon

DUE = date(2024, 4, 1)


@tagged("post_install", "-at_install")
class TestContractReminder(ContractCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Installment = cls.env["crm.contract.installment"]
        cls.Reminder = cls.env["crm.reminder"]
        cls.collection = cls.env.ref("crm_sales_contract.mail_activity_type_collection")

    def _run(self, day, batch_size=500):
        """Run the job on ``day`` until it reports nothing left (as the cron
        runner does); return the reminders it logged."""
        before = self.Reminder.search([])
        with freeze_time(day):
            for _i in range(50):
                _done, remaining = self.Installment._cron_send_reminders(
                    batch_size=batch_size
                )
                if not remaining:
                    break
            else:
                self.fail("the reminder job never finished")
        return self.Reminder.search([]) - before

    def _plan(self, amounts=(100.0,), due=DUE, **vals):
        with freeze_time(date(2024, 3, 2)):
            return self._plan_now(amounts, due, **vals)

    def _plan_now(self, amounts, due, **vals):
        vals.setdefault("date_signed", date(2024, 3, 1))
        contract = self._contract(lines=((1.0, sum(amounts)),), **vals)
        contract.write(
            {
                "installment_ids": [
                    (
                        0,
                        0,
                        {"name": f"#{i}", "amount": a, "due_date": due, "sequence": i},
                    )
                    for i, a in enumerate(amounts)
                ]
            }
        )
        contract.action_confirm()
        return contract

    def _sent(self, reminders, installments):
        return reminders.filtered(
            lambda r: r.res_model == installments._name and r.res_id in installments.ids
        )

    def test_installment_life(self):
        contract = self._plan()
        inst = contract.installment_ids
        steps = [
            (DUE - timedelta(days=5), []),
            (DUE - timedelta(days=3), [("due_soon", self.rep)]),
            (DUE - timedelta(days=2), []),
            (DUE, []),
            (DUE + timedelta(days=1), [("overdue", self.rep)]),
            (DUE + timedelta(days=6), []),
            (DUE + timedelta(days=7), [("overdue_manager", self.mgr)]),
            (DUE + timedelta(days=29), []),
        ]
        for day, expected in steps:
            with self.subTest(day=day):
                sent = self._sent(self._run(day), inst)
                self.assertEqual(
                    sorted((r.key, r.user_id) for r in sent), sorted(expected)
                )
                for reminder in sent:
                    activity = reminder.activity_id
                    self.assertEqual(activity.res_id, inst.id)
                    self.assertEqual(activity.user_id, reminder.user_id)
                    self.assertEqual(activity.activity_type_id, self.collection)
                # run twice: nothing new
                self.assertFalse(self._sent(self._run(day), inst))
        self.assertEqual(inst.state, "overdue")
        # 30 days late: everybody who sees all sales records
        sent = self._sent(self._run(DUE + timedelta(days=30)), inst)
        self.assertEqual(set(sent.mapped("key")), {"overdue_all"})
        self.assertIn(self.director, sent.user_id)
        self.assertIn(self.sales_admin, sent.user_id)
        self.assertNotIn(self.rep2, sent.user_id)
        self.assertNotIn(self.mgr, sent.user_id)
        self.assertFalse(self._sent(self._run(DUE + timedelta(days=31)), inst))
        open_activities = inst.activity_ids
        self.assertEqual(len(open_activities), 4 + len(sent) - 1)
        # paid: its open reminders go, and nothing new comes
        with freeze_time(DUE + timedelta(days=32)):
            inst._crm_apply_payment(100.0)
        self.assertEqual(inst.state, "paid")
        self.assertFalse(inst.activity_ids)
        self.assertFalse(self._sent(self._run(DUE + timedelta(days=40)), inst))

    def test_paid_and_partial(self):
        contract = self._plan(amounts=(50.0, 50.0))
        paid, partial = contract.installment_ids.sorted("sequence")
        with freeze_time(DUE - timedelta(days=10)):
            paid._crm_apply_payment(50.0)
            partial._crm_apply_payment(10.0)
        sent = self._sent(self._run(DUE - timedelta(days=1)), contract.installment_ids)
        self.assertEqual(sent.mapped("res_id"), [partial.id])
        self.assertEqual(partial.state, "partial")

    def test_cancelled_and_draft_get_nothing(self):
        cancelled = self._plan(amounts=(60.0, 40.0))
        cancelled.installment_ids[0]._crm_apply_payment(60.0)
        cancelled._crm_cancel("lost")
        draft = self._contract(lines=((1.0, 100.0),), date_signed=date(2024, 3, 1))
        draft._crm_generate_installments(count=1)
        draft.installment_ids.due_date = DUE
        installments = cancelled.installment_ids | draft.installment_ids
        self.assertFalse(self._sent(self._run(DUE + timedelta(days=40)), installments))

    def test_batches(self):
        contract = self._plan(amounts=(10.0, 20.0, 30.0))
        with freeze_time(DUE - timedelta(days=1)):
            done, remaining = self.Installment._cron_send_reminders(batch_size=1)
        self.assertGreaterEqual(done, 1)
        self.assertGreaterEqual(remaining, 2)
        sent = self._sent(
            self._run(DUE - timedelta(days=1), batch_size=1), contract.installment_ids
        )
        self.assertEqual(len(sent), 2)
        self.assertEqual(
            len(
                self.Reminder.search(
                    [
                        ("res_model", "=", self.Installment._name),
                        ("res_id", "in", contract.installment_ids.ids),
                    ]
                )
            ),
            3,
        )

    def test_renewal(self):
        contract = self._plan(due=date(2024, 3, 10), date_end=date(2024, 6, 1))
        before = self._run(date(2024, 5, 1)).filtered(
            lambda r: r.res_model == "crm.contract"
        )
        self.assertFalse(before.filtered(lambda r: r.res_id == contract.id))
        sent = self._run(date(2024, 5, 3)).filtered(
            lambda r: r.res_model == "crm.contract" and r.res_id == contract.id
        )
        self.assertEqual(sent.key, "renewal")
        self.assertEqual(sent.user_id, self.rep)
        self.assertEqual(
            sent.activity_id.activity_type_id,
            self.env.ref("crm_sales_contract.mail_activity_type_renewal"),
        )
        again = self._run(date(2024, 5, 20)).filtered(
            lambda r: r.res_model == "crm.contract" and r.res_id == contract.id
        )
        self.assertFalse(again)

    def test_unique_key_blocks_duplicate(self):
        contract = self._plan()
        inst = contract.installment_ids
        self._run(DUE - timedelta(days=3))
        reminder = self.Reminder.search(
            [
                ("res_model", "=", inst._name),
                ("res_id", "=", inst.id),
                ("key", "=", "due_soon"),
            ]
        )
        self.assertEqual(len(reminder), 1)
        # a second worker inserting the same reminder is stopped by the database
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "INSERT INTO crm_reminder (res_model, res_id, key, user_id) "
                    "VALUES (%s, %s, %s, %s)",
                    (inst._name, inst.id, "due_soon", self.rep.id),
                )
        # and _crm_send itself sends nothing twice
        activities = self.Reminder._crm_send(
            [{"record": inst, "key": "due_soon", "user": self.rep, "summary": "again"}]
        )
        self.assertFalse(activities)
