from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMasterdataUi(HttpCase):
    def test_masterdata_tour(self):
        """A suite administrator goes through the master data menus: edits a
        purchase type in its list, opens a supplier, the price lists, a
        product's floor price, the expense tree and the outbound natures."""
        new_test_user(
            self.env,
            login="md_tour_admin",
            lang="en_US",
            groups="crm_masterdata.crm_masterdata_group_admin",
        )
        env = self.env
        env["crm.purchase.type"].create({"name": "巡检常规", "code": "TOUR-PT"})
        category = env["crm.supplier.category"].create({"name": "巡检类别"})
        supplier = env["res.partner"].create(
            {
                "name": "巡检供应商",
                "is_company": True,
                "crm_is_supplier": True,
                "crm_supplier_category_id": category.id,
            }
        )
        template = env["product.template"].create(
            {"name": "巡检货品", "list_price": 100.0, "crm_floor_price": 80.0}
        )
        env["product.supplierinfo"].create(
            {"partner_id": supplier.id, "product_tmpl_id": template.id, "price": 60.0}
        )
        pricelist = env["product.pricelist"].create({"name": "巡检价格表"})
        env["product.pricelist.item"].create(
            {
                "pricelist_id": pricelist.id,
                "product_tmpl_id": template.id,
                "fixed_price": 90.0,
            }
        )
        travel = env["crm.expense.category"].create({"name": "巡检差旅"})
        env["crm.expense.category"].create({"name": "巡检交通", "parent_id": travel.id})
        env["crm.stock.nature"].create(
            [
                {"name": "巡检出库", "direction": "outbound"},
                {"name": "巡检入库", "direction": "inbound"},
            ]
        )
        self.start_tour(
            "/odoo", "crm_masterdata_masterdata_tour", login="md_tour_admin"
        )
        self.assertEqual(
            env["crm.purchase.type"].search([("code", "=", "TOUR-NEW")]).name,
            "巡检采购",
        )
