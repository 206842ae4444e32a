from datetime import datetime

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

SVC = "crm_service.crm_service_group_"
SALES = "crm_masterdata.crm_masterdata_group_sales_"


class ServiceCommon(BaseCommon):
    """One user per role in a small organisation:

    - the service department ``dept_svc``, managed by ``svc_mgr`` (service
      Department level + edit within scope), with the agents ``agent`` and
      ``agent2`` (service Own level, no sales role);
    - the department ``dept_other`` with ``outsider`` (service Own level);
    - ``svc_all`` (service All level), ``svc_admin`` (service Administrator);
    - ``rep`` (sales Own level, no service role), owner of ``customer``;
      ``rep2`` (sales Own), owner of ``customer2``;
    - ``nobody``: an internal user without any role in the suite.

    The company works on a calendar in Asia/Shanghai, 08:00-12:00 and
    13:00-17:00 from Monday to Friday.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Service Test Calendar",
                "tz": "Asia/Shanghai",
                "company_id": cls.company.id,
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"Day {day} {period}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for hour_from, hour_to, period in (
                        (8, 12, "morning"),
                        (13, 17, "afternoon"),
                    )
                ],
            }
        )
        cls.company.resource_calendar_id = cls.calendar

        def user(login, groups, name):
            return new_test_user(
                cls.env, login=login, password=login, groups=groups, name=name
            )

        cls.agent = user("svc_agent", SVC + "own", "Agent One")
        cls.agent2 = user("svc_agent2", SVC + "own", "Agent Two")
        cls.svc_mgr = user(
            "svc_mgr", f"{SVC}department,{SVC}edit_scope", "Service Manager"
        )
        cls.outsider = user("svc_outsider", SVC + "own", "Outsider")
        cls.svc_all = user("svc_all", SVC + "all", "Service Director")
        cls.svc_admin = user("svc_admin", SVC + "manager", "Service Admin")
        cls.rep = user("svc_rep", SALES + "own", "Sales Rep")
        cls.rep2 = user("svc_rep2", SALES + "own", "Sales Rep Two")
        cls.rep_agent = user(
            "svc_rep_agent", f"{SALES}own,{SVC}own", "Sales Rep and Agent"
        )
        cls.nobody = user("svc_nobody", "base.group_user", "Nobody")

        Department = cls.env["hr.department"]
        Employee = cls.env["hr.employee"]
        cls.dept_svc = Department.create({"name": "SV Service"})
        cls.dept_other = Department.create({"name": "SV Other"})
        cls.emp_mgr = Employee.create(
            {
                "name": "Service Manager",
                "user_id": cls.svc_mgr.id,
                "department_id": cls.dept_svc.id,
            }
        )
        cls.dept_svc.manager_id = cls.emp_mgr
        for member, dept in (
            (cls.agent, cls.dept_svc),
            (cls.agent2, cls.dept_svc),
            (cls.outsider, cls.dept_other),
            (cls.svc_all, cls.dept_other),
            (cls.rep, cls.dept_other),
            (cls.rep2, cls.dept_other),
            (cls.rep_agent, cls.dept_other),
        ):
            Employee.create(
                {
                    "name": member.name,
                    "user_id": member.id,
                    "department_id": dept.id,
                    "parent_id": cls.emp_mgr.id if dept == cls.dept_svc else False,
                }
            )
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {
                "name": "SV Customer",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": cls.rep.id,
                "phone": "021-5555-0101",
                "street": "1 Service Road",
            }
        )
        cls.contact = Partner.create(
            {
                "name": "SV Contact",
                "parent_id": cls.customer.id,
                "mobile": "13800000001",
            }
        )
        cls.customer2 = Partner.create(
            {
                "name": "SV Customer Two",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": cls.rep2.id,
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "SV Copier", "list_price": 1000.0}
        )
        cls.type_remote = cls.env.ref("crm_service.crm_service_type_remote")
        cls.type_complaint = cls.env.ref("crm_service.crm_service_type_complaint")

    @classmethod
    def _request(cls, user=None, **vals):
        """A new request accepted by ``user`` (created as that user)."""
        user = user or cls.agent
        values = {
            "title": "Printer jams",
            "partner_id": cls.customer.id,
            "type_id": cls.type_remote.id,
        }
        values.update(vals)
        return cls.env["crm.service.request"].with_user(user).create(values)

    @classmethod
    def _contract(cls, user=None, partner=None, price=5000.0):
        user = user or cls.rep
        contract = cls.env["crm.contract"].create(
            {
                "partner_id": (partner or cls.customer).id,
                "user_id": user.id,
                "line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "quantity": 1.0,
                            "price_unit": price,
                        }
                    )
                ],
            }
        )
        return contract

    @staticmethod
    def utc(*args):
        return datetime(*args)
