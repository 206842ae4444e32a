from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoCompany(TransactionCase):
    """With demo data, the demo company is a Chinese company in yuan and
    Odoo's English demo records stay out of the suite; without demo data the
    company is left as it was."""

    def test_demo_company(self):
        module = self.env["ir.module.module"].search([("name", "=", "crm_masterdata")])
        company = self.env.ref("base.main_company")
        bank = self.env.ref(
            "crm_masterdata.res_partner_bank_main_company_demo",
            raise_if_not_found=False,
        )
        if not module.demo:
            self.assertFalse(bank)
            self.assertNotEqual(company.name, "上海瑞丰办公设备有限公司")
            return
        self.assertEqual(company.name, "上海瑞丰办公设备有限公司")
        accounting = self.env["ir.module.module"].search_count(
            [("name", "=", "account"), ("state", "=", "installed")]
        )
        if not accounting:
            # beside Odoo's accounting, its chart of accounts decides the
            # company's currency; alone, the suite's demo company is in yuan
            self.assertEqual(company.currency_id, self.env.ref("base.CNY"))
            self.assertEqual(company.currency_id.symbol, "¥")
        self.assertEqual(company.country_id.code, "CN")
        self.assertEqual(len(company.vat), 18)
        self.assertTrue(company.logo)
        self.assertIn(bank, company.partner_id.bank_ids)
        self.assertEqual(self.env.ref("base.user_admin").tz, "Asia/Shanghai")
        pricelists = self.env["product.pricelist"].search(
            [("company_id", "in", (False, company.id))]
        )
        self.assertTrue(pricelists)
        if not accounting:
            self.assertEqual(pricelists.currency_id, company.currency_id)
        apps = self.env["ir.module.module"].search_count(
            [
                ("name", "in", ("account", "crm", "project", "sale")),
                ("state", "=", "installed"),
            ]
        )
        if apps:
            return  # Odoo's apps use their demo records: they stay
        # Odoo's English demo records are archived
        for xmlid in (
            "base.res_partner_1",  # Wood Corner
            "hr.employee_ngh",
            "hr.dep_rd",
            "base.user_demo",
        ):
            record = self.env.ref(xmlid, raise_if_not_found=False)
            if record:
                with self.subTest(xmlid=xmlid):
                    self.assertFalse(record.active)
        departments = self.env["hr.department"].search([])
        self.assertIn("销售一部", departments.mapped("name"))
        self.assertNotIn("Research & Development", departments.mapped("name"))
        # the suite's own products stay, Odoo's demo products do not
        names = self.env["product.template"].search([]).mapped("name")
        self.assertNotIn("Office Chair", names)
        self.assertTrue(names)
