"""The trust rules of DESIGN.md for every client: protected fields change only
in the model's own methods, links need access to their target, suppliers and
distributors are master data, and no context key is a permission."""

from xmlrpc.client import Fault

from odoo_test_helper import FakeModelLoader

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

# every context key the suite's code reads or used to read as a switch
FORGED_CONTEXTS = [
    {},
    {"crm_payment_update": True},
    {"crm_expense_update": True},
    {"crm_voucher_update": True},
    {"crm_contract_plan_check": True},
    {"crm_credit_override_reason": "because"},
    {"crm_customer_import": True},
    {"crm_scope_implied": True},
    {"crm_reminder_no_follow": True},
    {"su": True, "sudo": True, "superuser": True},
]


@tagged("post_install", "-at_install", "crm_trust")
class TestTrust(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .trust_models import CrmTrustSample

        cls.loader.update_registry((CrmTrustSample,))
        model = cls.env["ir.model"]._get("crm.trust.sample")
        cls.env["ir.model.access"].create(
            {
                "name": "trust sample",
                "model_id": model.id,
                "group_id": cls.env.ref("base.group_user").id,
                "perm_read": True,
                "perm_write": True,
                "perm_create": True,
                "perm_unlink": True,
            }
        )
        # Contact Creation: Odoo's access rights let them write partners, so
        # the refusals below come from the suite's own checks
        cls.user = new_test_user(
            cls.env,
            login="trust_user",
            groups="crm_masterdata.crm_masterdata_group_sales_own,"
            "base.group_partner_manager",
        )
        cls.outsider = new_test_user(
            cls.env, login="trust_outsider", groups="base.group_user"
        )
        cls.md_admin = new_test_user(
            cls.env,
            login="trust_md_admin",
            groups="crm_masterdata.crm_masterdata_group_admin",
        )
        cls.warehouse = cls.env["crm.warehouse"].create(
            {"name": "Trust warehouse", "code": "TW"}
        )
        cls.reminder = cls.env["crm.reminder"].create(
            {
                "key": "trust-test",
                "res_model": "res.partner",
                "res_id": cls.env.user.partner_id.id,
                "user_id": cls.env.user.id,
            }
        )
        cls.doc = cls.env["crm.trust.sample"].create(
            {"name": "doc", "user_id": cls.user.id}
        )
        cls.supplier = cls.env["res.partner"].create(
            {"name": "供应商 Trust", "is_company": True, "crm_is_supplier": True}
        )
        cls.distributor = cls.env["res.partner"].create(
            {"name": "分销商 Trust", "is_company": True, "crm_is_distributor": True}
        )
        cls.plain = cls.env["res.partner"].create({"name": "Plain contact"})

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    def rpc(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, list(args), kwargs
        )

    # ------------------------------------------------------------------
    # protected fields
    # ------------------------------------------------------------------
    def test_protected_fields_refused_whatever_the_context(self):
        Sample = self.env["crm.trust.sample"]
        for context in FORGED_CONTEXTS:
            doc = self.doc.with_user(self.user).with_context(**context)
            for vals in ({"state": "done"}, {"paid_amount": 5.0}):
                with self.subTest(context=context, vals=vals):
                    with self.assertRaisesRegex(UserError, "own actions"):
                        doc.write(vals)
                    with self.assertRaisesRegex(UserError, "own actions"):
                        Sample.with_user(self.user).with_context(**context).create(
                            dict(vals, name="new")
                        )
        self.assertEqual(self.doc.state, "draft")
        self.assertFalse(self.doc.paid_amount)

    def test_protected_defaults_from_the_context_ignored(self):
        """A ``default_<protected field>`` context key is no way around the
        refusal: it is dropped for non-superusers (Odoo fills defaults after
        the values are checked)."""
        Sample = self.env["crm.trust.sample"].with_user(self.user)
        doc = Sample.with_context(default_state="done", default_paid_amount=9).create(
            {"name": "by context"}
        )
        self.assertEqual((doc.state, doc.paid_amount), ("draft", 0.0))
        doc_id = self.rpc(
            self.user,
            "crm.trust.sample",
            "create",
            {"name": "by rpc context"},
            context={"default_state": "done", "default_paid_amount": 9},
        )
        doc = self.env["crm.trust.sample"].browse(doc_id)
        self.assertEqual((doc.state, doc.paid_amount), ("draft", 0.0))
        # data files and the suite's own code (superuser) keep their defaults
        doc = (
            self.env["crm.trust.sample"]
            .with_context(default_state="done")
            .create({"name": "by superuser"})
        )
        self.assertEqual(doc.state, "done")

    def test_protected_fields_legitimate_paths(self):
        Sample = self.env["crm.trust.sample"].with_user(self.user)
        # the default value, as a form sends it, is accepted at creation
        doc = Sample.create({"name": "new", "state": "draft", "paid_amount": 0})
        self.assertEqual(doc.state, "draft")
        doc.write({"name": "renamed"})
        # the model's own method changes them
        doc.action_done()
        self.assertEqual((doc.state, doc.paid_amount), ("done", 10.0))
        # superuser code (data files, the suite's methods) may write them
        doc.sudo().write({"state": "draft"})
        self.assertEqual(doc.state, "draft")

    def test_protected_fields_over_xmlrpc(self):
        with mute_logger("odoo.http"):
            for context in FORGED_CONTEXTS:
                for vals in ({"state": "done"}, {"paid_amount": 5.0}):
                    with self.subTest(context=context, vals=vals):
                        with self.assertRaisesRegex(Fault, "own actions"):
                            self.rpc(
                                self.user,
                                "crm.trust.sample",
                                "write",
                                [self.doc.id],
                                vals,
                                context=context,
                            )
                        with self.assertRaisesRegex(Fault, "own actions"):
                            self.rpc(
                                self.user,
                                "crm.trust.sample",
                                "create",
                                dict(vals, name="x"),
                                context=context,
                            )
        self.assertEqual(self.doc.state, "draft")
        # the button works over XML-RPC
        self.rpc(self.user, "crm.trust.sample", "action_done", [self.doc.id])
        self.assertEqual(self.doc.state, "done")

    # ------------------------------------------------------------------
    # links to other scoped records
    # ------------------------------------------------------------------
    def test_links_need_access_to_the_target(self):
        doc = self.doc.with_user(self.user)
        # write access on the reminder log is needed: a salesperson reads it only
        with self.assertRaises(AccessError):
            doc.write({"reminder_id": self.reminder.id})
        with self.assertRaises(AccessError):
            self.env["crm.trust.sample"].with_user(self.user).create(
                {"name": "x", "reminder_id": self.reminder.id}
            )
        self.assertFalse(self.doc.reminder_id)
        # the suite's administrator may write it, so may link it
        own = self.env["crm.trust.sample"].create(
            {"name": "admin's", "user_id": self.md_admin.id}
        )
        own.with_user(self.md_admin).write({"reminder_id": self.reminder.id})
        self.assertEqual(own.reminder_id, self.reminder)
        # read access on a warehouse: suite users have it, outsiders not
        doc.write({"warehouse_id": self.warehouse.id})
        self.assertEqual(self.doc.warehouse_id, self.warehouse)
        outsider_doc = self.env["crm.trust.sample"].create(
            {"name": "outsider's", "user_id": self.outsider.id}
        )
        with self.assertRaises(AccessError):
            outsider_doc.with_user(self.outsider).write(
                {"warehouse_id": self.warehouse.id}
            )
        with mute_logger("odoo.http"), self.assertRaises(Fault):
            self.rpc(
                self.user,
                "crm.trust.sample",
                "write",
                [self.doc.id],
                {"reminder_id": self.reminder.id},
            )
        self.assertFalse(self.doc.reminder_id)

    def test_many2many_links_need_access_to_what_they_add(self):
        """A many2many in ``_crm_link_access``: each record a create or write
        adds needs the access (here write on reminder logs, which a
        salesperson only reads), whatever the context; links already there
        are kept and removed without it; the refusal names the field, in the
        caller's language."""
        doc = self.doc.with_user(self.user)
        Sample = self.env["crm.trust.sample"].with_user(self.user)
        for context in FORGED_CONTEXTS:
            with self.subTest(context=context):
                # assertRaises (Odoo's) rolls the write back to a savepoint
                with self.assertRaises(AccessError) as refused:
                    doc.with_context(**context).write(
                        {"reminder_ids": [(4, self.reminder.id)]}
                    )
                self.assertIn("Reminder Logs", str(refused.exception))
                with self.assertRaises(AccessError) as refused:
                    Sample.with_context(**context).create(
                        {"name": "x", "reminder_ids": [(6, 0, self.reminder.ids)]}
                    )
                self.assertIn("may not change", str(refused.exception))
        # a context default links as the values do
        with self.assertRaises(AccessError):
            Sample.with_context(default_reminder_ids=self.reminder.ids).create(
                {"name": "by default"}
            )
        self.assertFalse(self.doc.reminder_ids)
        # who may write the reminder links it
        own = self.env["crm.trust.sample"].create(
            {"name": "admin's", "user_id": self.md_admin.id}
        )
        own.with_user(self.md_admin).write({"reminder_ids": [(4, self.reminder.id)]})
        self.assertEqual(own.reminder_ids, self.reminder)
        # a link already there: the record is saved, and the link removed,
        # by a user without that access
        self.doc.reminder_ids = self.reminder
        doc.write({"name": "renamed"})
        doc.write({"reminder_ids": [(3, self.reminder.id)]})
        self.assertFalse(self.doc.reminder_ids)
        # over XML-RPC, in the user's language when the script sends none
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "crm_masterdata")]
        )._update_translations(["zh_CN"], overwrite=True)
        self.user.lang = "zh_CN"
        with mute_logger("odoo.http"), self.assertRaises(Fault) as refused:
            self.rpc(
                self.user,
                "crm.trust.sample",
                "write",
                [self.doc.id],
                {"reminder_ids": [(4, self.reminder.id)]},
            )
        self.assertIn("无权修改", refused.exception.faultString)
        self.assertFalse(self.doc.reminder_ids)

    # ------------------------------------------------------------------
    # suppliers and distributors are master data
    # ------------------------------------------------------------------
    def test_suppliers_edited_by_masterdata_admins_only(self):
        Partner = self.env["res.partner"]
        for partner in (self.supplier, self.distributor):
            with self.subTest(partner=partner.name):
                with self.assertRaisesRegex(AccessError, "master-data admin"):
                    partner.with_user(self.user).write({"phone": "123"})
                with self.assertRaisesRegex(AccessError, "master-data admin"):
                    partner.with_user(self.user).unlink()
                with self.assertRaisesRegex(AccessError, "master-data admin"):
                    Partner.with_user(self.user).create(
                        {"name": "contact", "parent_id": partner.id}
                    )
        for flag in ("crm_is_supplier", "crm_is_distributor"):
            with self.subTest(flag=flag):
                with self.assertRaisesRegex(AccessError, "master-data admin"):
                    Partner.with_user(self.user).create({"name": "x", flag: True})
                with self.assertRaisesRegex(AccessError, "master-data admin"):
                    self.plain.with_user(self.user).write({flag: True})
        self.assertFalse(self.plain.crm_is_supplier)
        # a plain contact stays editable as Odoo's rights allow
        self.plain.with_user(self.user).write({"phone": "456"})
        # the master-data administrator edits them
        self.supplier.with_user(self.md_admin).write({"phone": "789"})
        created = Partner.with_user(self.md_admin).create(
            {"name": "新供应商", "crm_is_supplier": True}
        )
        self.assertTrue(created.crm_is_supplier)
        with mute_logger("odoo.http"):
            for method, args in (
                ("write", ([self.supplier.id], {"name": "hijacked"})),
                ("create", ({"name": "x", "crm_is_distributor": True},)),
                ("unlink", ([self.distributor.id],)),
                ("write", ([self.plain.id], {"crm_is_supplier": True})),
            ):
                with self.subTest(method=method):
                    with self.assertRaisesRegex(Fault, "master-data admin"):
                        self.rpc(self.user, "res.partner", method, *args)
        self.assertEqual(self.supplier.phone, "789")
        self.assertTrue(self.distributor.exists())

    # ------------------------------------------------------------------
    # users outside the suite
    # ------------------------------------------------------------------
    def test_no_suite_role_reads_no_suite_record(self):
        """An internal user with no role in the suite reads no record of any
        model of the suite (master data, logs, documents)."""
        models = self.env["ir.model"].search(
            [("model", "=like", "crm.%"), ("transient", "=", False)]
        )
        suite = set(
            self.env["ir.module.module"]
            .search([("author", "=", "CRM Suite Contributors")])
            .mapped("name")
        )
        checked = []
        for ir_model in models:
            Model = self.env.get(ir_model.model)
            if Model is None or Model._abstract or not Model._auto:
                continue
            if ir_model.model in ("crm.trust.sample", "crm.scope.sample"):
                continue  # this file's test models
            if not suite & set(ir_model.modules.split(", ")):
                continue  # e.g. Odoo's own crm app, installed beside the suite
            checked.append(ir_model.model)
            with self.subTest(model=ir_model.model):
                with self.assertRaises(AccessError):
                    Model.with_user(self.outsider).check_access("read")
        self.assertIn("crm.reminder", checked)


