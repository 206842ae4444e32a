from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCustomerUi(HttpCase):
    def test_customer_tour_in_chinese(self):
        """A salesperson whose language is Chinese claims a pool customer in the
        web client and finds it in their scope's list and kanban views; a
        colleague's customer stays out of sight."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "in", ("crm_masterdata", "crm_customer"))]
        )._update_translations(["zh_CN"], overwrite=True)
        rep = new_test_user(
            self.env,
            login="cust_tour_rep",
            lang="zh_CN",
            groups="base.group_user,crm_masterdata.crm_masterdata_group_sales_own",
        )
        colleague = new_test_user(
            self.env,
            login="cust_tour_colleague",
            groups="base.group_user,crm_masterdata.crm_masterdata_group_sales_own",
        )
        Partner = self.env["res.partner"]
        pool = Partner.create(
            {
                "name": "巡检公海客户",
                "is_company": True,
                "crm_is_customer": True,
                "phone": "020-3888 6666",
            }
        )
        Partner.create(
            {
                "name": "巡检同事客户",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": colleague.id,
            }
        )
        self.start_tour("/odoo", "crm_customer_tour", login="cust_tour_rep")
        self.assertEqual(pool.user_id, rep)
        self.assertFalse(pool.crm_is_pool)

    def test_bulk_claim_tour_in_chinese(self):
        """The pool list's columns, a multi-selection and Claim in the list's
        header: one notification for both, then My Customers."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "in", ("crm_masterdata", "crm_customer"))]
        )._update_translations(["zh_CN"], overwrite=True)
        rep = new_test_user(
            self.env,
            login="cust_bulk_rep",
            lang="zh_CN",
            groups="base.group_user,crm_masterdata.crm_masterdata_group_sales_own",
        )
        former = new_test_user(
            self.env,
            login="cust_bulk_former",
            groups="base.group_user,crm_masterdata.crm_masterdata_group_sales_own",
        )
        first, second = self.env["res.partner"].create(
            [
                {
                    "name": name,
                    "is_company": True,
                    "crm_is_customer": True,
                    "user_id": former.id,
                }
                for name in ("巡检批量客户甲", "巡检批量客户乙")
            ]
        )
        (first | second).with_user(former)._crm_release("没有预算")
        self.start_tour(
            "/odoo/action-crm_customer.res_partner_action_pool",
            "crm_customer_bulk_claim_tour",
            login="cust_bulk_rep",
        )
        self.assertEqual((first | second).mapped("user_id"), rep)


@tagged("post_install", "-at_install")
class TestCustomerPhoneUi(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_phone_tour_claim_and_release_in_chinese(self):
        """At phone size: the pool as cards, a claim from a card with its
        notification and landing on My Customers, a release with its reason."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "in", ("crm_masterdata", "crm_customer"))]
        )._update_translations(["zh_CN"], overwrite=True)
        rep = new_test_user(
            self.env,
            login="cust_phone_rep",
            lang="zh_CN",
            groups="base.group_user,crm_masterdata.crm_masterdata_group_sales_own",
        )
        pool = self.env["res.partner"].create(
            {"name": "巡检手机公海客户", "is_company": True, "crm_is_customer": True}
        )
        self.start_tour(
            "/odoo/action-crm_customer.res_partner_action_pool",
            "crm_customer_phone_tour",
            login="cust_phone_rep",
        )
        self.assertTrue(pool.crm_is_pool)
        self.assertEqual(pool.crm_previous_owner_id, rep)
        self.assertEqual(pool.crm_release_reason, "今年没有采购计划")
        self.assertIn(
            "手机上回访：下月再联系", " ".join(pool.message_ids.mapped("body"))
        )
