import ast

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import users
from odoo.tools import mute_logger

from .masterdata_common import MASTERDATA_MODELS, MasterdataCommon


class TestMasterdataAccess(MasterdataCommon):
    @users("md_user")
    def test_user_reads_master_data(self):
        for model, record in self.records.items():
            with self.subTest(model=model):
                found = self.env[model].search([("code", "=", record.code)])
                self.assertEqual(found, record)
                self.assertEqual(found.name, record.name)

    @users("md_user")
    def test_user_cannot_create_master_data(self):
        for model in MASTERDATA_MODELS:
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].create({"name": "x"})

    @users("md_user")
    def test_user_cannot_write_master_data(self):
        for model, record in self.records.items():
            with self.subTest(model=model), self.assertRaises(AccessError):
                record.with_env(self.env).write({"name": "changed"})

    @users("md_user")
    def test_user_cannot_unlink_master_data(self):
        for model, record in self.records.items():
            with self.subTest(model=model), self.assertRaises(AccessError):
                record.with_env(self.env).unlink()

    @users("md_admin")
    def test_admin_maintains_master_data(self):
        for model, record in self.records.items():
            with self.subTest(model=model):
                record = record.with_env(self.env)
                record.write({"name": "changed"})
                self.assertEqual(record.name, "changed")
                new = self.env[model].create({"name": "new", "code": "NEW"})
                self.assertEqual(new.company_id, self.env.company)
                new.unlink()
                self.assertFalse(new.exists())

    @users("md_user")
    def test_user_reads_but_does_not_edit_products_and_prices(self):
        product = self.env["product.product"].sudo().create({"name": "打印纸"})
        product = product.with_env(self.env)
        self.assertEqual(product.name, "打印纸")
        self.assertTrue(self.env.user.has_group("product.group_product_pricelist"))
        with self.assertRaises(AccessError):
            product.product_tmpl_id.write({"crm_floor_price": 1.0})
        with self.assertRaises(AccessError):
            self.env["product.pricelist"].create({"name": "x"})
        with self.assertRaises(AccessError):
            self.env["product.supplierinfo"].create(
                {
                    "partner_id": self.partner.id,
                    "product_tmpl_id": product.product_tmpl_id.id,
                }
            )
        with self.assertRaises(AccessError):
            self.env["res.partner"].create({"name": "x", "crm_is_supplier": True})

    @users("md_admin")
    def test_admin_edits_products_prices_and_partners(self):
        template = self.env["product.template"].create(
            {"name": "碎纸机", "list_price": 680.0, "crm_floor_price": 600.0}
        )
        supplier = self.env["res.partner"].create(
            {"name": "供应商甲", "crm_is_supplier": True, "crm_partner_code": "S1"}
        )
        self.env["product.supplierinfo"].create(
            {"partner_id": supplier.id, "product_tmpl_id": template.id, "price": 400.0}
        )
        pricelist = self.env["product.pricelist"].create({"name": "VIP"})
        self.env["product.pricelist.item"].create(
            {
                "pricelist_id": pricelist.id,
                "product_tmpl_id": template.id,
                "fixed_price": 650.0,
            }
        )
        self.assertEqual(template.seller_ids.partner_id, supplier)
        self.assertEqual(pricelist.item_ids.applied_on, "1_product")

    def test_company_rule(self):
        other = self.env["res.company"].create({"name": "苏州分公司"})
        foreign = self.env["crm.warehouse"].create(
            {"name": "苏州仓", "code": "SZ", "company_id": other.id}
        )
        Warehouse = self.env["crm.warehouse"].with_user(self.md_admin)
        self.assertNotIn(foreign, Warehouse.search([]))
        self.assertIn(self.records["crm.warehouse"], Warehouse.search([]))
        self.md_admin.company_ids |= other
        Warehouse = Warehouse.with_context(allowed_company_ids=[other.id])
        self.assertEqual(Warehouse.search([("code", "=", "SZ")]), foreign)


