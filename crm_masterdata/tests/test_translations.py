import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader, code_translations

from ..models.ir_actions_report import SUITE_AUTHOR


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_app_in_chinese(self):
        """With Chinese installed, the app, its menus and its roles read in Chinese."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "crm_masterdata")]
        )._update_translations(["zh_CN"], overwrite=True)
        zh = self.env(context={"lang": "zh_CN"})
        en = self.env(context={"lang": "en_US"})
        menu = self.env.ref("crm_masterdata.crm_menu_root")
        self.assertEqual(menu.with_env(en).name, "Customer Relations")
        self.assertEqual(menu.with_env(zh).name, "客户关系")
        self.assertEqual(
            self.env.ref("crm_masterdata.crm_menu_configuration").with_env(zh).name,
            "配置",
        )
        own = self.env.ref("crm_masterdata.crm_masterdata_group_sales_own")
        self.assertEqual(own.with_env(zh).name, "本人")
        tree = self.env.ref("crm_masterdata.crm_masterdata_group_sales_department_tree")
        self.assertEqual(tree.with_env(zh).name, "本部门及下属部门")
        # every menu of this addon has a Chinese name
        menu_ids = (
            self.env["ir.model.data"]
            .search([("module", "=", "crm_masterdata"), ("model", "=", "ir.ui.menu")])
            .mapped("res_id")
        )
        menus = self.env["ir.ui.menu"].browse(menu_ids)
        self.assertGreater(len(menus), 20)
        untranslated = [
            m.with_env(en).name
            for m in menus
            if m.with_env(zh).name == m.with_env(en).name
        ]
        self.assertFalse(untranslated, "menus without a Chinese name")

    def _from_other_addon(self, row):
        """Whether an exported term is the label of a field another addon
        adds to the suite's models (mail's or calendar's mixins, when Odoo's
        apps are installed beside the suite): that addon translates it."""
        name, xmlid = row[2], row[3]
        if not name.startswith("ir.model.fields,") or not xmlid:
            return False
        field_rec = self.env.ref(xmlid, raise_if_not_found=False)
        if not field_rec or field_rec._name != "ir.model.fields":
            return False
        Model = self.env.get(field_rec.model)
        field = Model is not None and Model._fields.get(field_rec.name)
        return bool(field) and not (field._module or "").startswith("crm_")

    def test_translation_templates_up_to_date(self):
        """Every term Odoo would export for an installed suite addon is in the
        addon's i18n/<addon>.pot (and so, by the lint's check, translated in
        zh_CN.po): a new string cannot ship untranslated."""
        modules = self.env["ir.module.module"].search(
            [("name", "=like", "crm\\_%"), ("state", "=", "installed")]
        )
        self.assertIn("crm_masterdata", modules.mapped("name"))
        for module in modules:
            path = file_path(f"{module.name}/i18n/{module.name}.pot")
            shipped = {entry.msgid for entry in polib.pofile(path)}
            reader = TranslationModuleReader(self.env.cr, modules=[module.name])
            exported = {row[4] for row in reader if not self._from_other_addon(row)}
            with self.subTest(module=module.name):
                self.assertFalse(
                    sorted(exported - shipped), "terms missing from the .pot"
                )

    def test_python_terms_load_in_chinese(self):
        """Every term of zh_CN.po used in an addon's Python code is one Odoo
        loads as a code translation (it needs the ``#. odoo-python`` mark; an
        entry without it was silently left in English)."""
        # the suite's addons (Odoo's own crm_sms, crm_iap_* also start with crm_)
        modules = self.env["ir.module.module"].search(
            [("author", "=", SUITE_AUTHOR), ("state", "=", "installed")]
        )
        self.assertIn("crm_masterdata", modules.mapped("name"))
        for module in modules:
            path = file_path(f"{module.name}/i18n/zh_CN.po")
            python_terms = {
                entry.msgid
                for entry in polib.pofile(path)
                if any(
                    source.startswith("code:") and source.endswith(".py")
                    for source, _line in entry.occurrences
                )
            }
            loaded = code_translations.get_python_translations(module.name, "zh_CN")
            with self.subTest(module=module.name):
                self.assertTrue(python_terms)
                self.assertFalse(
                    sorted(python_terms - set(loaded)),
                    "Python terms Odoo does not load as translations",
                )
