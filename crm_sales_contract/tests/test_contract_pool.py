from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ContractCommon


@tagged("post_install", "-at_install")
class TestContractPool(ContractCommon):
    """A pool customer is claimed before a contract is made for it, and a
    confirmed contract counts as a follow-up of its customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool_customer = cls.env["res.partner"].create(
            {"name": "CT Pool Customer", "is_company": True, "crm_is_customer": True}
        )

    def test_pool_customer_claimed_first(self):
        self.assertTrue(self.pool_customer.crm_is_pool)
        with self.assertRaisesRegex(UserError, "claim the customer first"):
            self._contract(partner=self.pool_customer)
        draft = self._contract()
        with self.assertRaisesRegex(UserError, "claim the customer first"):
            draft.with_user(self.rep).write({"partner_id": self.pool_customer.id})
        # claimed: the contract is made
        self.pool_customer.with_user(self.rep).action_claim()
        self.assertFalse(self.pool_customer.crm_is_pool)
        contract = self._contract(partner=self.pool_customer)
        self.assertEqual(contract.partner_id, self.pool_customer)
        # back in the pool before the confirmation: claim it again first
        self.pool_customer.user_id = False
        self.assertTrue(self.pool_customer.crm_is_pool)
        with self.assertRaisesRegex(UserError, "claim the customer first"):
            contract.action_confirm()
        self.assertEqual(contract.state, "draft")

    def test_confirmation_is_a_follow_up(self):
        today = self.signed
        self.customer.crm_last_followup_date = today - timedelta(days=40)
        contract = self._contract()
        self.assertEqual(
            self.customer.crm_last_followup_date, today - timedelta(days=40)
        )
        contract.with_user(self.rep).action_confirm()
        self.assertEqual(self.customer.crm_last_followup_date, today)
        # through the approval too, on the commercial account of a contact
        self.customer_rep2.crm_last_followup_date = today - timedelta(days=10)
        contact = self.env["res.partner"].create(
            {"name": "CT Contact", "parent_id": self.customer_rep2.id}
        )
        self.product.crm_floor_price = 80.0
        contract = self._contract(
            user=self.rep2,
            partner=self.customer_rep2,
            lines=((1.0, 50.0),),
            contact_id=contact.id,
        )
        contract.with_user(self.rep2).action_submit()
        self.assertEqual(
            self.customer_rep2.crm_last_followup_date, today - timedelta(days=10)
        )
        contract.with_user(self.mgr)._crm_approve("fine")
        self.assertEqual(self.customer_rep2.crm_last_followup_date, today)

    def test_pool_return_keeps_active_customers(self):
        """crm_customer's automatic return keeps customers with an open
        installment or a contract confirmed in the last N days (company
        setting, 0: off)."""
        Partner = self.env["res.partner"]
        open_customer = self.customer
        self._confirmed(partner=open_customer)  # its installment is open
        recent = self.customer_rep2
        paid = self._confirmed(user=self.rep2, partner=recent)
        paid.installment_ids._crm_apply_payment(100.0)
        old = self.customer_controller
        paid_old = self._confirmed(user=self.controller, partner=old)
        paid_old.installment_ids._crm_apply_payment(100.0)
        paid_old.sudo().date_confirmed = self.signed - timedelta(days=31)
        idle = self.customer_outsider
        accounts = open_customer | recent | old | idle
        self.company.crm_pool_keep_recent_days = 0
        self.assertEqual(Partner._crm_pool_return_protected_ids(accounts), set())
        self.company.crm_pool_keep_recent_days = 30
        self.assertEqual(
            Partner._crm_pool_return_protected_ids(accounts),
            {open_customer.id, recent.id},
        )
        self.company.crm_pool_keep_recent_days = 31
        self.assertEqual(
            Partner._crm_pool_return_protected_ids(accounts),
            {open_customer.id, recent.id, old.id},
        )
        # the pool job itself: all four are due (no follow-up for 100 days);
        # only the active ones keep their owner
        self.company.crm_pool_keep_recent_days = 30
        ctype = self.env["crm.customer.type"].create(
            {"name": "CT Returning", "pool_return_days": 60}
        )
        long_ago = self.signed - timedelta(days=100)
        accounts.write(
            {
                "crm_customer_type_id": ctype.id,
                "crm_owner_date": long_ago,
                "crm_last_followup_date": long_ago,
            }
        )
        Partner._cron_return_to_pool()
        self.assertEqual(open_customer.user_id, self.rep)
        self.assertEqual(recent.user_id, self.rep2)
        self.assertFalse(old.user_id)
        self.assertFalse(idle.user_id)
        self.assertTrue(old.crm_is_pool)