# Stored fields of the suite that no view lets a user edit and that are,
# deliberately, not protected: each reviewed, with the reason.
NOT_PROTECTED = {
    "res.groups": {
        "crm_scope_app": "set by the suite's data files; res.groups is written "
        "only by Settings administrators (Odoo's access rights)",
        "crm_scope_level": "idem",
        "crm_scope_edit": "idem",
    },
    "mail.activity.type": {
        "crm_is_approval": "set by the suite's data files on its approval activity "
        "types; mail.activity.type is written only by Settings administrators "
        "(Odoo's access rights: base.group_system)",
    },
}

# Links set when the record is created, where the model checks them, and refused
# by its write afterwards; each addon's attack tests prove the refusal
# (crm_worklog: test_comment_stays_where_it_was_written).
SET_AT_CREATION = {
    "crm.work.comment": ("log_id", "task_id"),
}

# Stored many2one / many2many fields of the suite pointing at scoped records
# (customers, and every model inheriting crm.scope.mixin) that the model's
# ``_crm_link_access`` does not check; each reviewed, with the reason.
PROTECTED_LINK = (
    "protected: set only by the model's own actions (sudo), after their checks"
)
WIZARD_LINK = (
    "wizard: its button acts on the linked record through that record's own "
    "checked actions, as the user; the wizard row itself grants nothing"
)
LINKS_NOT_CHECKED = {
    "crm.service.request": {"source_request_id": PROTECTED_LINK},
    "crm.service.visit": {"request_id": PROTECTED_LINK},
    "crm.work.log.receipt": {"log_id": PROTECTED_LINK},
    "crm.work.comment": {
        "task_id": "set at creation, where the comment checks it; refused by "
        "its write afterwards (SET_AT_CREATION)",
        "log_id": "idem",
    },
    "crm.contract.approve": {"contract_id": WIZARD_LINK},
    "crm.contract.cancel": {"contract_id": WIZARD_LINK},
    "crm.contract.credit.override": {"contract_id": WIZARD_LINK},
    "crm.contract.plan.generate": {"contract_id": WIZARD_LINK},
    "crm.customer.assign": {"partner_ids": WIZARD_LINK},
    "crm.customer.duplicate": {"partner_id": WIZARD_LINK},
    "crm.customer.followup": {"partner_id": WIZARD_LINK},
    "crm.customer.release": {"partner_ids": WIZARD_LINK},
    "crm.expense.approve": {"expense_id": WIZARD_LINK},
    "crm.service.cancel": {"request_id": WIZARD_LINK},
    "crm.service.visit.wizard": {"request_id": WIZARD_LINK},
}

