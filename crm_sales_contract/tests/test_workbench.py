from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import ContractCommon


def tile(data, key):
    return next((t for t in data["tiles"] if t["key"] == key), None)


@tagged("post_install", "-at_install")
class TestContractWorkbench(ContractCommon):
    """The contract tiles count with the reader's own access: the reader's
    installments due this week and overdue, and 待我审批."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product.crm_floor_price = 80.0

    def data(self, user):
        return self.env["crm.workbench"].with_user(user).crm_workbench_data()

    def _installment(self, user, partner, due):
        signed = fields.Date.context_today(self.env["res.partner"]) - timedelta(days=30)
        contract = self._confirmed(user=user, partner=partner, date_signed=signed)
        installment = contract.installment_ids
        self.assertEqual(len(installment), 1)
        # the plan's date moved as the system would (not a user's write)
        installment.sudo().due_date = due
        return installment

    def test_installments_by_role(self):
        today = fields.Date.context_today(self.env["res.partner"])
        week_end = today + timedelta(days=6 - today.weekday())
        self._installment(self.rep, self.customer, week_end)
        self._installment(self.rep, self.customer, today - timedelta(days=3))
        self._installment(self.rep, self.customer, today - timedelta(days=1))
        self._installment(self.rep, self.customer, week_end + timedelta(days=1))
        self._installment(self.rep2, self.customer_rep2, today)
        week, overdue = (
            "crm_sales_contract.installments_week",
            "crm_sales_contract.installments_overdue",
        )
        data = self.data(self.rep)
        self.assertEqual(tile(data, week)["count"], 1)
        self.assertEqual(tile(data, overdue)["count"], 2)
        self.assertEqual(tile(data, overdue)["severity"], "danger")
        data = self.data(self.rep2)
        self.assertEqual(tile(data, week)["count"], 1)
        self.assertEqual(tile(data, overdue)["count"], 0)
        # the manager reads them all, but the tiles are the manager's own
        data = self.data(self.mgr)
        self.assertEqual(tile(data, week)["count"], 0)
        self.assertEqual(tile(data, overdue)["count"], 0)
        self.assertEqual(tile(self.data(self.outsider), overdue)["count"], 0)
        # the tile opens the list of exactly those, as the reader
        action = (
            self.env["crm.workbench"]
            .with_user(self.rep)
            .crm_workbench_action(tile(self.data(self.rep), overdue)["action"])
        )
        found = (
            self.env["crm.contract.installment"]
            .with_user(self.rep)
            .search(action["domain"])
        )
        self.assertEqual(len(found), 2)
        self.assertEqual(set(found.mapped("state")), {"overdue"})

    def test_approvals_by_role(self):
        contract = self._contract(lines=((1.0, 70.0),))
        contract.with_user(self.rep).action_submit()
        key = "crm_sales_contract.approvals"
        self.assertEqual(tile(self.data(self.mgr), key)["count"], 1)
        for user in (self.rep, self.rep2, self.director, self.sales_admin):
            self.assertEqual(tile(self.data(user), key)["count"], 0, user.login)
        # an ordinary to-do is not an approval
        contract.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.mgr.id, summary="Call"
        )
        self.assertEqual(tile(self.data(self.mgr), key)["count"], 1)
        action = (
            self.env["crm.workbench"]
            .with_user(self.mgr)
            .crm_workbench_action(tile(self.data(self.mgr), key)["action"])
        )
        self.assertEqual(action["res_model"], "mail.activity")
        self.assertEqual(
            self.env["mail.activity"]
            .with_user(self.mgr)
            .search(action["domain"])
            .res_id,
            contract.id,
        )
