import threading
import time

import psycopg2.errors

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests.common import BaseCase, get_db_name, tagged
from odoo.tools import SQL, mute_logger

CONCURRENCY_ERRORS = (
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.LockNotAvailable,
)
CLAIMS = 4


@tagged("post_install", "-at_install")
class TestClaimConcurrency(BaseCase):
    """Four claims of four pool accounts by the same salesperson, at the same
    time, each in its own transaction, with a cap of one customer: one goes
    through. The data is committed in setUpClass and deleted again in a class
    cleanup (Odoo's pattern for concurrency tests)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        cls.ids = {}
        cls.addClassCleanup(cls._cleanup)
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env["res.company"].create(
                {"name": "CUST Concurrency Co", "crm_customer_max_per_user": 1}
            )
            cls.ids["company"] = company.id
            user = (
                env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    {
                        "name": "CUST Concurrency Rep",
                        "login": "cust_concurrency_rep",
                        "company_id": company.id,
                        "company_ids": [(6, 0, company.ids)],
                        "groups_id": [
                            (4, env.ref("base.group_user").id),
                            (
                                4,
                                env.ref(
                                    "crm_masterdata.crm_masterdata_group_sales_own"
                                ).id,
                            ),
                        ],
                    }
                )
            )
            cls.ids["user"] = user.id
            cls.ids["user_partner"] = user.partner_id.id
            pool = env["res.partner"].create(
                [
                    {
                        "name": f"CUST Concurrency Pool {index}",
                        "is_company": True,
                        "crm_is_customer": True,
                        "company_id": company.id,
                    }
                    for index in range(CLAIMS)
                ]
            )
            cls.ids["pool"] = pool.ids

    @classmethod
    def _cleanup(cls):
        if "company" not in cls.ids:
            return
        with cls.registry.cursor() as cr:
            pool = tuple(cls.ids.get("pool") or [0])
            for model, res_ids in (
                ("res.partner", pool),
                ("res.users", (cls.ids.get("user") or 0,)),
            ):
                for table, column in (
                    ("mail_message", "model"),
                    ("mail_followers", "res_model"),
                ):
                    cr.execute(
                        SQL(
                            "DELETE FROM %s WHERE %s = %s AND res_id IN %s",
                            SQL.identifier(table),
                            SQL.identifier(column),
                            model,
                            res_ids,
                        )
                    )
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["res.partner"].browse(pool).unlink()
            if cls.ids.get("user"):
                env["res.users"].browse(cls.ids["user"]).unlink()
                env["res.partner"].browse(cls.ids["user_partner"]).unlink()
            env["res.company"].browse(cls.ids["company"]).unlink()

    def _claim(self, partner_id, barrier, results):
        try:
            with self.registry.cursor() as cr:
                # the test runner holds the registry lock: give the cursor its
                # transaction directly instead of looking the registry up
                cr.transaction = api.Transaction(self.registry)
                env = api.Environment(cr, self.ids["user"], {})
                partner = env["res.partner"].browse(partner_id)
                partner.fetch(["name"])  # the transaction's snapshot starts here
                barrier.wait()
                partner.action_claim()
                env.flush_all()
                time.sleep(0.3)  # hold the lock while the others wait
            results[partner_id] = "claimed"
        except UserError:
            results[partner_id] = "refused"
        except CONCURRENCY_ERRORS:
            results[partner_id] = "retry"
        except Exception as error:  # noqa: BLE001 - reported by the test
            results[partner_id] = repr(error)

    @mute_logger("odoo.sql_db")
    def test_parallel_claims_hold_the_cap(self):
        barrier = threading.Barrier(CLAIMS, timeout=10)
        results = {}
        threads = [
            threading.Thread(target=self._claim, args=(pid, barrier, results))
            for pid in self.ids["pool"]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertFalse([t for t in threads if t.is_alive()], "stuck threads")
        outcomes = list(results.values())
        self.assertEqual(outcomes.count("claimed"), 1, results)
        self.assertEqual(
            outcomes.count("refused") + outcomes.count("retry"), CLAIMS - 1, results
        )
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            owned = env["res.partner"].search_count(
                [("user_id", "=", self.ids["user"]), ("id", "in", self.ids["pool"])]
            )
            self.assertEqual(owned, 1)
            # Odoo retries a request that failed to serialise: the retry counts
            # the claim committed meanwhile and is refused
            loser = next(pid for pid, out in results.items() if out != "claimed")
            user_env = api.Environment(cr, self.ids["user"], {})
            with self.assertRaisesRegex(UserError, "at most 1"):
                user_env["res.partner"].browse(loser).action_claim()
            cr.rollback()
