from odoo.tests import HttpCase, tagged

from odoo.addons.crm_customer.tests.examples_common import ExamplesMixin

from .common import ContractCommon


@tagged("post_install", "-at_install")
class TestContractScriptsMore(ExamplesMixin, ContractCommon, HttpCase):
    """``crm.contract.crm_credit_override`` and ``crm.contract.crm_cancel``
    over XML-RPC: the Credit Limit Exceeded and Cancel wizards' code and
    checks in one call, returning data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.rep, cls.rep2, cls.mgr, cls.controller, cls.sales_admin):
            cls._script_user(user)
        (cls.customer | cls.customer_controller).write(
            {"crm_credit_policy": "limit", "crm_credit_limit": 1000.0}
        )

    def _over_limit(self, user, partner):
        """A draft contract of ``user`` that takes ``partner`` over its
        credit limit (900 already owed, 200 more)."""
        self._confirmed(user=user, partner=partner, lines=((1.0, 900.0),))
        contract = self._contract(user=user, partner=partner, lines=((1.0, 200.0),))
        contract._crm_generate_installments(count=1)
        return contract.with_env(self.env)

    # ------------------------------------------------------------ credit
    def test_credit_override_returns_the_state(self):
        contract = self._over_limit(self.controller, self.customer_controller)
        # the button asks a credit controller for a reason (a window)...
        action = self.rpc(
            self.controller, "crm.contract", "action_confirm", [contract.id]
        )
        self.assertEqual(action["res_model"], "crm.contract.credit.override")
        self.assertEqual(contract.state, "draft")
        # ...which the script gives in one call
        result = self.rpc(
            self.controller,
            "crm.contract",
            "crm_credit_override",
            [contract.id],
            reason="Pays every month on time",
        )
        self.assertEqual(
            result,
            {
                "id": contract.id,
                "name": contract.name,
                "state": "confirmed",
                "credit_override_reason": "Pays every month on time",
                "message": f"{contract.name} confirmed.",
            },
        )
        self.assertEqual(contract.state, "confirmed")
        self.assertEqual(contract.credit_override_reason, "Pays every month on time")
        self.assertIn(
            "Pays every month on time", " ".join(contract.message_ids.mapped("body"))
        )

    def test_credit_override_submit(self):
        self.product.crm_floor_price = 250.0  # below the floor: needs approval
        contract = self._over_limit(self.controller, self.customer_controller)
        self.assertTrue(contract.needs_approval)
        result = self.rpc(
            self.controller,
            "crm.contract",
            "crm_credit_override",
            [contract.id],
            reason="Strategic customer",
            next_step="submit",
        )
        self.assertEqual(result["state"], "to_approve")
        self.assertEqual(contract.state, "to_approve")
        self.assertEqual(contract.credit_override_reason, "Strategic customer")

    def test_credit_override_refusals(self):
        mine = self._over_limit(self.controller, self.customer_controller)
        reps = self._over_limit(self.rep, self.customer)
        rows = [
            # label, caller, contract, kwargs, fault code
            ("a salesperson", self.rep, reps, {"reason": "please"}, 4),
            (
                "a context key is no permission",
                self.rep,
                reps,
                {
                    "reason": "please",
                    "context": {"crm_credit_override_reason": "please"},
                },
                4,
            ),
            ("a manager without the group", self.mgr, reps, {"reason": "x"}, 4),
            ("no reason", self.controller, mine, {"reason": ""}, 2),
            ("a blank reason", self.controller, mine, {"reason": "   "}, 2),
            ("a contract out of scope", self.controller, reps, {"reason": "x"}, 4),
        ]
        for label, user, contract, kwargs, code in rows:
            with self.subTest(label):
                fault = self.assertRefused(
                    label,
                    user,
                    "crm.contract",
                    "crm_credit_override",
                    [contract.id],
                    **kwargs,
                )
                self.assertEqual(fault.faultCode, code, fault.faultString)
        self.assertEqual((mine | reps).mapped("state"), ["draft", "draft"])
        self.assertFalse(any((mine | reps).mapped("credit_override_reason")))

    # ------------------------------------------------------------ cancel
    def test_cancel_returns_the_state(self):
        contract = self._confirmed(user=self.rep, lines=((1.0, 300.0),), count=3)
        result = self.rpc(
            self.rep,
            "crm.contract",
            "crm_cancel",
            [contract.id],
            reason="Customer went bankrupt",
        )
        self.assertEqual(
            result,
            {
                "id": contract.id,
                "name": contract.name,
                "state": "cancelled",
                "message": f"{contract.name} cancelled.",
            },
        )
        self.assertEqual(contract.state, "cancelled")
        self.assertEqual(contract.cancel_reason, "Customer went bankrupt")
        self.assertEqual(set(contract.installment_ids.mapped("state")), {"cancelled"})
        self.assertIn(
            "Customer went bankrupt", " ".join(contract.message_ids.mapped("body"))
        )
        # a manager, within their scope
        other = self._contract(user=self.rep)
        result = self.rpc(
            self.mgr, "crm.contract", "crm_cancel", [other.id], reason="x"
        )
        self.assertEqual(result["state"], "cancelled")

    def test_cancel_refusals(self):
        contract = self._confirmed(user=self.rep)
        done = self._confirmed(user=self.rep)
        done.action_done()
        rows = [
            # label, caller, contract, kwargs, fault code
            ("another salesperson's", self.rep2, contract, {"reason": "x"}, 4),
            ("no reason", self.rep, contract, {"reason": ""}, 2),
            ("a blank reason", self.rep, contract, {"reason": "  "}, 2),
            ("a done contract", self.rep, done, {"reason": "x"}, 2),
            (
                "a context key is no permission",
                self.rep2,
                contract,
                {"reason": "x", "context": {"crm_contract_cancel": True}},
                4,
            ),
        ]
        for label, user, record, kwargs, code in rows:
            with self.subTest(label):
                fault = self.assertRefused(
                    label, user, "crm.contract", "crm_cancel", [record.id], **kwargs
                )
                self.assertEqual(fault.faultCode, code, fault.faultString)
        self.assertEqual(contract.state, "confirmed")
        self.assertFalse(contract.cancel_reason)
        self.assertEqual(done.state, "done")
        # cancelled once: not twice
        self.rpc(self.rep, "crm.contract", "crm_cancel", [contract.id], reason="x")
        self.assertRefused(
            "twice", self.rep, "crm.contract", "crm_cancel", [contract.id], reason="y"
        )
        self.assertEqual(contract.cancel_reason, "x")

    # ------------------------------------------------------------ language
    def test_errors_in_the_callers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "crm_sales_contract")]
        )._update_translations(["zh_CN"], overwrite=True)
        contract = self._confirmed(user=self.rep)
        reps = self._over_limit(self.rep, self.customer)
        zh = {"lang": "zh_CN"}
        rows = [
            (self.rep, "crm_cancel", contract, {"reason": ""}, "请填写取消原因。"),
            (
                self.rep,
                "crm_credit_override",
                reps,
                {"reason": "x"},
                "只有信用管理人员可以特批超出信用额度。",
            ),
        ]
        for user, method, record, kwargs, message in rows:
            with self.subTest(method):
                fault = self.assertRefused(
                    method,
                    user,
                    "crm.contract",
                    method,
                    [record.id],
                    context=zh,
                    **kwargs,
                )
                self.assertIn(message, fault.faultString)
                fault = self.assertRefused(
                    method, user, "crm.contract", method, [record.id], **kwargs
                )
                self.assertNotIn(message, fault.faultString)
        # the chatter note is in the company's language, not the caller's
        result = self.rpc(
            self.rep,
            "crm.contract",
            "crm_cancel",
            [contract.id],
            reason="没有预算",
            context=zh,
        )
        self.assertEqual(result["state"], "cancelled")
        self.assertIn("已取消", result["message"])
