from datetime import timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..tools import split_equal, split_percentages
from .common import ContractCommon

TOTALS = st.decimals(min_value=Decimal("0"), max_value=Decimal("99999999.99"), places=2)


def cents(amount):
    return int((Decimal(str(amount)) * 100).to_integral_value())


@tagged("post_install", "-at_install")
class TestContractPlan(ContractCommon):
    # ------------------------------------------------------------------
    # pure arithmetic
    # ------------------------------------------------------------------
    def test_split_examples(self):
        self.assertEqual(split_equal(100, 3), [33.33, 33.33, 33.34])
        self.assertEqual(split_equal(0.02, 3), [0.0, 0.0, 0.02])
        self.assertEqual(
            split_percentages(1000.01, [30, 60, 10]), [300.0, 600.01, 100.0]
        )
        self.assertEqual(split_percentages(99.99, [50, 50]), [50.0, 49.99])
        with self.assertRaises(ValueError):
            split_equal(100, 0)
        with self.assertRaises(ValueError):
            split_percentages(-1, [100])

    @settings(max_examples=300, deadline=None, database=None, derandomize=True)
    @given(total=TOTALS, count=st.integers(min_value=1, max_value=60))
    def test_split_equal_property(self, total, count):
        amounts = split_equal(float(total), count)
        self.assertEqual(len(amounts), count)
        self.assertEqual(sum(cents(a) for a in amounts), cents(total))
        self.assertTrue(all(a >= 0 for a in amounts))
        # all equal but the last, which takes the remainder (less than count cents)
        self.assertEqual(len({cents(a) for a in amounts[:-1]}), min(1, count - 1))
        self.assertLess(cents(amounts[-1]) - cents(amounts[0]), count)

    @settings(max_examples=300, deadline=None, database=None, derandomize=True)
    @given(
        total=TOTALS,
        weights=st.lists(
            st.integers(min_value=0, max_value=1000), min_size=1, max_size=12
        ).filter(lambda w: sum(w) > 0),
    )
    def test_split_percentages_property(self, total, weights):
        # percentages with 2 decimals that add up to (about) 100
        percentages = [round(w * 100.0 / sum(weights), 2) for w in weights]
        amounts = split_percentages(float(total), percentages)
        self.assertEqual(len(amounts), len(percentages))
        self.assertEqual(sum(cents(a) for a in amounts), cents(total))
        self.assertTrue(all(a >= 0 for a in amounts))
        running = 0
        for amount, pct in zip(amounts[:-1], percentages[:-1], strict=True):
            # each but the last is its share rounded to the cent, never more,
            # and lowered only so that the running sum stays within the total
            share = float(total) * pct  # in cents
            self.assertLessEqual(cents(amount), round(share) + 1)
            self.assertLessEqual(abs(cents(amount) - share), len(percentages))
            running += cents(amount)
            self.assertLessEqual(running, cents(total))

    # ------------------------------------------------------------------
    # on contracts
    # ------------------------------------------------------------------
    def test_amounts_tax_included(self):
        contract = self._contract(lines=((2.0, 113.0), (1.0, 50.0)))
        contract.line_ids[0].tax_rate = 13.0
        contract.line_ids[1].discount = 10.0
        self.assertAlmostEqual(contract.line_ids[0].price_subtotal, 226.0)
        self.assertAlmostEqual(contract.line_ids[0].price_tax, 26.0)
        self.assertAlmostEqual(contract.line_ids[1].price_subtotal, 45.0)
        self.assertAlmostEqual(contract.amount_total, 271.0)
        self.assertAlmostEqual(contract.amount_tax, 26.0)
        self.assertAlmostEqual(contract.amount_untaxed, 245.0)
        # cost kept from the product at the time of sale
        self.assertAlmostEqual(contract.line_ids[0].cost_unit, 60.0)
        self.assertAlmostEqual(contract.cost_total, 180.0)

    def test_default_price_from_price_lookup(self):
        line = self.env["crm.contract.line"].new(
            {"contract_id": self._contract().id, "product_id": self.product.id}
        )
        expected = self.product._crm_get_sales_price(self.customer, quantity=1.0)
        self.assertAlmostEqual(line.price_unit, expected)
        self.assertAlmostEqual(line.cost_unit, self.product._crm_get_purchase_price())

    def test_number_per_kind(self):
        contract = self._contract()
        order = self._contract(kind="order")
        self.assertTrue(contract.name.startswith("HT"))
        self.assertTrue(order.name.startswith("XS"))
        self.assertNotEqual(contract.name, self._contract().name)

    def test_generate_from_template(self):
        template = self.env["crm.contract.plan.template"].create(
            {
                "name": "30/60/10",
                "line_ids": [
                    (0, 0, {"name": "Signing", "percentage": 30, "days": 0}),
                    (0, 0, {"name": "Delivery", "percentage": 60, "days": 30}),
                    (0, 0, {"name": "Acceptance", "percentage": 10, "days": 90}),
                ],
            }
        )
        contract = self._contract(lines=((1.0, 1000.01),))
        wizard = self.env["crm.contract.plan.generate"].create(
            {"contract_id": contract.id, "template_id": template.id}
        )
        self.assertEqual(wizard.method, "template")
        wizard.action_generate()
        inst = contract.installment_ids.sorted("sequence")
        self.assertEqual(inst.mapped("amount"), [300.0, 600.01, 100.0])
        # days 0 falls back on the customer's receivable days (15)
        self.assertEqual(
            inst.mapped("due_date"),
            [
                self.signed + timedelta(days=15),
                self.signed + timedelta(days=30),
                self.signed + timedelta(days=90),
            ],
        )
        self.assertAlmostEqual(sum(inst.mapped("percentage")), 100.0, places=2)

    def test_template_must_add_up(self):
        with self.assertRaises(ValidationError):
            self.env["crm.contract.plan.template"].create(
                {"name": "bad", "line_ids": [(0, 0, {"name": "a", "percentage": 90})]}
            )

    def test_generate_equal(self):
        contract = self._contract(lines=((1.0, 100.0),))
        contract._crm_generate_installments(count=3, interval_days=10)
        inst = contract.installment_ids.sorted("sequence")
        self.assertEqual(inst.mapped("amount"), [33.33, 33.33, 33.34])
        first = self.signed + timedelta(days=15)
        self.assertEqual(
            inst.mapped("due_date"),
            [first, first + timedelta(days=10), first + timedelta(days=20)],
        )

    @settings(max_examples=25, deadline=None, database=None, derandomize=True)
    @given(
        price=st.decimals(
            min_value=Decimal("0.01"), max_value=Decimal("999999.99"), places=2
        ),
        count=st.integers(min_value=1, max_value=24),
    )
    def test_generated_plan_confirms_property(self, price, count):
        """Whatever the total and the number of installments, a generated plan
        adds up to the total to the cent and the contract confirms."""
        contract = self._contract(lines=((1.0, float(price)),))
        contract._crm_generate_installments(count=count)
        self.assertEqual(len(contract.installment_ids), count)
        self.assertEqual(
            sum(cents(a) for a in contract.installment_ids.mapped("amount")),
            cents(contract.amount_total),
        )
        self.assertTrue(all(a >= 0 for a in contract.installment_ids.mapped("amount")))
        contract.action_confirm()
        self.assertEqual(contract.state, "confirmed")

    def test_confirm_plan_must_add_up(self):
        contract = self._contract(lines=((1.0, 100.0),))
        contract._crm_generate_installments(count=2)
        contract.installment_ids[0].amount = 40.0
        with self.assertRaisesRegex(ValidationError, "add up"):
            contract.action_confirm()
        self.assertEqual(contract.state, "draft")

    def test_confirm_without_plan_creates_one_installment(self):
        contract = self._contract(lines=((2.0, 100.0),))
        contract.action_confirm()
        self.assertEqual(contract.state, "confirmed")
        self.assertEqual(contract.installment_ids.mapped("amount"), [200.0])

    def test_confirmed_plan_stays_exact(self):
        contract = self._confirmed(lines=((1.0, 100.0),), count=2)
        first, second = contract.installment_ids.sorted("sequence")
        as_rep = contract.with_user(self.rep)
        # an installment on its own cannot change its amount, be added or be
        # removed once the contract is confirmed, whatever the context
        for context in ({}, {"crm_contract_plan_check": True}):
            with self.assertRaisesRegex(UserError, "Payment Plan tab"):
                first.with_user(self.rep).with_context(**context).amount = 10.0
            with self.assertRaisesRegex(UserError, "Payment Plan tab"):
                self.env["crm.contract.installment"].with_user(self.rep).with_context(
                    **context
                ).create(
                    {
                        "contract_id": contract.id,
                        "name": "extra",
                        "amount": 5.0,
                        "due_date": self.signed,
                    }
                )
            with self.assertRaisesRegex(UserError, "Payment Plan tab"):
                second.with_user(self.rep).with_context(**context).unlink()
        # moving money between installments through the contract is fine
        as_rep.write(
            {
                "installment_ids": [
                    (1, first.id, {"amount": 30.0}),
                    (1, second.id, {"amount": 70.0}),
                ]
            }
        )
        self.assertEqual(first.amount, 30.0)
        # (assertRaises, not assertRaisesRegex: the savepoint undoes the write)
        with self.assertRaises(ValidationError) as caught:
            as_rep.write({"installment_ids": [(1, first.id, {"amount": 31.0})]})
        self.assertIn("add up", str(caught.exception))
        # adding an installment that keeps the total is fine, one that does not
        # is refused (2,005 against a 2,000 total in the issue)
        with self.assertRaises(ValidationError) as caught:
            as_rep.write(
                {
                    "installment_ids": [
                        (0, 0, {"name": "x", "amount": 5.0, "due_date": self.signed})
                    ]
                }
            )
        self.assertIn("add up", str(caught.exception))
        as_rep.write(
            {
                "installment_ids": [
                    (1, second.id, {"amount": 60.0}),
                    (0, 0, {"name": "x", "amount": 10.0, "due_date": self.signed}),
                ]
            }
        )
        self.assertEqual(len(contract.installment_ids), 3)
        self.assertEqual(sum(contract.installment_ids.mapped("amount")), 100.0)
        # received amounts and cancellations do not go through the plan
        for vals in ({"paid_amount": 10.0}, {"is_cancelled": True}):
            with self.assertRaises(UserError):
                as_rep.write({"installment_ids": [(1, first.id, vals)]})
        # nor do installments of another contract
        other = self._confirmed(user=self.rep, lines=((1.0, 50.0),))
        with self.assertRaisesRegex(UserError, "its own installments"):
            as_rep.write(
                {"installment_ids": [(1, other.installment_ids.id, {"amount": 1.0})]}
            )
        with self.assertRaisesRegex(UserError, "its own installments"):
            as_rep.write({"installment_ids": [(4, other.installment_ids.id)]})
        # a done contract's plan is final
        contract.action_done()
        with self.assertRaisesRegex(UserError, "draft or confirmed"):
            as_rep.write({"installment_ids": [(1, first.id, {"name": "renamed"})]})

    def test_bad_input(self):
        with self.assertRaisesRegex(ValidationError, "negative"):
            self._contract(lines=((-1.0, 100.0),))
        with self.assertRaisesRegex(ValidationError, "negative"):
            self._contract(lines=((1.0, -5.0),))
        contract = self._contract()
        with self.assertRaisesRegex(ValidationError, "negative"):
            contract.line_ids.quantity = -2
        with self.assertRaisesRegex(ValidationError, "before the contract was signed"):
            self.env["crm.contract.installment"].create(
                {
                    "contract_id": contract.id,
                    "name": "early",
                    "amount": 100.0,
                    "due_date": self.signed - timedelta(days=1),
                }
            )
        with self.assertRaisesRegex(UserError, "no line"):
            self._contract(lines=()).action_confirm()

    def test_lines_locked_after_confirm(self):
        contract = self._confirmed()
        with self.assertRaises(UserError):
            contract.line_ids.quantity = 5
        with self.assertRaises(UserError):
            contract.write({"partner_id": self.customer_rep2.id})