class TestMasterdataIntegrity(MasterdataCommon):
    def test_code_unique_per_company(self):
        other = self.env["res.company"].create({"name": "苏州分公司"})
        for model, record in self.records.items():
            with self.subTest(model=model):
                Model = self.env[model]
                # empty codes are allowed any number of times
                Model.create([{"name": "a"}, {"name": "b"}])
                with (
                    mute_logger("odoo.sql_db"),
                    self.assertRaises(IntegrityError) as caught,
                ):
                    Model.create({"name": "dup", "code": record.code})
                self.assertIn(
                    "This code is already used by another record of the same company",
                    str(_as_validation_error(self.env, caught.exception)),
                )
                with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
                    Model.create({"name": "other"}).write({"code": record.code})
                    Model.flush_model()
                twin = Model.create(
                    {"name": "twin", "code": record.code, "company_id": other.id}
                )
                self.assertEqual(twin.code, record.code)

    def test_partner_code_unique_per_company(self):
        Partner = self.env["res.partner"]
        other = self.env["res.company"].create({"name": "苏州分公司"})
        Partner.create({"name": "A", "crm_partner_code": "GYS-1"})
        Partner.create([{"name": "no code"}, {"name": "no code either"}])
        Partner.create(
            {"name": "B", "crm_partner_code": "GYS-1", "company_id": other.id}
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            Partner.create({"name": "C", "crm_partner_code": "GYS-1"})
        # what the user reads (the web client and RPC turn the error into this)
        self.assertIn(
            "This partner code is already used by another partner of the same company",
            str(_as_validation_error(self.env, caught.exception)),
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            Partner.create(
                {"name": "D", "crm_partner_code": "GYS-1", "company_id": other.id}
            )
        # a copy does not take the code along
        self.assertFalse(
            Partner.search([("crm_partner_code", "=", "GYS-1")], limit=1)
            .copy()
            .crm_partner_code
        )

    def test_partner_both_supplier_and_distributor(self):
        partner = self.env["res.partner"].create(
            {
                "name": "杭州迅达科技有限公司",
                "crm_is_supplier": True,
                "crm_supplier_category_id": self.records["crm.supplier.category"].id,
                "crm_is_distributor": True,
                "crm_distributor_category_id": self.records[
                    "crm.distributor.category"
                ].id,
            }
        )
        for xmlid in (
            "crm_masterdata.crm_supplier_action",
            "crm_masterdata.crm_distributor_action",
        ):
            action = self.env.ref(xmlid)
            domain = ast.literal_eval(action.domain)
            self.assertIn(partner, self.env["res.partner"].search(domain), xmlid)
        customer = self.env["res.partner"].create({"name": "只是客户"})
        supplier_domain = ast.literal_eval(
            self.env.ref("crm_masterdata.crm_supplier_action").domain
        )
        self.assertNotIn(customer, self.env["res.partner"].search(supplier_domain))

    def test_product_default_code_unique_per_company(self):
        Template = self.env["product.template"]
        other = self.env["res.company"].create({"name": "苏州分公司"})
        Template.create(
            {"name": "A", "default_code": "P-1", "company_id": self.env.company.id}
        )
        Template.create({"name": "B", "default_code": "P-1", "company_id": other.id})
        with self.assertRaisesRegex(ValidationError, "P-1"):
            Template.create(
                {"name": "C", "default_code": "P-1", "company_id": self.env.company.id}
            )
        # a product shared by all companies clashes with the products of any
        with self.assertRaises(ValidationError):
            Template.create({"name": "D", "default_code": "P-1", "company_id": False})
        e = Template.create(
            {"name": "E", "default_code": "P-2", "company_id": other.id}
        )
        with self.assertRaises(ValidationError):
            e.product_variant_id.default_code = "P-1"
        # moving a product into a company where its code is taken
        f = Template.create(
            {"name": "F", "default_code": "P-3", "company_id": other.id}
        )
        Template.create(
            {"name": "G", "default_code": "P-3", "company_id": self.env.company.id}
        )
        with self.assertRaises(ValidationError):
            f.company_id = self.env.company

    def test_floor_price_not_negative(self):
        template = self.env["product.template"].create(
            {"name": "A", "crm_floor_price": 0.0}
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            template.crm_floor_price = -1.0
            template.flush_recordset()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["product.template"].create({"name": "B", "crm_floor_price": -0.01})

    def test_used_category_archived_not_deleted(self):
        supplier_category = self.records["crm.supplier.category"]
        distributor_category = self.records["crm.distributor.category"]
        partner = self.env["res.partner"].create(
            {
                "name": "上海华信办公设备有限公司",
                "crm_is_supplier": True,
                "crm_supplier_category_id": supplier_category.id,
                "crm_is_distributor": True,
                "crm_distributor_category_id": distributor_category.id,
            }
        )
        for category in (supplier_category, distributor_category):
            with self.subTest(model=category._name):
                with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
                    category.unlink()
                category.action_archive()
                self.assertFalse(category.active)
                self.assertTrue(category.exists())
        self.assertEqual(partner.crm_supplier_category_id, supplier_category)
        self.assertEqual(partner.crm_distributor_category_id, distributor_category)
        # an unused category can go
        unused = self.env["crm.supplier.category"].create({"name": "未使用"})
        unused.unlink()
        self.assertFalse(unused.exists())

    def test_pricelist_of_category_not_deleted(self):
        pricelist = self.env["product.pricelist"].create({"name": "VIP"})
        self.records["crm.customer.category"].pricelist_id = pricelist
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            pricelist.unlink()

    def test_expense_category_tree(self):
        Category = self.env["crm.expense.category"]
        travel = Category.create({"name": "差旅费", "code": "T-ZC01"})
        transport = Category.create(
            {"name": "交通费", "code": "T-ZC0101", "parent_id": travel.id}
        )
        taxi = Category.create({"name": "出租车", "parent_id": transport.id})
        self.assertEqual(taxi.complete_name, "差旅费 / 交通费 / 出租车")
        self.assertEqual(taxi.display_name, "差旅费 / 交通费 / 出租车")
        self.assertEqual(
            Category.search([("id", "child_of", travel.id)]), travel | transport | taxi
        )
        travel.name = "差旅"
        self.assertEqual(taxi.complete_name, "差旅 / 交通费 / 出租车")
        # ValidationError of the constraint, or UserError of the parent store
        with self.assertRaises(UserError):
            travel.parent_id = taxi
        with self.assertRaises(UserError):
            travel.parent_id = travel
        self.assertFalse(travel.parent_id)
        # a parent with sub-categories cannot be deleted
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            transport.unlink()
        taxi.unlink()
        transport.unlink()
        self.assertFalse(transport.exists())

    def test_stock_nature_actions_by_direction(self):
        Nature = self.env["crm.stock.nature"]
        inbound = Nature.create({"name": "采购入库", "direction": "inbound"})
        outbound = Nature.create({"name": "销售出库", "direction": "outbound"})
        for xmlid, expected, unexpected in (
            ("crm_masterdata.crm_stock_nature_inbound_action", inbound, outbound),
            ("crm_masterdata.crm_stock_nature_outbound_action", outbound, inbound),
        ):
            action = self.env.ref(xmlid)
            found = Nature.search(ast.literal_eval(action.domain))
            self.assertIn(expected, found)
            self.assertNotIn(unexpected, found)
            default = ast.literal_eval(action.context)["default_direction"]
            self.assertEqual(
                Nature.with_context(default_direction=default)
                .create({"name": "x"})
                .direction,
                expected.direction,
            )
