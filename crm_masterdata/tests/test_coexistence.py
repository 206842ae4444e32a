import os
from collections import defaultdict

from odoo.models import MAGIC_COLUMNS as models_magic_fields
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

# Fields of Odoo's models that the suite redefines on purpose (attributes of
# an existing field, never a new meaning): (model, field) -> why.
REDEFINED_FIELDS = {
    ("res.partner", "user_id"): "crm_customer indexes Odoo's salesperson column "
    "(index='btree_not_null') for the customer lists; its meaning is Odoo's",
}


def _inherits(cls):
    inherit = cls.__dict__.get("_inherit") or ()
    return [inherit] if isinstance(inherit, str) else list(inherit)


@tagged("post_install", "-at_install", "crm_coexistence")
class TestCoexistence(TransactionCase):
    """The suite's model names, fields, menus, groups, relation tables and
    sequence codes do not clash with those of the other installed addons
    (DESIGN.md: the suite installs beside Odoo's crm, sale, account, project
    and HR). It checks whatever is installed: in the coexistence run of
    ``./crm test`` that is Odoo's crm, sale_management, account, project,
    hr_expense and contacts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        root = os.path.dirname(get_module_path("crm_masterdata"))
        installed = cls.env["ir.module.module"].search([("state", "=", "installed")])
        cls.suite = {
            m.name
            for m in installed
            if (get_module_path(m.name) or "").startswith(root + os.sep)
        }
        cls.others = set(installed.mapped("name")) - cls.suite

    def _xmlid_modules(self, model):
        """{record id: {modules that declare it}} of ``model``'s records."""
        data = self.env["ir.model.data"].search([("model", "=", model)])
        modules = defaultdict(set)
        for row in data:
            modules[row.res_id].add(row.module)
        return modules

    def test_model_names(self):
        """No model is defined (``_name`` without ``_inherit`` of it) both by a
        suite addon and by another addon, and no two models share a table."""
        clashes = []
        tables = defaultdict(set)
        for name, model_class in self.env.registry.items():
            # the addons' own model classes (not the registry's classes)
            # that define the name rather than extend it
            defining = {
                cls.__dict__["_module"]
                for cls in model_class.__mro__
                if cls.__dict__.get("_module")
                and cls.__dict__.get("_register", True)
                and cls.__dict__.get("_name") == name
                and name not in _inherits(cls)
            }
            if defining & self.suite and defining - self.suite:
                clashes.append((name, sorted(defining)))
            if model_class._auto and not model_class._abstract:
                tables[model_class._table].add(name)
        self.assertFalse(clashes, "models defined by the suite and another addon")
        suite_models = {
            name
            for name, model_class in self.env.registry.items()
            if model_class._original_module in self.suite
        }
        shared = {
            t: sorted(m) for t, m in tables.items() if len(m) > 1 and m & suite_models
        }
        self.assertFalse(shared, "models sharing one table")

    def test_field_names(self):
        """A field the suite adds to another addon's model is its own: no
        other addon defines a field of that name, and the suite's names carry
        the ``crm_`` prefix; many2many relation tables are not shared."""
        clashes = []
        unprefixed = []
        relations = defaultdict(set)
        for name, model_class in self.env.registry.items():
            model_is_suite = model_class._original_module in self.suite
            for fname, field in model_class._fields.items():
                if field.inherited:
                    continue  # a field of the _inherits parent, checked there
                modules = set(field._modules or ())
                if field.type == "many2many" and field.store:
                    relations[field.relation].add(
                        (field.model_name, fname, tuple(sorted(modules)))
                    )
                if model_is_suite or not modules & self.suite:
                    continue
                if (name, fname) in REDEFINED_FIELDS:
                    continue
                if modules - self.suite:
                    clashes.append((name, fname, sorted(modules)))
                elif not fname.startswith("crm_"):
                    unprefixed.append((name, fname))
        self.assertFalse(clashes, "fields defined by the suite and another addon")
        self.assertFalse(unprefixed, "suite fields on shared models without crm_")
        shared = []
        for relation, users in relations.items():
            suite_users = {u for u in users if set(u[2]) & self.suite}
            other_users = {u for u in users if not set(u[2]) & self.suite}
            if suite_users and other_users:
                shared.append((relation, sorted(users)))
        self.assertFalse(shared, "relation tables of the suite used by others")

    def test_field_labels(self):
        """No field the suite adds to another addon's model has the label of
        one of that model's other fields (filters, exports and custom filters
        would show two "Credit Limit"; Odoo warns when loading)."""
        clashes = []
        for name, model_class in self.env.registry.items():
            if model_class._original_module in self.suite:
                continue
            labels = defaultdict(list)
            for fname, field in model_class._fields.items():
                if field.inherited or fname in models_magic_fields:
                    continue
                labels[field.string].append(field)
            for label, fields in labels.items():
                suite = [f for f in fields if set(f._modules or ()) & self.suite]
                if suite and len(fields) > 1:
                    clashes.append(
                        (name, label, [f"{f.name} ({f._module})" for f in fields])
                    )
        self.assertFalse(clashes, "suite fields labelled like others")

    def test_menus(self):
        """The suite's menus are not named like another addon's menu at the
        same place (same parent, or top level)."""
        modules = self._xmlid_modules("ir.ui.menu")
        menus = (
            self.env["ir.ui.menu"]
            .with_context(active_test=False, lang="en_US")
            .search([])
        )
        places = defaultdict(list)
        for menu in menus:
            places[(menu.parent_id.id, menu.name.strip().lower())].append(menu)
        clashes = []
        for (_parent, label), same in places.items():
            owners = [modules.get(m.id, set()) for m in same]
            suite = [m for m, o in zip(same, owners, strict=True) if o & self.suite]
            other = [m for m, o in zip(same, owners, strict=True) if o - self.suite]
            if suite and other:
                clashes.append((label, [m.complete_name for m in same]))
        self.assertFalse(clashes, "menus of the suite named like others")
        roots = self.env["ir.ui.menu"].search([("parent_id", "=", False)])
        suite_roots = roots.filtered(lambda m: modules.get(m.id, set()) & self.suite)
        self.assertTrue(suite_roots, "the suite has its own top-level menu")

    def test_groups_and_categories(self):
        """The suite's groups and their categories are told apart from every
        other addon's in the user form (full names differ)."""
        group_modules = self._xmlid_modules("res.groups")
        groups = self.env["res.groups"].with_context(lang="en_US").search([])
        names = defaultdict(list)
        for group in groups:
            names[group.full_name.strip().lower()].append(group)
        clashes = [
            (label, sorted(set().union(*(group_modules.get(g.id, set()) for g in gs))))
            for label, gs in names.items()
            if any(group_modules.get(g.id, set()) & self.suite for g in gs)
            and any(group_modules.get(g.id, set()) - self.suite for g in gs)
        ]
        self.assertFalse(clashes, "groups of the suite named like others")
        category_modules = self._xmlid_modules("ir.module.category")
        categories = (
            self.env["ir.module.category"].with_context(lang="en_US").search([])
        )
        labels = defaultdict(set)
        for category in categories:
            owners = category_modules.get(category.id, set())
            labels[(category.parent_id.id, category.name.strip().lower())] |= owners
        clashes = [
            label
            for label, owners in labels.items()
            if owners & self.suite and owners - self.suite - {"base"}
        ]
        self.assertFalse(clashes, "group categories of the suite named like others")

    def test_sequence_codes(self):
        """The suite's document numbers come from sequences of their own."""
        modules = self._xmlid_modules("ir.sequence")
        codes = defaultdict(set)
        for sequence in (
            self.env["ir.sequence"].with_context(active_test=False).search([])
        ):
            if sequence.code:
                codes[sequence.code] |= modules.get(sequence.id, {"(no xml id)"})
        clashes = {
            code: sorted(owners)
            for code, owners in codes.items()
            if owners & self.suite and owners - self.suite
        }
        self.assertFalse(clashes, "sequence codes of the suite used by others")
