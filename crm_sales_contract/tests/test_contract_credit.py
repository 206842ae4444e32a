from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ContractCommon


@tagged("post_install", "-at_install")
class TestContractCredit(ContractCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.customer | cls.customer_controller).write(
            {"crm_credit_policy": "limit", "crm_credit_limit": 1000.0}
        )
        cls.company.crm_credit_hold_days = 60

    def test_open_receivable(self):
        self.assertEqual(self.customer._crm_open_receivable(), 0.0)
        contract = self._confirmed(lines=((1.0, 800.0),), count=2)
        self.assertAlmostEqual(self.customer._crm_open_receivable(), 800.0)
        contract.installment_ids[0]._crm_apply_payment(150.0)
        self.assertAlmostEqual(self.customer._crm_open_receivable(), 650.0)
        # drafts are no receivable
        self._contract(lines=((1.0, 999.0),))
        self.assertAlmostEqual(self.customer._crm_open_receivable(), 650.0)

    def test_within_limit_confirms(self):
        self._confirmed(lines=((1.0, 600.0),))
        contract = self._contract(lines=((1.0, 400.0),))
        contract.action_confirm()
        self.assertEqual(contract.state, "confirmed")

    def test_over_limit_refused_with_figures(self):
        self._confirmed(lines=((1.0, 800.0),))
        contract = self._contract(lines=((1.0, 300.0),))
        with self.assertRaises(UserError) as ctx:
            contract.action_confirm()
        message = str(ctx.exception)
        for figure in ("1,000.00", "800.00", "300.00", "1,100.00", "100.00"):
            self.assertIn(figure, message)
        self.assertEqual(contract.state, "draft")
        # a salesperson cannot slip an override reason through the context
        as_rep = contract.with_user(self.rep)
        with self.assertRaises(UserError):
            as_rep.with_context(crm_credit_override_reason="please").action_confirm()
        self.assertEqual(contract.state, "draft")
        # nor call the override without the group
        with self.assertRaises(AccessError):
            as_rep._crm_override_credit("please")
        self.assertEqual(contract.state, "draft")
        self.assertFalse(contract.credit_override_reason)

    def test_policy_none_no_limit_check(self):
        self.customer.write({"crm_credit_policy": "none", "crm_credit_limit": 10.0})
        self._confirmed(lines=((1.0, 800.0),))
        contract = self._contract(lines=((1.0, 5000.0),))
        contract.action_confirm()
        self.assertEqual(contract.state, "confirmed")

    def test_policy_limit_zero_is_no_credit(self):
        self.customer.crm_credit_limit = 0.0
        contract = self._contract(lines=((1.0, 0.01),))
        with self.assertRaisesRegex(UserError, "no credit"):
            contract.action_confirm()
        self.assertEqual(contract.state, "draft")
        # an exact limit is fine, a cent more is not
        self.customer.crm_credit_limit = 0.01
        contract.action_confirm()
        self.assertEqual(contract.state, "confirmed")
        with self.assertRaisesRegex(UserError, "over the limit"):
            self._contract(lines=((1.0, 0.01),)).action_confirm()

    def test_policy_cash(self):
        self.customer.write({"crm_credit_policy": "cash", "crm_credit_limit": 0.0})
        # nothing owed, paid on signing: confirmed, whatever the amount
        first = self._confirmed(lines=((1.0, 5000.0),))
        self.assertEqual(first.state, "confirmed")
        # something still owed on another contract: refused
        contract = self._contract(lines=((1.0, 10.0),))
        with self.assertRaisesRegex(UserError, "cash only.*still owes"):
            contract.action_confirm()
        first.installment_ids._crm_apply_payment(5000.0)
        # paid: accepted, unless an installment is due after signing
        contract._crm_generate_installments(count=2)
        contract.installment_ids[1].trigger = "delivery"
        with self.assertRaisesRegex(UserError, "due on signing"):
            contract.action_confirm()
        contract.installment_ids[1].trigger = "signing"
        contract.action_confirm()
        self.assertEqual(contract.state, "confirmed")

    def test_override_with_reason(self):
        partner = self.customer_controller
        self._confirmed(user=self.controller, partner=partner, lines=((1.0, 900.0),))
        contract = self._contract(
            user=self.controller, partner=partner, lines=((1.0, 200.0),)
        )
        action = contract.with_user(self.controller).action_confirm()
        self.assertEqual(action["res_model"], "crm.contract.credit.override")
        self.assertEqual(contract.state, "draft")
        wizard = (
            self.env["crm.contract.credit.override"]
            .with_user(self.controller)
            .with_context(**action["context"])
            .create({"reason": "Guaranteed by the parent company"})
        )
        self.assertIn("1,100.00", wizard.problem)
        # a salesperson without the right cannot use the wizard
        with self.assertRaises(AccessError):
            wizard.with_user(self.rep).action_override()
        wizard.action_override()
        self.assertEqual(contract.state, "confirmed")
        self.assertEqual(
            contract.credit_override_reason, "Guaranteed by the parent company"
        )
        bodies = contract.message_ids.mapped("body")
        self.assertTrue(any("Guaranteed by the parent company" in b for b in bodies))

    def test_overdue_hold(self):
        # no credit check, the hold still applies (to every policy)
        self.customer.crm_credit_policy = "none"
        old = self._confirmed(
            lines=((1.0, 100.0),), date_signed=self.signed - timedelta(days=120)
        )
        old.installment_ids.due_date = self.signed - timedelta(days=65)
        old.installment_ids._crm_refresh_state()
        self.assertEqual(old.installment_ids.state, "overdue")
        contract = self._contract(lines=((1.0, 10.0),))
        for policy, limit in (("none", 0.0), ("limit", 1000000.0), ("cash", 0.0)):
            self.customer.write(
                {"crm_credit_policy": policy, "crm_credit_limit": limit}
            )
            with self.assertRaisesRegex(UserError, "overdue for more than 60 days"):
                contract.action_confirm()
        self.customer.crm_credit_policy = "none"
        # younger than the hold period: accepted
        old.installment_ids.due_date = self.signed - timedelta(days=55)
        contract.action_confirm()
        self.assertEqual(contract.state, "confirmed")