MAGIC = {"id", "create_uid", "create_date", "write_uid", "write_date", "display_name"}
STATIC_READONLY = {"1", "True", "true"}


def _editable_in_views(env, models=None):
    """{model: {field names a form, list or kanban view lets a user edit}}, from
    the combined arch of every view of every model, nested views included."""
    from lxml import etree

    editable = {}

    def walk(node, model):
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "field":
                name = child.get("name")
                field = env[model]._fields.get(name)
                if field is not None:
                    readonly = child.get("readonly")
                    if readonly not in STATIC_READONLY and (
                        not field.readonly or readonly is not None
                    ):
                        editable.setdefault(model, set()).add(name)
                    if field.relational:
                        walk(child, field.comodel_name)
                        if field.type == "one2many" and (
                            name in editable.get(model, ())
                        ):
                            # lines created in the form get their parent link
                            editable.setdefault(field.comodel_name, set()).add(
                                field.inverse_name
                            )
                    continue
            walk(child, model)

    # views as a user who holds every group sees them (multi-company included)
    admin = env.ref("base.user_admin")
    admin.groups_id |= env.ref("base.group_multi_company") | env.ref("uom.group_uom")
    env = env(user=admin, su=False)
    views = (
        env["ir.ui.view"]
        .sudo()
        .search([("type", "in", ("form", "list", "kanban")), ("mode", "=", "primary")])
    )
    for view in views:
        if view.model not in env or (models is not None and view.model not in models):
            continue
        try:
            arch = env[view.model].get_view(view.id, view.type)["arch"]
        except AccessError:
            continue  # a view of another app the administrator may not open
        walk(etree.fromstring(arch), view.model)
    # company settings edited through Settings (res.config.settings fields
    # related to the company's, readonly=False)
    for field in env["res.config.settings"]._fields.values():
        if field.related and not field.readonly:
            path = field.related.split(".")
            if len(path) == 2 and path[0] == "company_id":
                editable.setdefault("res.company", set()).add(path[1])
    return editable


