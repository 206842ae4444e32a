from datetime import date, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import fields
from odoo.tests import tagged
from odoo.tools import format_amount, mute_logger

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

    # -- the keyset walk (one pass a day in order of due date) ----------------
    def _mine(self, reminders, installments):
        return self._sent(reminders, installments).sorted("id")

    def _call(self, day, batch_size):
        before = self.Reminder.search([])
        with freeze_time(day):
            done, remaining = self.Installment._cron_send_reminders(
                batch_size=batch_size
            )
        return self.Reminder.search([]) - before, done, remaining

    def test_walk_goes_on_in_due_order(self):
        day = DUE - timedelta(days=3)
        contracts = [self._plan(due=DUE - timedelta(days=d)) for d in (0, 2, 3, 1)]
        installments = self.Installment.concat(*(c.installment_ids for c in contracts))
        order = []
        for _i in range(10):
            sent, _done, remaining = self._call(day, batch_size=1)
            self.assertLessEqual(len(sent), 1)
            order += self._mine(sent, installments).mapped("res_id")
            if not remaining:
                break
        else:
            self.fail("the reminder job never finished")
        self.assertEqual(order, installments.sorted(lambda i: i.due_date).ids)
        # each was sent once, to its owner
        log = self._sent(self.Reminder.search([]), installments)
        self.assertEqual(len(log), 4)
        self.assertEqual(set(log.mapped("key")), {"due_soon"})

    def test_walk_finds_what_is_behind_its_cursor(self):
        """An installment that comes before the cursor in due-date order (added
        during the run, or left by another run) is still sent in the same run:
        the walk goes on from the start when it reaches the end."""
        day = DUE - timedelta(days=3)
        late = self._plan(amounts=(10.0, 20.0), due=DUE).installment_ids
        sent, _done, remaining = self._call(day, batch_size=1)
        self.assertEqual(len(self._sent(sent, late)), 1)
        self.assertTrue(remaining)
        early = self._plan(due=DUE - timedelta(days=3)).installment_ids
        for _i in range(10):
            sent, _done, remaining = self._call(day, batch_size=1)
            if not remaining:
                break
        log = self._sent(self.Reminder.search([]), late | early)
        self.assertEqual(sorted(log.mapped("res_id")), sorted((late | early).ids))
        # a run the next day starts at the cursor left by this one and still
        # finds the installment due earliest, now overdue
        sent = self._run(DUE + timedelta(days=1))
        self.assertEqual(
            sorted(self._sent(sent, late | early).mapped("key")), ["overdue"] * 3
        )

    def test_remaining_is_zero_only_when_done(self):
        contract = self._plan(amounts=(10.0, 20.0, 30.0))
        day = DUE - timedelta(days=1)
        remaining_seen = []
        for _i in range(10):
            _sent, _done, remaining = self._call(day, batch_size=2)
            remaining_seen.append(remaining)
            if not remaining:
                break
        self.assertGreaterEqual(remaining_seen[0], 1)
        self.assertEqual(remaining_seen[-1], 0)
        self.assertEqual(
            len(self._sent(self.Reminder.search([]), contract.installment_ids)), 3
        )
        # nothing left: the next call does nothing and says so
        sent, _done, remaining = self._call(day, batch_size=2)
        self.assertFalse(self._sent(sent, contract.installment_ids))
        self.assertEqual(remaining, 0)

    def test_second_worker_sends_nothing_twice(self):
        """A second worker that read the candidates before the first one sent
        them creates no activity: each reminder is claimed in the log first."""
        contract = self._plan(amounts=(10.0, 20.0, 30.0))
        insts = contract.installment_ids
        day = DUE - timedelta(days=1)
        with freeze_time(day):
            today = fields.Date.context_today(self.Installment)
            stale, _more = self.Installment._crm_reminder_candidates(today, limit=500)
            self.assertEqual(
                sorted(pid for pid, _key in stale if pid in insts.ids),
                sorted(insts.ids),
            )
            self.Installment._cron_send_reminders()
            activities = insts.activity_ids
            self.assertEqual(len(activities), 3)
            self.Installment._crm_send_installment_reminders(stale, today)
        insts.invalidate_recordset(["activity_ids"])
        self.assertEqual(insts.activity_ids, activities)
        self.assertEqual(len(self._sent(self.Reminder.search([]), insts)), 3)
        # and a rerun of the whole job finds nothing
        self.assertFalse(self._sent(self._run(day), insts))

    def test_activity_values(self):
        """The activity's document name and time zone are given, not recomputed,
        and right; the recipient does not follow the installment."""
        self.rep.tz = "Asia/Shanghai"
        inst = self._plan().installment_ids
        followers = inst.message_partner_ids
        sent = self._sent(self._run(DUE - timedelta(days=1)), inst)
        self.env.flush_all()
        self.env.invalidate_all()
        activity = sent.activity_id
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.res_model, inst._name)
        self.assertEqual(activity.res_name, inst.display_name)
        self.assertEqual(activity.user_tz, "Asia/Shanghai")
        self.assertEqual(activity.user_id, self.rep)
        self.assertIn(inst.partner_id.name, activity.summary)
        self.assertEqual(inst.message_partner_ids, followers)

    def test_amount_format_as_core(self):
        """The batch formatter writes amounts as format_amount() does."""
        inst = self._plan().installment_ids
        currencies = self.env.company.currency_id | self.env.ref("base.EUR")
        for lang in ("en_US", "zh_CN", "fr_FR"):
            self.env["res.lang"]._activate_lang(lang)
            env = self.env(context=dict(self.env.context, lang=lang))
            cache = {}
            for currency in currencies:
                for amount in (0.0, 5.5, -1234.5, 1234567.891):
                    with self.subTest(lang=lang, currency=currency.name, amount=amount):
                        self.assertEqual(
                            inst.with_env(env)._crm_format_amount(
                                amount, currency, cache
                            ),
                            format_amount(env, amount, currency),
                        )

    def test_texts_in_recipient_language(self):
        """Each recipient reads the reminder in their own language, whoever runs
        the job."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.sales_admin.lang = "zh_CN"
        self.director.lang = "en_US"
        self.rep.lang = "zh_CN"
        contract = self._plan(date_end=DUE + timedelta(days=60))
        inst = contract.installment_ids
        logged = self._run(DUE + timedelta(days=30))
        sent = self._sent(logged, inst)
        summaries = {
            r.user_id: r.activity_id.summary
            for r in sent.filtered(lambda r: r.key == "overdue_all")
        }
        self.assertTrue(summaries[self.director].startswith("Escalation"))
        self.assertTrue(summaries[self.sales_admin].startswith("逾期升级"))
        self.assertIn(contract.name, summaries[self.sales_admin])
        # the renewal reminder too, in its owner's language
        renewal = logged.filtered(
            lambda r: r.res_model == "crm.contract" and r.res_id == contract.id
        )
        self.assertEqual(renewal.user_id, self.rep)
        self.assertNotIn("Renew", renewal.activity_id.summary)
        self.assertIn(contract.name, renewal.activity_id.summary)
