"""Tours (desktop): the finance buttons say what happened, the expense
approval dialog keeps its comment, a statement's URL opens it again and it is
sent by e-mail."""

from datetime import date

from odoo.tests import HttpCase, tagged

from .common import FinanceCommon


@tagged("post_install", "-at_install")
class TestFinanceUi(FinanceCommon, HttpCase):
    def _customer(self, name):
        return self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "crm_is_customer": True,
                "user_id": self.rep.id,
                "email": "caiwu@example.com",
            }
        )

    def test_receipt_allocated_and_confirmed(self):
        customer = self._customer("巡检收款客户")
        contract = self._contract(partner=customer, prices=(300.0,), count=3)
        receipt = self._receipt(partner=customer, amount=250.0)
        self.start_tour(
            f"/odoo/action-crm_finance_light.crm_receipt_action/{receipt.id}",
            "crm_finance_receipt_tour",
            login="fin_clerk",
        )
        self.assertEqual(receipt.state, "confirmed")
        self.assertEqual(sum(contract.installment_ids.mapped("paid_amount")), 250.0)

    def test_expense_approved_with_a_comment(self):
        expense = (
            self.env["crm.expense"]
            .with_user(self.rep)
            .create(
                {
                    "description": "巡检出差",
                    "category_id": self.category_travel.id,
                    "amount": 88.0,
                    "payee_type": "other",
                    "payee_name": "铁路",
                }
            )
        )
        expense.action_submit()
        self.start_tour(
            f"/odoo/action-crm_finance_light.crm_expense_action/{expense.id}",
            "crm_finance_expense_tour",
            login="fin_mgr",
        )
        self.assertEqual(
            (expense.state, expense.approved_by_id), ("approved", self.mgr)
        )

    def test_statement_url_and_email(self):
        customer = self._customer("巡检对账客户")
        self._receipt(
            partner=customer,
            amount=120.0,
            day=date(2026, 12, 3),
            reference="巡检对账单号",
        ).action_confirm()
        statement = (
            self.env["crm.partner.statement"]
            .with_user(self.clerk)
            .create(
                {
                    "partner_id": customer.id,
                    "date_from": date(2026, 12, 1),
                    "date_to": date(2026, 12, 31),
                }
            )
        )
        self.start_tour(
            f"/odoo/action-crm_finance_light.crm_partner_statement_action/{statement.id}",
            "crm_finance_statement_tour",
            login="fin_clerk",
        )
        # the statement attached (a PDF outside tests: Odoo's test mode renders
        # reports as HTML; test_statement_print checks the real PDF)
        message = statement.message_ids.filtered(lambda m: m.attachment_ids)
        self.assertEqual(len(message), 1)
        self.assertIn("巡检对账客户", message.attachment_ids.name)


@tagged("post_install", "-at_install")
class TestFinancePhoneUi(FinanceCommon, HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_expense_approved_on_a_phone(self):
        expense = (
            self.env["crm.expense"]
            .with_user(self.rep)
            .create(
                {
                    "description": "巡检手机报销",
                    "category_id": self.category_travel.id,
                    "amount": 66.0,
                    "payee_type": "other",
                    "payee_name": "出租车",
                }
            )
        )
        expense.action_submit()
        self.start_tour(
            "/odoo/action-crm_finance_light.crm_expense_action_to_approve",
            "crm_finance_expense_phone_tour",
            login="fin_mgr",
        )
        self.assertEqual(expense.state, "approved")
        self.assertIn("手机上批准", " ".join(expense.message_ids.mapped("body")))

    def test_receipt_recorded_and_allocated_on_a_phone(self):
        customer = self.env["res.partner"].create(
            {
                "name": "巡检手机收款客户",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": self.rep.id,
            }
        )
        contract = self._contract(partner=customer, prices=(300.0,), count=3)
        # an earlier draft receipt: the list opens on its card
        self._receipt(partner=customer, amount=1.0)
        self.start_tour(
            "/odoo/action-crm_finance_light.crm_receipt_action",
            "crm_finance_receipt_phone_tour",
            login="fin_clerk",
        )
        receipt = self.env["crm.receipt"].search(
            [("partner_id", "=", customer.id), ("amount", "=", 250.0)]
        )
        self.assertEqual(receipt.state, "confirmed")
        self.assertEqual(sum(receipt.allocation_ids.mapped("amount")), 250.0)
        self.assertEqual(sum(contract.installment_ids.mapped("paid_amount")), 250.0)