@tagged("post_install", "-at_install", "crm_trust")
class TestProtectedFieldsInventory(HttpCase):
    """Every stored field of the suite that no form lets a user edit is either
    computed or protected (or in the reviewed list NOT_PROTECTED), and a write
    of a protected field by a non-superuser is refused."""

    def _suite_fields(self):
        # the suite's addons (Odoo's crm app brings crm_iap_* addons too)
        suite = set(
            self.env["ir.module.module"]
            .search([("author", "=", "CRM Suite Contributors")])
            .mapped("name")
        )
        self.assertIn("crm_masterdata", suite)
        for Model in self.env.registry.values():
            if Model._abstract or Model._transient or not Model._auto:
                continue
            if Model._name in ("crm.trust.sample", "crm.scope.sample"):
                continue
            for name, field in Model._fields.items():
                if name in MAGIC or not field.store:
                    continue
                if field._module not in suite:
                    continue
                if field.compute and field.readonly or field.related:
                    continue
                if field.type == "one2many":
                    # not a column: writing it creates, writes or unlinks
                    # records of the comodel with the caller's rights, where
                    # the comodel's own checks (and this inventory) apply
                    continue
                yield Model._name, name

    def test_fields_no_form_edits_are_protected(self):
        suite_fields = list(self._suite_fields())
        # the views of the models the suite's fields belong to, and of the
        # models they nest in their forms (lines in a contract, ...)
        models = {model for model, _name in suite_fields}
        models |= {
            Model._name
            for Model in self.env.registry.values()
            if not Model._transient
            and any(
                f.relational and f.comodel_name in models
                for f in Model._fields.values()
            )
        }
        editable = _editable_in_views(self.env, models)
        unprotected = []
        for model, name in suite_fields:
            if name in editable.get(model, ()):
                continue
            if name in getattr(self.env[model], "_crm_protected_fields", ()):
                continue
            if name in NOT_PROTECTED.get(model, {}):
                continue
            if name in SET_AT_CREATION.get(model, ()):
                continue
            unprotected.append(f"{model}.{name}")
        self.assertFalse(
            sorted(unprotected),
            "stored fields no form lets a user edit: protect them "
            "(_crm_protected_fields) or list them in NOT_PROTECTED with a reason",
        )

    def test_not_protected_fields_written_by_settings_admins_only(self):
        """The reviewed exceptions hold because only Settings administrators
        write their models: a suite user holding every suite group, but not
        Settings, is refused over XML-RPC; a Settings administrator is not."""
        suite_groups = self.env["res.groups"].search(
            [
                (
                    "category_id",
                    "child_of",
                    self.env.ref("crm_masterdata.module_category_crm_suite").id,
                )
            ]
        )
        boss = new_test_user(
            self.env, login="trust_all_suite_groups", groups="base.group_user"
        )
        boss.groups_id |= suite_groups
        self.assertFalse(boss.has_group("base.group_system"))
        for model, names in NOT_PROTECTED.items():
            if model not in self.env:
                continue
            record = self.env[model].search([], limit=1)
            for name in names:
                if name not in record._fields:  # the addon adding it is not installed
                    continue
                value = record[name]
                with self.subTest(model=model, field=name):
                    with mute_logger("odoo.http"), self.assertRaises(Fault) as refused:
                        self.xmlrpc_object.execute_kw(
                            self.env.cr.dbname,
                            boss.id,
                            "trust_all_suite_groups",
                            model,
                            "write",
                            [record.ids, {name: value}],
                        )
                    self.assertIn(
                        "not allowed to modify", refused.exception.faultString
                    )
                    record.with_user(self.env.ref("base.user_admin")).write(
                        {name: value}
                    )

    def test_protected_fields_refused_to_non_superusers(self):
        """As the administrator without superuser mode (all groups, so no
        access rule stops the write first), over XML-RPC."""
        admin = self.env.ref("base.user_admin")
        self.env["crm.reminder"].create(
            {
                "key": "inventory",
                "res_model": "res.partner",
                "res_id": admin.partner_id.id,
                "user_id": admin.id,
            }
        )
        checked = 0
        for Model in self.env.registry.values():
            protected = getattr(Model, "_crm_protected_fields", ())
            if Model._abstract or Model._transient or not protected:
                continue
            if Model._name in ("crm.trust.sample", "crm.scope.sample"):
                continue
            record = self.env[Model._name].search([], limit=1)
            if not record:
                continue
            for name in protected:
                value = record[name]
                field = record._fields[name]
                value = field.convert_to_write(value, record)
                if field.type in ("one2many", "many2many"):
                    value = [[6, 0, record[name].ids]]  # XML-RPC has no enums
                elif field.type in ("date", "datetime"):
                    value = field.to_string(record[name])
                elif field.type in ("monetary", "float"):
                    value = float(value or 0.0)
                with self.subTest(model=Model._name, field=name):
                    with mute_logger("odoo.http"), self.assertRaises(Fault):
                        self.xmlrpc_object.execute_kw(
                            self.env.cr.dbname,
                            admin.id,
                            "admin",
                            Model._name,
                            "write",
                            [[record.id], {name: value}],
                        )
                    checked += 1
        self.assertGreater(checked, 0)


