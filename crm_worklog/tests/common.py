from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

WORK = "crm_worklog.crm_worklog_group_"
SALES = "crm_masterdata.crm_masterdata_group_sales_"


class WorkCommon(BaseCommon):
    """One user per Work role in a small organisation:

    - ``dept_east`` (Sales East) managed by ``mgr`` (Department level + edit
      within scope); ``lead`` (Own and Subordinates) in it under ``mgr``;
      ``own1`` (Own, also sales Own) reports to ``lead``; ``own2`` (Own)
      reports to ``mgr``;
    - ``dept_team`` (East Team, a sub-department of Sales East) with ``own3``
      (Own); ``director`` (Department tree) is a member of Sales East;
    - ``dept_other`` with ``outsider`` (Own) and ``all_user`` (All);
    - ``work_admin`` (Administrator); ``nobody``: an internal user without a
      role in the suite; ``rep_only``: sales Own, no Work role.

    ``customer`` belongs to ``own1`` (sales), ``customer_other`` to ``rep_only``.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company

        def user(login, groups, name):
            return new_test_user(
                cls.env,
                login=login,
                password=login,
                groups=groups,
                name=name,
                tz="Asia/Shanghai",
            )

        cls.mgr = user("wk_mgr", f"{WORK}department,{WORK}edit_scope", "East Manager")
        cls.lead = user("wk_lead", WORK + "subordinates", "East Lead")
        cls.own1 = user("wk_own1", f"{WORK}own,{SALES}own", "East One")
        cls.own2 = user("wk_own2", WORK + "own", "East Two")
        cls.own3 = user("wk_own3", WORK + "own", "Team Three")
        cls.director = user("wk_director", WORK + "department_tree", "East Director")
        cls.outsider = user("wk_outsider", WORK + "own", "Other Person")
        cls.all_user = user("wk_all", WORK + "all", "Work All")
        cls.work_admin = user("wk_admin", WORK + "manager", "Work Admin")
        cls.nobody = user("wk_nobody", "base.group_user", "Nobody")
        cls.rep_only = user("wk_rep", SALES + "own", "Sales Only")

        Department = cls.env["hr.department"]
        Employee = cls.env["hr.employee"]
        cls.dept_east = Department.create({"name": "WK Sales East"})
        cls.dept_team = Department.create(
            {"name": "WK East Team", "parent_id": cls.dept_east.id}
        )
        cls.dept_other = Department.create({"name": "WK Other"})
        cls.employees = {}

        def employee(member, dept, parent=None):
            cls.employees[member] = Employee.create(
                {
                    "name": member.name,
                    "user_id": member.id,
                    "department_id": dept.id,
                    "parent_id": parent and cls.employees[parent].id,
                }
            )

        employee(cls.mgr, cls.dept_east)
        cls.dept_east.manager_id = cls.employees[cls.mgr]
        employee(cls.lead, cls.dept_east, cls.mgr)
        employee(cls.own1, cls.dept_east, cls.lead)
        employee(cls.own2, cls.dept_east, cls.mgr)
        employee(cls.director, cls.dept_east)
        employee(cls.own3, cls.dept_team)
        employee(cls.outsider, cls.dept_other)
        employee(cls.all_user, cls.dept_other)

        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {
                "name": "WK Customer",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": cls.own1.id,
            }
        )
        cls.customer_other = Partner.create(
            {
                "name": "WK Other Customer",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": cls.rep_only.id,
            }
        )

    @classmethod
    def _task(cls, user, **vals):
        values = {"name": f"Task of {user.name}"}
        values.update(vals)
        return cls.env["crm.work.task"].with_user(user).create(values)

    @classmethod
    def _log(cls, user, **vals):
        values = {"kind": "daily", "done": "<p>Visited customers</p>"}
        values.update(vals)
        if "date" not in values:
            values["kind"] = values.get("kind", "daily")
        return cls.env["crm.work.log"].with_user(user).create(values)

    @staticmethod
    def link(records):
        return [Command.set(records.ids)]
