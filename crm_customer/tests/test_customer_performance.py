from odoo.tests import tagged, users, warmup

from .common import CustomerCommon

LIST_SPEC = {
    "crm_customer_code": {},
    "name": {},
    "crm_customer_type_id": {"fields": {"display_name": {}}},
    "crm_customer_category_id": {"fields": {"display_name": {}}},
    "crm_level": {},
    "user_id": {"fields": {"display_name": {}}},
    "crm_department_id": {"fields": {"display_name": {}}},
    "phone": {},
    "crm_region": {},
    "city": {},
    "crm_last_followup_date": {},
    "crm_days_no_followup": {},
    "create_date": {},
}
# what the web client sends with every call (the user's language and timezone)
WEB_CONTEXT = {"lang": "en_US", "tz": "Asia/Shanghai"}
FORM_SPEC = dict(
    LIST_SPEC,
    display_name={},
    commercial_partner_id={},
    company_id={},
    crm_is_pool={},
    crm_is_customer={},
    is_company={},
    company_type={},
    active={},
    crm_contact_count={},
    crm_source_id={"fields": {"display_name": {}}},
    industry_id={"fields": {"display_name": {}}},
    crm_uscc={},
    crm_owner_date={},
    crm_credit_level={},
    crm_credit_limit={},
    crm_receivable_days={},
    crm_currency_id={"fields": {}},
    street={},
    mobile={},
    email={},
    website={},
    child_ids={
        "fields": {
            "name": {},
            "function": {},
            "mobile": {},
            "email": {},
            "crm_wechat": {},
            "crm_is_key_decision_maker": {},
            "crm_is_primary_contact": {},
        }
    },
)


@tagged("post_install", "-at_install")
class TestCustomerPerformance(CustomerCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        for key in ("rep1", "rep2", "lead"):
            Partner.create(
                [
                    {
                        "name": f"Bulk {key} {i}",
                        "is_company": True,
                        "crm_is_customer": True,
                        "user_id": cls.users[key].id,
                        "crm_customer_type_id": cls.env.ref(
                            "crm_customer.crm_customer_type_interested"
                        ).id,
                    }
                    for i in range(20)
                ]
            )
        cls.customers["rep1"].crm_customer_type_id = cls.env.ref(
            "crm_customer.crm_customer_type_formal"
        )

    @users("cust_rep1", "cust_lead", "cust_mgr1", "cust_diva", "cust_director")
    @warmup
    def test_scope_list_query_count(self):
        """The "Customers in My Scope" list, per role: the page with the display
        names of type, category, owner and department, and its count."""
        action = self.env.ref("crm_customer.res_partner_action_scope")
        domain = [
            ("crm_is_customer", "=", True),
            ("parent_id", "=", False),
            ("crm_in_scope", "=", True),
        ]
        self.assertIn("crm_in_scope", action.sudo().domain)
        Partner = self.env["res.partner"].with_context(**WEB_CONTEXT)
        self.env.invalidate_all()
        # company (Odoo's partner rule), page, count, and one per related
        # model: type, category (demo customers, for the All level), owner
        # (users' names in one query, crm_masterdata), department; target <= 8
        with self.assertQueryCount(6):
            result = Partner.web_search_read(domain, LIST_SPEC, limit=80)
        expected = {
            "cust_rep1": ("rep1",),
            "cust_lead": ("rep1", "rep2", "lead"),
            "cust_mgr1": ("rep1", "rep2", "lead"),
            "cust_diva": ("rep1", "rep2", "lead", "rep3"),
        }.get(self.env.user.login)
        owners = {row["user_id"]["id"] for row in result["records"]}
        if expected:
            self.assertEqual(owners, {self.users[key].id for key in expected})
        else:  # All: every owned customer, demo data included
            self.assertLessEqual(
                {self.users[key].id for key in ("rep1", "rep3", "ops")}, owners
            )

    @users("cust_rep1", "cust_lead", "cust_mgr1", "cust_diva", "cust_director")
    @warmup
    def test_form_query_count(self):
        customer = self.customers["rep1"].with_env(self.env(context=WEB_CONTEXT))
        # the customer's own values, its contacts and the contacts count
        core = {
            fname: ({} if spec.get("fields") else spec)
            for fname, spec in FORM_SPEC.items()
        }
        self.env.invalidate_all()
        # company (partner rule and currency), the customer, its contacts
        with self.assertQueryCount(3):
            values = customer.web_read(core)
        self.assertEqual(values[0]["name"], "Customer of rep1 Ltd")
        self.assertEqual(len(values[0]["child_ids"]), 1)
        self.assertEqual(values[0]["crm_contact_count"], 1)
        # the whole form: plus the display names of the many2one fields, one
        # query per related model (Odoo's web_read): type, owner (the users'
        # names in one query, crm_masterdata) and department; target <= 6
        self.env.invalidate_all()
        with self.assertQueryCount(6):
            values = customer.web_read(FORM_SPEC)
        self.assertEqual(values[0]["user_id"]["display_name"], "Cust rep1")
        self.assertEqual(
            values[0]["crm_department_id"]["display_name"], "Sales division / Sales 1"
        )
