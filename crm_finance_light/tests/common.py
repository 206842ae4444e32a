from datetime import date

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

FIN = "crm_finance_light.crm_finance_light_group_"
SALES = "crm_masterdata.crm_masterdata_group_sales_"


class FinanceCommon(BaseCommon):
    """One user per role in a small organisation:

    - department A, managed by ``mgr`` (sales Department level + edit within
      scope), with the salespeople ``rep`` and ``rep2`` (sales Own level);
    - department B with ``outsider`` (sales Own level);
    - ``clerk`` (finance All level + edit within scope: a finance clerk),
      ``cashier`` (finance Own level), ``fin_admin`` (finance Administrator).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.currency = cls.company.currency_id
        cls.company.write(
            {
                "crm_contract_approval_amount": 0.0,
                "crm_credit_hold_days": 0,
            }
        )
        cls.rep = new_test_user(
            cls.env, login="fin_rep", groups=SALES + "own", name="Rep"
        )
        cls.rep2 = new_test_user(
            cls.env, login="fin_rep2", groups=SALES + "own", name="Rep Two"
        )
        cls.mgr = new_test_user(
            cls.env,
            login="fin_mgr",
            groups=f"{SALES}department,{SALES}edit_scope",
            name="Sales Manager",
        )
        cls.outsider = new_test_user(
            cls.env, login="fin_outsider", groups=SALES + "own", name="Outsider"
        )
        cls.clerk = new_test_user(
            cls.env,
            login="fin_clerk",
            groups=f"{FIN}all,{FIN}edit_scope",
            name="Finance Clerk",
        )
        cls.cashier = new_test_user(
            cls.env, login="fin_cashier", groups=FIN + "own", name="Cashier"
        )
        cls.fin_admin = new_test_user(
            cls.env, login="fin_admin", groups=FIN + "manager", name="Finance Admin"
        )
        Department = cls.env["hr.department"]
        Employee = cls.env["hr.employee"]
        cls.dept_a = Department.create({"name": "FIN Sales A"})
        cls.dept_b = Department.create({"name": "FIN Sales B"})
        cls.emp_mgr = Employee.create(
            {
                "name": "Sales Manager",
                "user_id": cls.mgr.id,
                "department_id": cls.dept_a.id,
            }
        )
        cls.dept_a.manager_id = cls.emp_mgr
        cls.employees = {}
        for user, dept in (
            (cls.rep, cls.dept_a),
            (cls.rep2, cls.dept_a),
            (cls.outsider, cls.dept_b),
            (cls.clerk, cls.dept_b),
            (cls.cashier, cls.dept_b),
        ):
            cls.employees[user.login] = Employee.create(
                {
                    "name": user.name,
                    "user_id": user.id,
                    "department_id": dept.id,
                    "parent_id": cls.emp_mgr.id if dept == cls.dept_a else False,
                }
            )
        # the managers above set the parent of every member; restore the chain
        for user, emp in ((cls.outsider, None), (cls.clerk, None), (cls.cashier, None)):
            cls.employees[user.login].parent_id = emp
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {
                "name": "FIN Customer Rep",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": cls.rep.id,
            }
        )
        cls.customer2 = Partner.create(
            {
                "name": "FIN Customer Rep2",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": cls.rep2.id,
            }
        )
        cls.customer_out = Partner.create(
            {
                "name": "FIN Customer Outsider",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": cls.outsider.id,
            }
        )
        cls.supplier = Partner.create(
            {"name": "FIN Supplier", "is_company": True, "crm_is_supplier": True}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "FIN Widget", "list_price": 100.0, "standard_price": 60.0}
        )
        cls.env["product.supplierinfo"].create(
            [
                {
                    "partner_id": cls.supplier.id,
                    "product_tmpl_id": cls.product.product_tmpl_id.id,
                    "min_qty": 1,
                    "price": 55.0,
                },
                {
                    "partner_id": cls.supplier.id,
                    "product_tmpl_id": cls.product.product_tmpl_id.id,
                    "min_qty": 10,
                    "price": 50.0,
                },
            ]
        )
        cls.method_bank = cls.env["crm.payment.method"].create(
            {"name": "FIN Bank", "code": "FINB", "kind": "bank"}
        )
        cls.method_cash = cls.env["crm.payment.method"].create(
            {"name": "FIN Cash", "code": "FINC", "kind": "cash"}
        )
        cls.category_travel = cls.env["crm.expense.category"].create(
            {"name": "FIN Travel", "code": "FINT"}
        )
        cls.category_meals = cls.env["crm.expense.category"].create(
            {"name": "FIN Meals", "code": "FINM"}
        )
        cls.signed = date(2024, 3, 1)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @classmethod
    def _contract(
        cls,
        partner=None,
        user=None,
        prices=(100.0,),
        count=1,
        signed=None,
        interval=30,
        cost=None,
    ):
        """A confirmed contract of ``partner`` with one line per price
        (quantity 1) and ``count`` equal installments, the first due on the
        signing date, then every ``interval`` days."""
        partner = partner or cls.customer
        lines = []
        for price in prices:
            vals = {"product_id": cls.product.id, "quantity": 1.0, "price_unit": price}
            if cost is not None:
                vals["cost_unit"] = cost
            lines.append(Command.create(vals))
        contract = cls.env["crm.contract"].create(
            {
                "partner_id": partner.id,
                "user_id": (user or partner.user_id).id,
                "date_signed": signed or cls.signed,
                "line_ids": lines,
            }
        )
        contract._crm_generate_installments(count=count, interval_days=interval)
        contract.action_confirm()
        return contract

    @classmethod
    def _receipt(cls, partner=None, amount=100.0, day=None, method=None, **vals):
        values = {
            "partner_id": (partner or cls.customer).id,
            "amount": amount,
            "date": day or cls.signed,
            "payment_method_id": (method or cls.method_bank).id,
        }
        values.update(vals)
        return cls.env["crm.receipt"].create(values)

    @classmethod
    def _allocate(cls, receipt, installment, amount):
        """Allocate by hand; a refused allocation leaves nothing behind."""
        with cls.env.cr.savepoint():
            return cls.env["crm.receipt.allocation"].create(
                {
                    "receipt_id": receipt.id,
                    "installment_id": installment.id,
                    "amount": amount,
                }
            )
