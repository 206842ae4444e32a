from odoo_test_helper import FakeModelLoader

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

G = "crm_masterdata.crm_masterdata_group_sales_"


class ScopeCommon(BaseCommon):
    """A small organisation and one sample record per person.

    Company ── Sales division (head: diva, Department tree)
            │    ├── Sales 1 (manager: mgr1, Department; granted: Ops 1)
            │    │     lead (Subordinates) ── rep1, rep2 (Own)
            │    └── Sales 2: rep3 (Own, reports to diva)
            └── Ops division (manager: divb, Department)
                 ├── Ops 1: rep4 (Own, reports to divb)
                 └── Ops 2: (empty)
    director (All) manages the company department.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .scope_models import CrmScopeSample

        cls.loader.update_registry((CrmScopeSample,))
        cls.Sample = cls.env["crm.scope.sample"]
        cls._declare_rules()

        Dept = cls.env["hr.department"]
        cls.dept_company = Dept.create({"name": "Company"})
        cls.div_sales = Dept.create(
            {"name": "Sales division", "parent_id": cls.dept_company.id}
        )
        cls.div_ops = Dept.create(
            {"name": "Ops division", "parent_id": cls.dept_company.id}
        )
        cls.dept_s1 = Dept.create({"name": "Sales 1", "parent_id": cls.div_sales.id})
        cls.dept_s2 = Dept.create({"name": "Sales 2", "parent_id": cls.div_sales.id})
        cls.dept_o1 = Dept.create({"name": "Ops 1", "parent_id": cls.div_ops.id})
        cls.dept_o2 = Dept.create({"name": "Ops 2", "parent_id": cls.div_ops.id})

        cls.users = {}
        cls.employees = {}
        people = [
            # login, level, department, manager login
            ("director", "all", cls.dept_company, None),
            ("diva", "department_tree", cls.div_sales, "director"),
            ("divb", "department", cls.div_ops, "director"),
            ("mgr1", "department", cls.dept_s1, "diva"),
            ("lead", "subordinates", cls.dept_s1, "mgr1"),
            ("rep1", "own", cls.dept_s1, "lead"),
            ("rep2", "own", cls.dept_s1, "lead"),
            ("rep3", "own", cls.dept_s2, "diva"),
            ("rep4", "own", cls.dept_o1, "divb"),
        ]
        for login, level, dept, manager in people:
            user = new_test_user(
                cls.env, login=f"scope_{login}", groups=G + level, name=login
            )
            cls.users[login] = user
            cls.employees[login] = cls.env["hr.employee"].create(
                {
                    "name": login,
                    "user_id": user.id,
                    "department_id": dept.id,
                    "parent_id": manager and cls.employees[manager].id,
                }
            )
        cls.dept_company.manager_id = cls.employees["director"]
        cls.div_sales.manager_id = cls.employees["diva"]
        cls.div_ops.manager_id = cls.employees["divb"]
        cls.dept_s1.manager_id = cls.employees["mgr1"]
        # 纵横交错: mgr1 also answers for Ops 1, in the other division
        cls.users["mgr1"].crm_department_ids = [Command.link(cls.dept_o1.id)]
        # managers above set parent_id of the members without one; restore the chain
        for login, _level, _dept, manager in people:
            cls.employees[login].parent_id = manager and cls.employees[manager]

        cls.records = {
            login: cls.Sample.create({"name": f"of {login}", "user_id": user.id})
            for login, user in cls.users.items()
        }

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    @classmethod
    def _declare_rules(cls):
        """What an addon declares in XML for a model using the mixin."""
        model = cls.env["ir.model"]._get("crm.scope.sample")
        ref = cls.env.ref
        cls.env["ir.model.access"].create(
            {
                "name": "sample user",
                "model_id": model.id,
                "group_id": ref(G + "own").id,
                "perm_read": True,
                "perm_write": True,
                "perm_create": True,
                "perm_unlink": True,
            }
        )
        Rule = cls.env["ir.rule"]
        Rule.create(
            {
                "name": "sample: read within scope",
                "model_id": model.id,
                "domain_force": "user._crm_scope_domain('crm.scope.sample')",
                "groups": [Command.link(ref(G + "own").id)],
                "perm_write": False,
                "perm_create": False,
                "perm_unlink": False,
            }
        )
        Rule.create(
            {
                "name": "sample: edit own, or within scope",
                "model_id": model.id,
                "domain_force": "user._crm_scope_domain('crm.scope.sample', 'write')",
                "groups": [Command.link(ref(G + "own").id)],
                "perm_read": False,
            }
        )
        Rule.create(
            {
                "name": "sample: all",
                "model_id": model.id,
                "domain_force": "[(1, '=', 1)]",
                "groups": [Command.link(ref(G + "all").id)],
                "perm_write": False,
                "perm_create": False,
                "perm_unlink": False,
            }
        )
        Rule.create(
            {
                "name": "sample: administrator",
                "model_id": model.id,
                "domain_force": "[(1, '=', 1)]",
                "groups": [Command.link(ref(G + "manager").id)],
            }
        )
        Rule.create(
            {
                "name": "sample: multi-company",
                "model_id": model.id,
                "domain_force": "[('company_id', 'in', company_ids)]",
            }
        )

    # helpers -----------------------------------------------------------
    def visible(self, login):
        """Owners (logins) of the sample records ``login`` reads."""
        records = self.Sample.with_user(self.users[login]).search([])
        owners = {u.id: name for name, u in self.users.items()}
        return {owners[r.user_id.id] for r in records if r.user_id.id in owners}

    def set_edit_scope(self, login, value):
        group = self.env.ref(G + "edit_scope")
        self.users[login].groups_id = [
            Command.link(group.id) if value else Command.unlink(group.id)
        ]
