import threading
import time
from datetime import date

import psycopg2.errors

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.tests.common import BaseCase, get_db_name, tagged
from odoo.tools import SQL, mute_logger

CONCURRENCY_ERRORS = (
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.LockNotAvailable,
)


@tagged("post_install", "-at_install")
class TestAllocationConcurrency(BaseCase):
    """Two clerks confirm receipts that allocate the same installment at the
    same time, each in their own transaction. Odoo's own pattern for this
    (onboarding's concurrency test): the data is committed in setUpClass and
    deleted again in a class cleanup, so nothing is left behind."""

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
                    "name": "FIN Concurrency Customer",
                    "is_company": True,
                    "crm_is_customer": True,
                    # owned: a pool customer is claimed before a contract
                    "user_id": env.ref("base.user_admin").id,
                }
            )
            product = env["product.product"].create(
                {"name": "FIN Concurrency Widget", "list_price": 100.0}
            )
            method = env["crm.payment.method"].create(
                {"name": "FIN Concurrency Bank", "code": "FINCC"}
            )
            cls.ids.update(partner=partner.id, product=product.id, method=method.id)
            contract = env["crm.contract"].create(
                {
                    "partner_id": partner.id,
                    "date_signed": date.today(),
                    "line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": 1.0,
                                "price_unit": 100.0,
                            }
                        )
                    ],
                }
            )
            cls.ids["contract"] = contract.id
            contract._crm_generate_installments(count=1)
            contract.action_confirm()
            installment = contract.installment_ids
            cls.ids["installment"] = installment.id
            receipts = env["crm.receipt"]
            for _i in range(2):
                receipt = env["crm.receipt"].create(
                    {
                        "partner_id": partner.id,
                        "amount": 80.0,
                        "payment_method_id": method.id,
                    }
                )
                env["crm.receipt.allocation"].create(
                    {
                        "receipt_id": receipt.id,
                        "installment_id": installment.id,
                        "amount": 80.0,
                    }
                )
                receipts |= receipt
            cls.ids["receipts"] = receipts.ids

    @classmethod
    def _cleanup(cls):
        """Delete what setUpClass committed (confirmed documents are never
        deleted through the ORM, so plain SQL in dependency order)."""
        if "partner" not in cls.ids:
            return
        with cls.registry.cursor() as cr:
            receipts = tuple(cls.ids.get("receipts") or [0])
            contract = cls.ids.get("contract") or 0
            records = [
                ("crm.receipt", receipts),
                ("crm.contract", (contract,)),
                ("crm.contract.installment", (cls.ids.get("installment") or 0,)),
                ("res.partner", (cls.ids["partner"],)),
            ]
            for model, res_ids in records:
                cr.execute(
                    SQL(
                        "DELETE FROM mail_message WHERE model = %s AND res_id IN %s",
                        model,
                        res_ids,
                    )
                )
                cr.execute(
                    SQL(
                        "DELETE FROM mail_followers "
                        "WHERE res_model = %s AND res_id IN %s",
                        model,
                        res_ids,
                    )
                )
            cr.execute(SQL("DELETE FROM crm_receipt WHERE id IN %s", receipts))
            cr.execute(SQL("DELETE FROM crm_contract WHERE id = %s", contract))
            cr.execute(SQL("DELETE FROM res_partner WHERE id = %s", cls.ids["partner"]))
            cr.execute(
                SQL(
                    "DELETE FROM product_template WHERE id IN "
                    "(SELECT product_tmpl_id FROM product_product WHERE id = %s)",
                    cls.ids["product"],
                )
            )
            cr.execute(
                SQL("DELETE FROM crm_payment_method WHERE id = %s", cls.ids["method"])
            )

    def _confirm(self, receipt_id, barrier, results):
        try:
            with self.registry.cursor() as cr:
                # the test runner holds the registry lock: give the cursor its
                # transaction directly instead of looking the registry up
                cr.transaction = api.Transaction(self.registry)
                env = api.Environment(cr, SUPERUSER_ID, {})
                receipt = env["crm.receipt"].browse(receipt_id)
                receipt.fetch(
                    ["name", "state"]
                )  # the transaction's snapshot starts here
                barrier.wait()
                receipt.action_confirm()
                env.flush_all()
                time.sleep(0.5)  # hold the lock while the other clerk waits
            results[receipt_id] = "confirmed"
        except (ValidationError, UserError):
            results[receipt_id] = "refused"
        except CONCURRENCY_ERRORS:
            results[receipt_id] = "retry"
        except Exception as error:  # noqa: BLE001 - reported by the test
            results[receipt_id] = repr(error)

    @mute_logger("odoo.sql_db")
    def test_same_installment_is_never_over_allocated(self):
        first, second = self.ids["receipts"]
        barrier = threading.Barrier(2, timeout=10)
        results = {}
        threads = [
            threading.Thread(target=self._confirm, args=(rid, barrier, results))
            for rid in (first, second)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        alive = [t for t in threads if t.is_alive()]
        if alive:
            import sys
            import traceback

            frames = sys._current_frames()
            stacks = "\n".join(
                "".join(traceback.format_stack(frames[t.ident])) for t in alive
            )
            self.fail(f"stuck threads:\n{stacks}")
        self.assertEqual(
            sorted(results.values())[0],
            "confirmed",
            f"one receipt goes through: {results}",
        )
        self.assertEqual(list(results.values()).count("confirmed"), 1, results)
        loser = next(rid for rid, outcome in results.items() if outcome != "confirmed")
        self.assertIn(results[loser], ("refused", "retry"))
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            installment = env["crm.contract.installment"].browse(
                self.ids["installment"]
            )
            self.assertEqual(installment.paid_amount, 80.0)
            self.assertEqual(env["crm.receipt"].browse(loser).state, "draft")
            # Odoo retries a request that failed on a serialisation error: the
            # retry sees the first clerk's allocation and is refused clearly
            with self.assertRaisesRegex(ValidationError, "still open"):
                env["crm.receipt"].browse(loser).action_confirm()
            cr.rollback()
