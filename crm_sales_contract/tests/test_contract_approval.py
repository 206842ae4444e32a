from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ContractCommon


@tagged("post_install", "-at_install")
class TestContractApproval(ContractCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product.crm_floor_price = 80.0

    def _activities(self, record, user):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("user_id", "=", user.id),
            ]
        )

    def test_price_at_floor_confirms_directly(self):
        contract = self._contract(lines=((1.0, 80.0),))
        self.assertFalse(contract.needs_approval)
        contract.action_confirm()
        self.assertEqual(contract.state, "confirmed")

    def test_below_floor_needs_approval(self):
        contract = self._contract(lines=((1.0, 79.99),))
        self.assertTrue(contract.needs_approval)
        self.assertIn("floor price", contract.approval_reason)
        with self.assertRaisesRegex(UserError, "needs approval"):
            contract.action_confirm()
        # a discount that takes the net price below the floor counts too
        discounted = self._contract(lines=((1.0, 100.0),))
        discounted.line_ids.discount = 25.0
        self.assertTrue(discounted.needs_approval)

    def test_submit_approve(self):
        contract = self._contract(lines=((1.0, 70.0),))
        contract.action_submit()
        self.assertEqual(contract.state, "to_approve")
        self.assertEqual(contract.approver_id, self.mgr)
        self.assertEqual(len(self._activities(contract, self.mgr)), 1)
        # another salesperson cannot approve
        with self.assertRaises(AccessError):
            contract.with_user(self.rep2).action_approve()
        # the manager approves with a comment, through the wizard
        action = contract.with_user(self.mgr).action_approve()
        wizard = (
            self.env["crm.contract.approve"]
            .with_user(self.mgr)
            .with_context(**action["context"])
            .create({"comment": "OK for this key account"})
        )
        wizard.action_apply()
        self.assertEqual(contract.state, "confirmed")
        self.assertEqual(contract.approved_by_id, self.mgr)
        self.assertEqual(contract.approval_comment, "OK for this key account")
        self.assertFalse(self._activities(contract, self.mgr), "approval activity done")
        self.assertEqual(len(self._activities(contract, self.rep)), 1, "owner notified")

    def test_submit_reject(self):
        contract = self._contract(lines=((1.0, 70.0),))
        contract.action_submit()
        wizard = (
            self.env["crm.contract.approve"]
            .with_user(self.mgr)
            .create({"contract_id": contract.id, "decision": "reject", "comment": ""})
        )
        with self.assertRaises(UserError):
            wizard.action_apply()  # a rejection needs a comment
        wizard.comment = "Price too low"
        wizard.action_apply()
        self.assertEqual(contract.state, "draft")
        self.assertEqual(contract.approval_comment, "Price too low")
        notes = self._activities(contract, self.rep).mapped("note")
        self.assertTrue(any("Price too low" in (n or "") for n in notes))

    def test_threshold_amount(self):
        self.company.crm_contract_approval_amount = 500.0
        small = self._contract(lines=((5.0, 100.0),))
        self.assertFalse(small.needs_approval)
        big = self._contract(lines=((5.0, 100.01),))
        self.assertTrue(big.needs_approval)
        self.assertIn("above", big.approval_reason)

    def test_approver_falls_back_on_employee_manager(self):
        # the manager's own contract goes to the manager's manager (none in
        # department A: the department manager is themselves) -> sales admin
        boss = self.env["hr.employee"].create(
            {"name": "Boss", "user_id": self.sales_admin.id}
        )
        self.emp_mgr.parent_id = boss
        contract = self._contract(user=self.mgr, lines=((1.0, 10.0),))
        contract.action_submit()
        self.assertEqual(contract.approver_id, self.sales_admin)
        with self.assertRaises(AccessError):
            contract.with_user(self.mgr)._crm_approve("self-approval")
        contract.with_user(self.sales_admin)._crm_approve("fine")
        self.assertEqual(contract.state, "confirmed")
