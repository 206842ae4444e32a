from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.crm_customer.models.res_partner_duplicate import (
    normalize_name,
    normalize_phone,
)

from .common import CustomerCommon

USCC = "91310000MA1FL1234Q"  # valid check digit; the demo data does not use it
USCC_2 = "91110108MA01ABCDEN"


@tagged("post_install", "-at_install")
class TestCustomerDuplicate(CustomerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the demo data may use the same codes: keep this test independent
        cls.env["res.partner"].with_context(active_test=False).search(
            [("crm_uscc", "in", [USCC, USCC_2])]
        ).write({"crm_uscc": False})

    def test_normalize_name(self):
        base = normalize_name("上海华信科技")
        self.assertEqual(base, "上海华信科技")
        for variant in (
            "上海华信科技有限公司",
            "上海华信科技有限责任公司",
            "上海华信科技股份有限公司",
            "上海 华信 科技 有限公司",
            "上海华信科技（集团）有限公司",
            "上海华信科技(集团)有限公司",
            "上海华信(科技)有限公司",
            "上海华信（科技）",
            "上海华信科技\u3000有限公司",
        ):
            with self.subTest(variant=variant):
                self.assertEqual(normalize_name(variant), base)
        self.assertEqual(
            normalize_name("ＡＢＣ Trading Co"), normalize_name("abc trading co")
        )
        self.assertNotEqual(normalize_name("上海华信贸易有限公司"), base)
        self.assertEqual(normalize_name("有限公司"), "有限公司")
        self.assertFalse(normalize_name(""))

    def test_normalize_phone(self):
        for variant in (
            "13800138000",
            "+86 138 0013 8000",
            "+86-138-0013-8000",
            "0086 13800138000",
            "8613800138000",
            "138-0013-8000",
        ):
            with self.subTest(variant=variant):
                self.assertEqual(normalize_phone(variant), "13800138000")
        self.assertEqual(normalize_phone("021-6888 1234"), "02168881234")
        self.assertEqual(normalize_phone("+86 21 6888 1234"), "02168881234")
        self.assertEqual(normalize_phone("(021) 6888-1234"), "02168881234")
        self.assertFalse(normalize_phone(" - "))

    def test_uscc_validation_and_uniqueness(self):
        Partner = self.env["res.partner"]
        with self.assertRaisesRegex(
            ValidationError, "not a valid unified social credit code"
        ):
            Partner.create(
                {
                    "name": "Bad Code Ltd",
                    "crm_is_customer": True,
                    "crm_uscc": "91310000MA1FL1234X",
                }
            )
        first = Partner.create(
            {
                "name": "Code Ltd",
                "is_company": True,
                "crm_is_customer": True,
                "crm_uscc": USCC.lower(),
            }
        )
        self.assertEqual(first.crm_uscc, USCC)
        with self.assertRaisesRegex(
            ValidationError, "already used by the customer Code Ltd"
        ):
            Partner.create(
                {
                    "name": "Other Ltd",
                    "is_company": True,
                    "crm_is_customer": True,
                    "crm_uscc": USCC,
                }
            )
        second = Partner.create(
            {
                "name": "Other Ltd",
                "is_company": True,
                "crm_is_customer": True,
                "crm_uscc": USCC_2,
            }
        )
        with self.assertRaises(ValidationError):
            second.crm_uscc = USCC
        self.assertEqual(second.crm_uscc, USCC_2)
        # another company may register the same organisation
        company = self.env["res.company"].create({"name": "Second Company"})
        Partner.create(
            {
                "name": "Code Ltd",
                "is_company": True,
                "crm_is_customer": True,
                "crm_uscc": USCC,
                "company_id": company.id,
            }
        )

    def test_same_name_refused_with_owner(self):
        Partner = self.env["res.partner"].with_user(self.users["rep2"])
        with self.assertRaisesRegex(
            ValidationError, r"Customer of rep1 Ltd \(Cust rep1\)"
        ):
            Partner.create(
                {
                    "name": "Customer of  REP1 Ltd（集团）有限公司",
                    "is_company": True,
                    "crm_is_customer": True,
                    "user_id": self.users["rep2"].id,
                }
            )
        with self.assertRaisesRegex(
            ValidationError, r"Pool Customer Ltd \(in the pool\)"
        ):
            Partner.create(
                {
                    "name": "Pool Customer Ltd",
                    "is_company": True,
                    "crm_is_customer": True,
                    "user_id": self.users["rep2"].id,
                }
            )
        # individuals may share a name
        for _i in range(2):
            Partner.create(
                {
                    "name": "张伟",
                    "crm_is_customer": True,
                    "user_id": self.users["rep2"].id,
                }
            )

    def test_find_duplicates_tells_name_and_owner_only(self):
        Partner = self.env["res.partner"].with_user(self.users["rep2"])
        matches = Partner._crm_find_duplicates(phones=["+86 21 5555 000"])
        self.assertEqual(
            matches,
            [
                {
                    "partner_id": self.customers["rep1"].id,
                    "name": "Customer of rep1 Ltd",
                    "owner": "Cust rep1",
                    "reason": "phone",
                }
            ],
        )
        # a contact's mobile leads to its company
        matches = Partner._crm_find_duplicates(phones=["139-0000-0000"])
        self.assertEqual([m["owner"] for m in matches], ["in the pool"])
        wizard = (
            self.env["crm.customer.duplicate"]
            .with_user(self.users["rep2"])
            .create({"name": "customer of rep3 ltd 有限公司", "phone": "13800000000"})
        )
        wizard.action_search()
        self.assertEqual(
            set(wizard.line_ids.mapped("name")),
            {f"Customer of {k} Ltd" for k in ("rep1", "rep2", "rep3", "lead", "ops")},
        )
        rep3 = wizard.line_ids.filtered(
            lambda line: line.name == "Customer of rep3 Ltd"
        )
        self.assertEqual(rep3.owner, "Cust rep3")
        self.assertEqual(rep3.reason, "name, phone")

    def test_check_duplicates_button_and_onchange(self):
        self.customers["rep1"].phone = self.customers["rep2"].phone
        customer = self.customers["rep1"].with_user(self.users["rep1"])
        action = customer.action_crm_check_duplicates()
        wizard = self.env["crm.customer.duplicate"].browse(action["res_id"])
        self.assertEqual(wizard.match_count, 1)
        self.assertEqual(wizard.line_ids.name, "Customer of rep2 Ltd")
        self.assertEqual(wizard.line_ids.owner, "Cust rep2")
        new = (
            self.env["res.partner"]
            .with_user(self.users["rep2"])
            .new(
                {
                    "name": "New Unique Name Ltd",
                    "is_company": True,
                    "crm_is_customer": True,
                    "phone": "020 3888 7777",  # the pool customer's
                }
            )
        )
        warning = new._onchange_crm_duplicates()["warning"]
        self.assertIn("Pool Customer Ltd (in the pool): same phone", warning["message"])
        new.phone = "020 3888 7778"
        self.assertFalse(new._onchange_crm_duplicates())

    def test_import_applies_duplicate_check(self):
        Partner = self.env["res.partner"].with_context(
            default_crm_is_customer=True,
            default_is_company=True,
            crm_customer_import=True,
        )
        templates = Partner.get_import_templates()
        self.assertIn("crm_customer_template.xlsx", templates[0]["template"])
        fields = ["name", "crm_uscc", "phone", "user_id/id"]
        with mute_logger("odoo.sql_db"):
            result = Partner.load(
                fields,
                [
                    ["Imported One Ltd", USCC, "021-1234 5678", ""],
                    ["Customer of rep2 Ltd", "", "", ""],
                ],
            )
        self.assertTrue(result["messages"])
        self.assertIn("same name", result["messages"][0]["message"])
        self.assertFalse(Partner.search([("name", "=", "Imported One Ltd")]))
        result = Partner.load(fields, [["Imported One Ltd", USCC, "021-1234 5678", ""]])
        self.assertFalse(result["messages"])
        imported = Partner.browse(result["ids"])
        self.assertTrue(imported.crm_is_customer)
        self.assertTrue(imported.crm_customer_code)
        self.assertEqual(imported.crm_phone_normalized, "02112345678")
