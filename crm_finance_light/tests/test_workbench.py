from odoo import fields
from odoo.tests import tagged

from .common import FinanceCommon


def figure(data, key):
    return next((f for f in data["figures"] if f["key"] == key), None)


@tagged("post_install", "-at_install")
class TestFinanceWorkbench(FinanceCommon):
    """The finance figures (collected this month, overdue amount) go to
    managers and finance, summed over what each reader can read."""

    COLLECTED = "crm_finance_light.collected_month"
    OVERDUE = "crm_finance_light.overdue_amount"

    def data(self, user):
        return self.env["crm.workbench"].with_user(user).crm_workbench_data()

    def figures(self, user):
        data = self.data(user)
        return tuple(
            (figure(data, key) or {}).get("value")
            for key in (self.COLLECTED, self.OVERDUE)
        )

    def test_figures_by_role(self):
        today = fields.Date.context_today(self.env["res.partner"])
        before = {
            u.login: self.figures(u) for u in (self.mgr, self.clerk, self.fin_admin)
        }
        # overdue installments (signed in 2024): 100 rep, 200 rep2, 400 outsider
        self._contract(self.customer, prices=(100.0,))
        self._contract(self.customer2, prices=(200.0,))
        self._contract(self.customer_out, prices=(400.0,))
        # receipts of this month: 30 rep, 50 rep2, 70 outsider; a draft and
        # one of last year are not counted
        for partner, amount in (
            (self.customer, 30.0),
            (self.customer2, 50.0),
            (self.customer_out, 70.0),
        ):
            self._receipt(partner, amount=amount, day=today).action_confirm()
        self._receipt(self.customer, amount=1000.0, day=today)
        self._receipt(
            self.customer, amount=2000.0, day=today.replace(year=today.year - 1)
        ).action_confirm()

        def delta(user):
            now = self.figures(user)
            return tuple(a - b for a, b in zip(now, before[user.login], strict=True))

        # the sales manager's department: rep and rep2
        self.assertEqual(delta(self.mgr), (80.0, 300.0))
        # the finance clerk (All) and the finance administrator: everything
        self.assertEqual(delta(self.clerk), (150.0, 700.0))
        self.assertEqual(delta(self.fin_admin), (150.0, 700.0))
        # salespeople and a cashier (own level) get no figure at all
        for user in (self.rep, self.rep2, self.outsider, self.cashier):
            self.assertEqual(self.figures(user), (None, None), user.login)
        # a user of the suite with no finance or sales scope beyond their own
        self.assertEqual(self.data(self.cashier)["figures"], [])
        # the figure opens the receipts it sums, as the reader
        spec = figure(self.data(self.mgr), self.COLLECTED)["action"]
        action = (
            self.env["crm.workbench"].with_user(self.mgr).crm_workbench_action(spec)
        )
        receipts = self.env["crm.receipt"].with_user(self.mgr).search(action["domain"])
        self.assertEqual(
            sorted(
                receipts.filtered(lambda r: r.partner_id.name.startswith("FIN")).mapped(
                    "amount"
                )
            ),
            [30.0, 50.0],
        )

    def test_currency_of_figures(self):
        data = self.data(self.clerk)
        found = figure(data, self.COLLECTED)
        self.assertEqual(found["kind"], "monetary")
        self.assertEqual(found["currency"]["symbol"], self.currency.symbol)
