from datetime import date, datetime

from odoo.tests import users

from .masterdata_common import MasterdataCommon


class TestMasterdataPrices(MasterdataCommon):
    """The two price functions the contracts addon calls."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {
                "name": "激光打印机",
                "list_price": 100.0,
                "standard_price": 50.0,
                "crm_floor_price": 85.0,
            }
        )
        cls.other_product = cls.env["product.product"].create(
            {"name": "碎纸机", "list_price": 300.0, "standard_price": 200.0}
        )
        # VIP price list: 90 from 1 unit, 80 from 10, for the first half of 2025
        cls.vip_pricelist = cls.env["product.pricelist"].create(
            {"name": "VIP客户价格表", "sequence": 50}
        )
        for min_quantity, price in ((1, 90.0), (10, 80.0)):
            cls.env["product.pricelist.item"].create(
                {
                    "pricelist_id": cls.vip_pricelist.id,
                    "applied_on": "1_product",
                    "product_tmpl_id": cls.product.product_tmpl_id.id,
                    "compute_price": "fixed",
                    "fixed_price": price,
                    "min_quantity": min_quantity,
                    "date_start": datetime(2025, 1, 1, 0, 0, 0),
                    "date_end": datetime(2025, 6, 30, 23, 59, 59),
                }
            )
        cls.vip = cls.records["crm.customer.category"]
        cls.vip.pricelist_id = cls.vip_pricelist
        cls.no_pricelist_category = cls.env["crm.customer.category"].create(
            {"name": "普通客户", "code": "PT"}
        )
        cls.customer = cls.env["res.partner"].create({"name": "上海某某贸易有限公司"})
        cls.supplier_a = cls.env["res.partner"].create(
            {"name": "供应商甲", "crm_is_supplier": True}
        )
        cls.supplier_b = cls.env["res.partner"].create(
            {"name": "供应商乙", "crm_is_supplier": True}
        )
        Seller = cls.env["product.supplierinfo"]
        template = cls.product.product_tmpl_id
        Seller.create(
            [
                # supplier A: 60, 55 from 10 units, 45 in March 2025
                {
                    "partner_id": cls.supplier_a.id,
                    "product_tmpl_id": template.id,
                    "min_qty": 1,
                    "price": 60.0,
                },
                {
                    "partner_id": cls.supplier_a.id,
                    "product_tmpl_id": template.id,
                    "min_qty": 10,
                    "price": 55.0,
                },
                {
                    "partner_id": cls.supplier_a.id,
                    "product_tmpl_id": template.id,
                    "min_qty": 1,
                    "price": 45.0,
                    "date_start": date(2025, 3, 1),
                    "date_end": date(2025, 3, 31),
                },
                # supplier B, second choice: 70
                {
                    "partner_id": cls.supplier_b.id,
                    "product_tmpl_id": template.id,
                    "min_qty": 1,
                    "price": 70.0,
                    "sequence": 5,
                },
            ]
        )

    def _sales_price(self, quantity=1.0, day=date(2025, 3, 1), category=None, **kw):
        product = self.product.with_env(self.env)
        return product._crm_get_sales_price(
            self.customer.with_env(self.env),
            quantity,
            day,
            customer_category=category if category is not None else self.vip,
            **kw,
        )

    @users("md_user")
    def test_sales_price_category_quantity_breaks(self):
        self.assertEqual(self._sales_price(1), 90.0)
        self.assertEqual(self._sales_price(9), 90.0)
        self.assertEqual(self._sales_price(10), 80.0)
        self.assertEqual(self._sales_price(500), 80.0)
        # a product without a rule in the price list gets its sales price
        price = self.other_product.with_env(self.env)._crm_get_sales_price(
            self.customer, 1.0, date(2025, 3, 1), customer_category=self.vip
        )
        self.assertEqual(price, 300.0)

    def test_sales_price_validity_dates(self):
        self.env.user.tz = "UTC"
        self.assertEqual(self._sales_price(1, date(2024, 12, 31)), 100.0)
        self.assertEqual(self._sales_price(1, date(2025, 1, 1)), 90.0)
        self.assertEqual(self._sales_price(10, date(2025, 6, 30)), 80.0)
        self.assertEqual(self._sales_price(10, date(2025, 7, 1)), 100.0)
        # a moment is taken as is
        self.assertEqual(self._sales_price(1, datetime(2025, 6, 30, 23, 0)), 90.0)
        self.assertEqual(self._sales_price(1, datetime(2025, 7, 1, 0, 0, 1)), 100.0)

    def test_sales_price_dates_in_user_timezone(self):
        """A Shanghai user's price list runs from 1 Jan 00:00 to 30 Jun 23:59:59
        local time (stored in UTC); a date is that day in their timezone."""
        self.vip_pricelist.item_ids.write(
            {
                "date_start": datetime(2024, 12, 31, 16, 0, 0),
                "date_end": datetime(2025, 6, 30, 15, 59, 59),
            }
        )
        self.env.user.tz = "Asia/Shanghai"
        self.assertEqual(self._sales_price(1, date(2024, 12, 31)), 100.0)
        self.assertEqual(self._sales_price(1, date(2025, 1, 1)), 90.0)
        self.assertEqual(self._sales_price(1, date(2025, 6, 30)), 90.0)
        self.assertEqual(self._sales_price(1, date(2025, 7, 1)), 100.0)

    def test_sales_price_fallbacks(self):
        # category without price list, partner without own one: the sales price
        self.assertEqual(
            self._sales_price(10, category=self.no_pricelist_category), 100.0
        )
        self.assertEqual(self.product._crm_get_sales_price(self.customer, 10.0), 100.0)
        # the partner's own price list when the category has none
        self.customer.property_product_pricelist = self.vip_pricelist
        self.assertEqual(
            self._sales_price(10, category=self.no_pricelist_category), 80.0
        )
        self.assertEqual(
            self.product._crm_get_sales_price(self.customer, 10.0, date(2025, 3, 1)),
            80.0,
        )
        # no price list at all
        self.env["product.pricelist"].search([]).action_archive()
        self.env.invalidate_all()
        self.assertEqual(
            self.product._crm_get_sales_price(self.customer, 10.0, date(2025, 3, 1)),
            100.0,
        )

    def test_sales_price_of_partner_category_field(self):
        """With the customer addon, the partner's own category gives the list."""
        if not self.env["res.partner"]._fields.get("crm_customer_category_id"):
            # without the customer addon the partner's price list applies
            self.customer.property_product_pricelist = self.vip_pricelist
            price = self.product._crm_get_sales_price(
                self.customer, 10.0, date(2025, 3, 1)
            )
            self.assertEqual(price, 80.0)
            return
        self.customer.crm_customer_category_id = self.vip
        price = self.product._crm_get_sales_price(self.customer, 10.0, date(2025, 3, 1))
        self.assertEqual(price, 80.0)

    def test_sales_price_unit_and_currency(self):
        # a dozen is 12 units: the price from 10 units, per dozen
        dozen = self.env.ref("uom.product_uom_dozen")
        self.assertAlmostEqual(self._sales_price(1, uom=dozen), 960.0)
        # 1 unit of the company currency = 0.5 EUR: a EUR price of 45 is 90
        eur = self.setup_other_currency("EUR", rates=[("2025-01-01", 0.5)])
        eur_pricelist = self.env["product.pricelist"].create(
            {"name": "EUR", "currency_id": eur.id, "sequence": 60}
        )
        self.env["product.pricelist.item"].create(
            {
                "pricelist_id": eur_pricelist.id,
                "product_tmpl_id": self.product.product_tmpl_id.id,
                "fixed_price": 45.0,
            }
        )
        self.vip.pricelist_id = eur_pricelist
        self.assertAlmostEqual(self._sales_price(1), 90.0)

    @users("md_user")
    def test_purchase_price(self):
        product = self.product.with_env(self.env)
        day = date(2025, 2, 1)
        self.assertEqual(product._crm_get_purchase_price(1.0, day), 60.0)
        self.assertEqual(product._crm_get_purchase_price(9.0, day), 60.0)
        self.assertEqual(product._crm_get_purchase_price(10.0, day), 55.0)
        # the March price, before / inside / after its dates
        self.assertEqual(product._crm_get_purchase_price(1.0, date(2025, 2, 28)), 60.0)
        self.assertEqual(product._crm_get_purchase_price(1.0, date(2025, 3, 1)), 45.0)
        self.assertEqual(product._crm_get_purchase_price(1.0, date(2025, 3, 31)), 45.0)
        self.assertEqual(product._crm_get_purchase_price(1.0, date(2025, 4, 1)), 60.0)
        # a given supplier
        supplier_b = self.supplier_b.with_env(self.env)
        self.assertEqual(
            product._crm_get_purchase_price(1.0, day, supplier=supplier_b), 70.0
        )
        # no vendor price: the cost
        other = self.other_product.with_env(self.env)
        self.assertEqual(other._crm_get_purchase_price(1.0, day), 200.0)
        self.assertEqual(
            product._crm_get_purchase_price(
                1.0, day, supplier=self.customer.with_env(self.env)
            ),
            50.0,
        )
