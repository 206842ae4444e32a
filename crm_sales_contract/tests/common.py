from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

OWN = "crm_masterdata.crm_masterdata_group_sales_own"
DEPARTMENT = "crm_masterdata.crm_masterdata_group_sales_department"
EDIT_SCOPE = "crm_masterdata.crm_masterdata_group_sales_edit_scope"
ALL = "crm_masterdata.crm_masterdata_group_sales_all"
MANAGER = "crm_masterdata.crm_masterdata_group_sales_manager"
OVERRIDE = "crm_sales_contract.crm_sales_contract_group_credit_override"


class ContractCommon(BaseCommon):
    """One user per role in a small organisation:

    - department A, managed by ``mgr`` (Department level + edit within scope),
      with the salespeople ``rep`` and ``rep2`` (Own level);
    - department B with ``outsider`` (Own level);
    - ``director`` (All level, no edit right), ``sales_admin`` (Administrator),
      ``controller`` (Own level + credit override) in department A.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {
                "crm_contract_approval_amount": 0.0,
                "crm_reminder_days_before": 3,
                "crm_overdue_manager_days": 7,
                "crm_overdue_all_days": 30,
                "crm_renewal_days": 30,
                "crm_credit_hold_days": 0,
            }
        )
        cls.rep = new_test_user(
            cls.env, login="ct_rep", password="ct_rep_pw", groups=OWN, name="Rep One"
        )
        cls.rep2 = new_test_user(
            cls.env, login="ct_rep2", password="ct_rep2_pw", groups=OWN, name="Rep Two"
        )
        cls.mgr = new_test_user(
            cls.env,
            login="ct_mgr",
            password="ct_mgr_pw",
            groups=f"{DEPARTMENT},{EDIT_SCOPE}",
            name="Manager",
        )
        cls.outsider = new_test_user(
            cls.env,
            login="ct_outsider",
            password="ct_outsider_pw",
            groups=OWN,
            name="Outsider",
        )
        cls.director = new_test_user(
            cls.env,
            login="ct_director",
            password="ct_director_pw",
            groups=ALL,
            name="Director",
        )
        cls.sales_admin = new_test_user(
            cls.env,
            login="ct_admin",
            password="ct_admin_pw",
            groups=MANAGER,
            name="Sales Admin",
        )
        cls.controller = new_test_user(
            cls.env,
            login="ct_controller",
            password="ct_controller_pw",
            groups=f"{OWN},{OVERRIDE}",
            name="Controller",
        )
        Employee = cls.env["hr.employee"]
        Department = cls.env["hr.department"]
        cls.dept_a = Department.create({"name": "CT Sales A"})
        cls.dept_b = Department.create({"name": "CT Sales B"})
        cls.emp_mgr = Employee.create(
            {"name": "Manager", "user_id": cls.mgr.id, "department_id": cls.dept_a.id}
        )
        cls.dept_a.manager_id = cls.emp_mgr
        for user, dept in (
            (cls.rep, cls.dept_a),
            (cls.rep2, cls.dept_a),
            (cls.controller, cls.dept_a),
            (cls.outsider, cls.dept_b),
            (cls.director, cls.dept_b),
        ):
            Employee.create(
                {
                    "name": user.name,
                    "user_id": user.id,
                    "department_id": dept.id,
                    "parent_id": cls.emp_mgr.id if dept == cls.dept_a else False,
                }
            )
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {
                "name": "CT Customer Rep",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": cls.rep.id,
                "crm_receivable_days": 15,
            }
        )
        cls.customer_rep2 = Partner.create(
            {
                "name": "CT Customer Rep2",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": cls.rep2.id,
            }
        )
        cls.customer_outsider = Partner.create(
            {
                "name": "CT Customer Outsider",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": cls.outsider.id,
            }
        )
        cls.customer_controller = Partner.create(
            {
                "name": "CT Customer Controller",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": cls.controller.id,
            }
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "CT Widget",
                "list_price": 100.0,
                "standard_price": 60.0,
                "crm_floor_price": 0.0,
            }
        )
        cls.signed = fields.Date.context_today(cls.env["res.partner"])

    @classmethod
    def _contract(cls, user=None, partner=None, lines=((1.0, 100.0),), **vals):
        """A draft contract owned by ``user`` (created as that user)."""
        user = user or cls.rep
        partner = partner or cls.customer
        line_cmds = [
            (0, 0, {"product_id": cls.product.id, "quantity": qty, "price_unit": price})
            for qty, price in lines
        ]
        values = {
            "partner_id": partner.id,
            "user_id": user.id,
            "date_signed": cls.signed,
            "line_ids": line_cmds,
        }
        values.update(vals)
        return cls.env["crm.contract"].with_user(user).create(values)

    @classmethod
    def _confirmed(
        cls, user=None, partner=None, lines=((1.0, 100.0),), count=1, **vals
    ):
        contract = cls._contract(user=user, partner=partner, lines=lines, **vals)
        contract._crm_generate_installments(count=count)
        contract.action_confirm()
        return contract.with_env(cls.env)