@tagged("post_install", "-at_install", "crm_trust")
class TestLinkAccessInventory(TransactionCase):
    """Every stored many2one / many2many field of the suite's models (and the
    suite's fields on Odoo's models) that points at a scoped record, a
    customer or a record of a crm.scope.mixin model, is checked by its
    model's ``_crm_link_access`` or reviewed in LINKS_NOT_CHECKED. Computed
    read-only and related fields are left out: a user does not set them."""

    def _is_scoped(self, comodel):
        # by name: a test's FakeModelLoader rebuilds the mixin's class
        return comodel == "res.partner" or any(
            getattr(cls, "_name", None) == "crm.scope.mixin"
            for cls in type(self.env[comodel]).__mro__
        )

    def _link_fields(self):
        suite = set(
            self.env["ir.module.module"]
            .search([("author", "=", "CRM Suite Contributors")])
            .mapped("name")
        )
        self.assertIn("crm_masterdata", suite)
        for Model in self.env.registry.values():
            if Model._abstract or not Model._auto:
                continue
            if Model._name in ("crm.trust.sample", "crm.scope.sample"):
                continue
            suite_model = Model._original_module in suite
            for name, field in Model._fields.items():
                if field.type not in ("many2one", "many2many") or name in MAGIC:
                    continue
                if not field.store or not (suite_model or field._module in suite):
                    continue
                if field.compute and field.readonly or field.related:
                    continue
                if self._is_scoped(field.comodel_name):
                    yield Model._name, name

    def test_links_to_scoped_records_are_checked(self):
        found = list(self._link_fields())
        if "crm.contract" in self.env:
            self.assertIn(("crm.contract", "partner_id"), found)
        if "crm.service.request" in self.env:
            self.assertIn(("crm.service.request", "source_request_id"), found)
        unchecked = []
        for model, name in found:
            Model = self.env[model]
            if name in getattr(Model, "_crm_link_access", {}):
                continue
            if name in LINKS_NOT_CHECKED.get(model, {}):
                continue
            unchecked.append(f"{model}.{name}")
        self.assertFalse(
            sorted(unchecked),
            "links to scoped records: declare them in the model's "
            "_crm_link_access or list them in LINKS_NOT_CHECKED with a reason",
        )

    def test_reviewed_exceptions_hold(self):
        """A link reviewed as protected is in the model's protected fields; a
        wizard's is on a transient model; none of them is stale."""
        found = set(self._link_fields())
        for model, names in LINKS_NOT_CHECKED.items():
            if model not in self.env:
                continue  # the addon adding it is not installed
            for name, reason in names.items():
                with self.subTest(model=model, field=name):
                    self.assertIn((model, name), found)
                    if reason == PROTECTED_LINK:
                        self.assertIn(name, self.env[model]._crm_protected_fields)
                    elif reason == WIZARD_LINK:
                        self.assertTrue(self.env[model]._transient)
                    else:
                        self.assertIn(name, SET_AT_CREATION.get(model, ()))
