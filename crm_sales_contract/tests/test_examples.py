from odoo.tests import HttpCase, tagged

from odoo.addons.crm_customer.tests.examples_common import ExamplesMixin

from .common import ContractCommon


@tagged("post_install", "-at_install")
class TestContractExamples(ExamplesMixin, ContractCommon, HttpCase):
    """examples/contract_with_plan.py runs against this server;
    ``crm.contract.crm_generate_plan`` checks what the wizard checks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.rep, cls.rep2, cls.mgr):
            cls._script_user(user)

    def test_contract_with_plan_example(self):
        output = self.run_example(
            "crm_sales_contract",
            "contract_with_plan.py",
            self.rep,
            CRM_CUSTOMER_ID=self.customer.id,
            CRM_PRODUCT_ID=self.product.id,
        )
        contract = self.env["crm.contract"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(contract), 1)
        self.assertEqual(contract.state, "confirmed")
        self.assertEqual(contract.user_id, self.rep)
        self.assertEqual(contract.amount_total, 300.0)
        self.assertEqual(len(contract.installment_ids), 3)
        self.assertEqual(sum(contract.installment_ids.mapped("amount")), 300.0)
        self.assertIn(contract.name, output)
        self.assertIn("state: confirmed", output)

    def test_generate_plan_returns_the_installments(self):
        contract = self._contract(user=self.rep, lines=((1.0, 100.0),))
        plan = self.rpc(
            self.rep,
            "crm.contract",
            "crm_generate_plan",
            [contract.id],
            count=2,
            interval_days=10,
        )
        self.assertEqual(
            [(row["id"], row["amount"], row["due_date"]) for row in plan],
            [
                (inst.id, inst.amount, str(inst.due_date))
                for inst in contract.installment_ids
            ],
        )
        self.assertEqual([row["amount"] for row in plan], [50.0, 50.0])
        # the manager of the department may do it too (edits within scope)
        plan = self.rpc(self.mgr, "crm.contract", "crm_generate_plan", [contract.id])
        self.assertEqual(len(plan), 3)

    def test_generate_plan_refusals(self):
        contract = self._contract(user=self.rep)
        confirmed = self._contract(user=self.rep)
        confirmed._crm_generate_installments(count=1)
        confirmed.action_confirm()
        rows = [
            ("another salesperson's contract", self.rep2, contract, {}),
            ("a confirmed contract", self.rep, confirmed, {}),
            ("no installment", self.rep, contract, {"count": 0}),
        ]
        for label, user, record, kwargs in rows:
            with self.subTest(label):
                self.assertRefused(
                    label,
                    user,
                    "crm.contract",
                    "crm_generate_plan",
                    [record.id],
                    **kwargs,
                )
        self.assertFalse(contract.installment_ids)
        self.assertEqual(len(confirmed.installment_ids), 1)
        # the plan as data: only for who reads the contract
        self.assertEqual(
            len(self.rpc(self.rep, "crm.contract", "crm_installments", [confirmed.id])),
            1,
        )
        self.assertRefused(
            "read another's plan",
            self.rep2,
            "crm.contract",
            "crm_installments",
            [confirmed.id],
        )

    def test_approve_and_reject_return_data(self):
        self.product.crm_floor_price = 80.0
        first = self._contract(user=self.rep, lines=((1.0, 70.0),))
        second = self._contract(user=self.rep, lines=((1.0, 70.0),))
        for contract in first | second:
            contract._crm_generate_installments(count=1)
            contract.with_user(self.rep).action_submit()
        self.assertEqual(first.approver_id, self.mgr)
        rows = [
            ("the salesperson approves their own", self.rep, "crm_approve", first),
            ("another salesperson", self.rep2, "crm_approve", first),
            (
                "a draft contract",
                self.mgr,
                "crm_approve",
                self._contract(user=self.rep),
            ),
            ("reject without a reason", self.mgr, "crm_reject", second),
        ]
        for label, user, method, record in rows:
            with self.subTest(label):
                self.assertRefused(label, user, "crm.contract", method, [record.id])
        self.assertEqual((first | second).mapped("state"), ["to_approve"] * 2)
        result = self.rpc(self.mgr, "crm.contract", "crm_approve", [first.id])
        self.assertEqual(
            result, {"id": first.id, "name": first.name, "state": "confirmed"}
        )
        result = self.rpc(
            self.mgr, "crm.contract", "crm_reject", [second.id], comment="Price too low"
        )
        self.assertEqual(result["state"], second.state)
        self.assertNotEqual(second.state, "to_approve")
