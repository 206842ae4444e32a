import threading
from datetime import datetime, timedelta

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests.common import BaseCase, get_db_name, tagged
from odoo.tools import SQL, mute_logger

WORKERS = 2
DEADLINE = datetime(2019, 12, 31, 2, 0)


@tagged("post_install", "-at_install")
class TestDeadlineJobRace(BaseCase):
    """Two workers run the escalation job at the same time, each on its own
    connection and transaction (as two cron threads or two servers would):
    every escalation is sent once, one activity per key and recipient, and a
    rerun sends nothing. The request is committed in setUpClass, with a
    deadline in 2019 so that no other request is due at the time the job is
    run for, and deleted again in a class cleanup (crm_customer's pattern)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.ids = {}
        cls.addClassCleanup(cls._cleanup)
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create(
                {
                    "name": "SV Race Customer",
                    "is_company": True,
                    "crm_is_customer": True,
                }
            )
            cls.ids["partner"] = partner.id
            service_type = env.ref("crm_service.crm_service_type_remote")
            request = env["crm.service.request"].create(
                {
                    "title": "SV Race",
                    "partner_id": partner.id,
                    "type_id": service_type.id,
                    "user_id": env.ref("base.user_admin").id,
                }
            )
            cls.ids["request"] = request.id
            env.flush_all()
            cr.execute(
                SQL(
                    "UPDATE crm_service_request SET create_date = %s, deadline = %s"
                    " WHERE id = %s",
                    DEADLINE - timedelta(days=30),
                    DEADLINE,
                    request.id,
                )
            )
            # both escalations are due, the warning no longer is
            cls.now = DEADLINE + timedelta(hours=service_type.escalate_all_hours + 1)

    @classmethod
    def _cleanup(cls):
        if "request" not in cls.ids:
            return
        with cls.registry.cursor() as cr:
            request_id = cls.ids["request"]
            for table, column in (
                ("crm_reminder", "res_model"),
                ("mail_activity", "res_model"),
                ("mail_message", "model"),
                ("mail_followers", "res_model"),
            ):
                cr.execute(
                    SQL(
                        "DELETE FROM %s WHERE %s = 'crm.service.request'"
                        " AND res_id = %s",
                        SQL.identifier(table),
                        SQL.identifier(column),
                        request_id,
                    )
                )
            cr.execute(SQL("DELETE FROM crm_service_request WHERE id = %s", request_id))
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].browse(cls.ids["partner"])
            cr.execute(
                SQL(
                    "DELETE FROM mail_message"
                    " WHERE model = 'res.partner' AND res_id = %s",
                    partner.id,
                )
            )
            partner.unlink()

    def _run_job(self, barrier, results, index):
        try:
            with self.registry.cursor() as cr:
                # the test runner holds the registry lock: give the cursor its
                # transaction directly instead of looking the registry up
                cr.transaction = api.Transaction(self.registry)
                env = api.Environment(cr, SUPERUSER_ID, {})
                cr.execute("SELECT 1")  # the transaction's snapshot starts here
                barrier.wait()
                done = env["crm.service.request"]._cron_deadline_reminders(now=self.now)
                env.flush_all()
            results[index] = done
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            results[index] = "retry"
        except Exception as error:  # noqa: BLE001 - reported by the test
            results[index] = repr(error)

    def _log(self, env):
        return env["crm.reminder"].search(
            [
                ("res_model", "=", "crm.service.request"),
                ("res_id", "=", self.ids["request"]),
            ]
        )

    @mute_logger("odoo.sql_db")
    def test_two_workers_send_each_escalation_once(self):
        barrier = threading.Barrier(WORKERS, timeout=10)
        results = {}
        threads = [
            threading.Thread(target=self._run_job, args=(barrier, results, index))
            for index in range(WORKERS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertFalse([t for t in threads if t.is_alive()], "stuck threads")
        outcomes = sorted(results.values(), key=str)
        # one worker sends both escalations; the other one either saw them
        # committed or ends on the serialization error (the cron retries)
        self.assertIn(2, outcomes, results)
        self.assertTrue(all(o in (0, 2, "retry") for o in outcomes), results)
        self.assertEqual(outcomes.count(2), 1, results)
        with self.registry.cursor() as cr:
            cr.transaction = api.Transaction(self.registry)
            env = api.Environment(cr, SUPERUSER_ID, {})
            log = self._log(env)
            self.assertEqual(
                set(log.mapped("key")), {"overdue_manager", "overdue_all"}, log
            )
            pairs = [(entry.key, entry.user_id.id) for entry in log]
            self.assertEqual(len(pairs), len(set(pairs)))
            activities = env["mail.activity"].search(
                [
                    ("res_model", "=", "crm.service.request"),
                    ("res_id", "=", self.ids["request"]),
                ]
            )
            # one activity per key and recipient, each the log's
            self.assertEqual(len(activities), len(log))
            self.assertEqual(activities, log.activity_id)
            # a rerun, with a fresh snapshot, sends nothing
            self.assertEqual(
                env["crm.service.request"]._cron_deadline_reminders(now=self.now), 0
            )
            self.assertEqual(len(self._log(env)), len(log))
            cr.rollback()
