from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

G = "crm_masterdata.crm_masterdata_group_sales_"


class CustomerCommon(BaseCommon):
    """An organisation, one user per role, one customer (with a contact) per
    salesperson, a pool customer and a supplier that is not a customer.

    Sales division (diva: Department tree + edit within scope)
      ├── Sales 1 (mgr1: Department + edit within scope)
      │     lead (Subordinates) ── rep1, rep2 (Own)
      └── Sales 2: rep3 (Own)
    Ops: ops (Own)
    director (All), admin (sales Administrator), outsider (internal user
    outside the suite).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Dept = cls.env["hr.department"]
        cls.div_sales = Dept.create({"name": "Sales division"})
        cls.dept_s1 = Dept.create({"name": "Sales 1", "parent_id": cls.div_sales.id})
        cls.dept_s2 = Dept.create({"name": "Sales 2", "parent_id": cls.div_sales.id})
        cls.dept_ops = Dept.create({"name": "Ops"})
        edit = "crm_masterdata.crm_masterdata_group_sales_edit_scope"
        people = [
            # key, groups, department, manager
            ("director", G + "all", cls.div_sales, None),
            ("admin", G + "manager", cls.div_sales, None),
            ("diva", f"{G}department_tree,{edit}", cls.div_sales, "director"),
            ("mgr1", f"{G}department,{edit}", cls.dept_s1, "diva"),
            ("lead", G + "subordinates", cls.dept_s1, "mgr1"),
            ("rep1", G + "own", cls.dept_s1, "lead"),
            ("rep2", G + "own", cls.dept_s1, "lead"),
            ("rep3", G + "own", cls.dept_s2, "diva"),
            ("ops", G + "own", cls.dept_ops, None),
        ]
        cls.users, cls.employees = {}, {}
        for key, groups, dept, manager in people:
            user = new_test_user(
                cls.env,
                login=f"cust_{key}",
                password=f"cust_{key}_pw",
                groups=f"base.group_user,{groups}",
                name=f"Cust {key}",
                lang="en_US",
            )
            cls.users[key] = user
            cls.employees[key] = cls.env["hr.employee"].create(
                {
                    "name": f"Cust {key}",
                    "user_id": user.id,
                    "department_id": dept.id,
                    "parent_id": manager and cls.employees[manager].id,
                }
            )
        cls.div_sales.manager_id = cls.employees["diva"]
        cls.dept_s1.manager_id = cls.employees["mgr1"]
        for key, _groups, _dept, manager in people:
            cls.employees[key].parent_id = manager and cls.employees[manager]
        cls.users["outsider"] = new_test_user(
            cls.env,
            login="cust_outsider",
            password="cust_outsider_pw",
            groups="base.group_user",
            name="Cust outsider",
            lang="en_US",
        )

        Partner = cls.env["res.partner"]
        cls.customers, cls.contacts = {}, {}
        for key in ("rep1", "rep2", "rep3", "lead", "ops"):
            cls.customers[key] = Partner.create(
                {
                    "name": f"Customer of {key} Ltd",
                    "is_company": True,
                    "crm_is_customer": True,
                    "user_id": cls.users[key].id,
                    "phone": f"021-5555 00{len(cls.customers)}",
                    "child_ids": [
                        Command.create(
                            {"name": f"Contact of {key}", "mobile": "13800000000"}
                        )
                    ],
                }
            )
            cls.contacts[key] = cls.customers[key].child_ids
        cls.pool = Partner.create(
            {
                "name": "Pool Customer Ltd",
                "is_company": True,
                "crm_is_customer": True,
                "phone": "020-3888 7777",
                "email": "pool@example.com",
                "street": "1 Pool Road",
                "child_ids": [
                    Command.create({"name": "Pool Contact", "mobile": "13900000000"})
                ],
            }
        )
        cls.pool_contact = cls.pool.child_ids
        cls.supplier = Partner.create(
            {
                "name": "Supplier Ltd",
                "is_company": True,
                "user_id": cls.users["rep3"].id,
                "child_ids": [Command.create({"name": "Supplier Contact"})],
            }
        )
        cls.supplier_contact = cls.supplier.child_ids
        cls.all_partners = (
            Partner.concat(*cls.customers.values())
            | Partner.concat(*cls.contacts.values())
            | cls.pool
            | cls.pool_contact
            | cls.supplier
            | cls.supplier_contact
        )

    def visible(self, key):
        """Names of the test partners the user ``key`` reads."""
        partners = (
            self.env["res.partner"]
            .with_user(self.users[key])
            .search([("id", "in", self.all_partners.ids)])
        )
        return set(partners.mapped("name"))

    def names(self, *keys):
        result = set()
        for key in keys:
            result |= {f"Customer of {key} Ltd", f"Contact of {key}"}
        return result
