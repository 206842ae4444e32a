from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged, users

from odoo.addons.mail.tools.discuss import Store

from .common import CustomerCommon

NON_CUSTOMERS = {"Supplier Ltd", "Supplier Contact"}
POOL = {"Pool Customer Ltd"}


@tagged("post_install", "-at_install")
class TestCustomerAccess(CustomerCommon):
    # ---------------------------------------------------------------- read
    def test_read_per_level(self):
        expected = {
            "rep1": self.names("rep1"),
            "lead": self.names("rep1", "rep2", "lead"),
            "mgr1": self.names("rep1", "rep2", "lead"),
            "diva": self.names("rep1", "rep2", "rep3", "lead"),
            "ops": self.names("ops"),
        }
        for key, names in expected.items():
            with self.subTest(user=key):
                self.assertEqual(self.visible(key), names | POOL | NON_CUSTOMERS)

    def test_users_partners_unaffected(self):
        """The partners of users (and companies) are no customers: readable."""
        partners = (self.users["rep3"] | self.users["admin"]).partner_id | (
            self.env.company.partner_id
        )
        as_rep1 = partners.with_user(self.users["rep1"])
        self.assertEqual(len(as_rep1.read(["name", "email"])), 3)
        self.assertFalse(any(partners.mapped("crm_is_customer")))

    def test_search_days_without_followup(self):
        Partner = self.env["res.partner"]
        ids = self.all_partners.ids
        self.customers["rep1"].crm_last_followup_date = "2000-01-01"
        self.customers["rep2"]._crm_touch_followup()
        found = Partner.search([("crm_days_no_followup", ">=", 30), ("id", "in", ids)])
        self.assertIn(self.customers["rep1"], found)
        self.assertNotIn(self.customers["rep2"], found)
        self.assertGreater(self.customers["rep1"].crm_days_no_followup, 30)
        self.assertEqual(self.customers["rep2"].crm_days_no_followup, 0)

    def test_read_all_and_administrator(self):
        everything = set(self.all_partners.mapped("name"))
        for key in ("director", "admin"):
            with self.subTest(user=key):
                self.assertEqual(self.visible(key), everything)

    def test_outsider_reads_no_customer(self):
        """An internal user without a sales role reads no customer and no
        contact of a customer; every other partner stays as Odoo has it."""
        self.assertEqual(self.visible("outsider"), NON_CUSTOMERS)
        outsider = self.users["outsider"]
        others = (
            outsider.partner_id
            | self.users["rep1"].partner_id
            | self.env.company.partner_id
            | self.employees["rep1"].work_contact_id
        )
        self.assertEqual(
            len(others.with_user(outsider).read(["name", "email"])), len(others)
        )
        for record in (self.customers["rep1"], self.contacts["rep1"], self.pool):
            with self.assertRaises(AccessError):
                record.with_user(outsider).read(["name"])
        # a customer following a document the user reads: the chatter's
        # followers still load (Odoo reads followers' partners as superuser)
        self.supplier.message_subscribe(partner_ids=self.customers["rep1"].ids)
        store = Store(
            self.supplier.with_user(outsider),
            as_thread=True,
            request_list=["followers"],
        ).get_result()
        followers = [
            row["partner"]["id"]
            for row in store.get("mail.followers", [])
            if row.get("partner")
        ]
        self.assertIn(self.customers["rep1"].id, followers)

    def test_read_foreign_customer_raises(self):
        customer = self.customers["rep2"].with_user(self.users["rep1"])
        with self.assertRaises(AccessError):
            customer.read(["name"])
        contact = self.contacts["rep2"].with_user(self.users["rep1"])
        with self.assertRaises(AccessError):
            contact.read(["name"])

    def test_pool_contacts_and_contact_data_hidden(self):
        pool = self.pool.with_user(self.users["rep1"])
        values = pool.read(["name", "phone", "email", "street"])[0]
        self.assertEqual(values["name"], "Pool Customer Ltd")
        self.assertFalse(values["phone"])
        self.assertFalse(values["email"])
        self.assertFalse(values["street"])
        with self.assertRaises(AccessError):
            self.pool_contact.with_user(self.users["rep1"]).read(["mobile"])
        # the form of a pool customer opens, without contacts
        form = pool.web_read(
            {"name": {}, "phone": {}, "child_ids": {"fields": {"name": {}}}}
        )
        self.assertFalse(form[0]["phone"])
        self.assertEqual(form[0]["child_ids"], [])
        # nor does an export of the pool and one's own customers
        export = self.env.ref("base.group_allow_export")
        export.users |= self.users["rep1"] | self.users["director"]
        own = self.customers["rep1"]
        pool2 = self.env["res.partner"].create(
            {"name": "Pool Two Ltd", "crm_is_customer": True, "phone": "020-1"}
        )
        rows = (
            pool
            + own.with_user(self.users["rep1"])
            + pool2.with_user(self.users["rep1"])
        ).export_data(["name", "phone", "street", "email", "crm_level"])["datas"]
        self.assertEqual(
            [row[:3] for row in rows],
            [
                ["Pool Customer Ltd", "", ""],
                ["Customer of rep1 Ltd", own.phone, ""],
                ["Pool Two Ltd", "", ""],
            ],
        )
        self.assertEqual(rows[0][3], "")
        # nor finds it by searching on it
        Partner = self.env["res.partner"].with_user(self.users["rep1"])
        for domain in (
            [("phone", "=", "020-3888 7777")],
            [("email", "ilike", "pool@")],
            ["|", ("name", "=", "nothing"), ("street", "ilike", "Pool Road")],
        ):
            self.assertNotIn(self.pool, Partner.search(domain), domain)
        # nor under a negation, whatever the value
        for value in ("020-3888 7777", "other"):
            self.assertNotIn(self.pool, Partner.search(["!", ("phone", "=", value)]))
        self.assertEqual(
            Partner.search([("phone", "=", self.customers["rep1"].phone)]),
            self.customers["rep1"],
        )
        self.assertIn(
            self.pool,
            self.pool.with_user(self.users["director"]).search(
                [("phone", "=", "020-3888 7777")]
            ),
        )
        # the All level and the administrators read them
        self.assertEqual(
            self.pool.with_user(self.users["director"]).export_data(["phone"])["datas"],
            [["020-3888 7777"]],
        )
        for key in ("director", "admin"):
            values = self.pool.with_user(self.users[key]).read(["phone"])[0]
            self.assertEqual(values["phone"], "020-3888 7777")
        # and so does the owner after claiming it
        pool.action_claim()
        values = pool.read(["phone"])[0]
        self.assertEqual(values["phone"], "020-3888 7777")
        self.assertEqual(Partner.search([("phone", "=", "020-3888 7777")]), pool)
        self.assertEqual(pool.child_ids.mapped("mobile"), ["13900000000"])

    # ---------------------------------------------------------------- write
    @users("cust_rep1")
    def test_own_edits_own_not_others(self):
        own = self.customers["rep1"].with_env(self.env)
        own.write({"crm_level": "a"})
        self.assertEqual(own.crm_level, "a")
        self.contacts["rep1"].with_env(self.env).write({"function": "Buyer"})
        for record in (self.customers["rep2"], self.contacts["rep2"], self.pool):
            with self.assertRaises(AccessError):
                record.with_env(self.env).write({"comment": "x"})
        with self.assertRaises(AccessError):
            self.customers["rep2"].with_env(self.env).unlink()
        # non-customers stay as Odoo has them
        self.supplier.with_env(self.env).write({"comment": "ok"})

    @users("cust_rep1")
    def test_own_creates_contacts_of_own_customers_only(self):
        Partner = self.env["res.partner"]
        contact = Partner.create(
            {"name": "New contact", "parent_id": self.customers["rep1"].id}
        )
        self.assertTrue(contact.crm_is_customer)
        self.assertEqual(contact.crm_owner_id, self.users["rep1"])
        with self.assertRaises(AccessError):
            Partner.create({"name": "Intruder", "parent_id": self.customers["rep2"].id})
        # a new customer must have an owner the user may edit: not the pool
        with self.assertRaises(AccessError):
            Partner.create({"name": "Orphan Ltd", "crm_is_customer": True})
        customer = Partner.create(
            {"name": "Mine Ltd", "crm_is_customer": True, "user_id": self.env.uid}
        )
        self.assertTrue(customer.crm_customer_code)

    @users("cust_lead")
    def test_reader_without_edit_scope_cannot_edit(self):
        customer = self.customers["rep1"].with_env(self.env)
        self.assertEqual(customer.name, "Customer of rep1 Ltd")
        with self.assertRaises(AccessError):
            customer.write({"crm_level": "b"})

    @users("cust_mgr1")
    def test_edit_within_scope(self):
        self.customers["rep1"].with_env(self.env).write({"crm_level": "b"})
        self.contacts["rep2"].with_env(self.env).write({"function": "CEO"})
        with self.assertRaises(AccessError):
            self.customers["rep3"].with_env(self.env).write({"crm_level": "b"})

    @users("cust_director")
    def test_all_reads_but_edits_own_only(self):
        customer = self.customers["rep3"].with_env(self.env)
        self.assertTrue(customer.name)
        with self.assertRaises(AccessError):
            customer.write({"crm_level": "b"})

    @users("cust_admin")
    def test_administrator_edits_all(self):
        for record in (self.customers["rep3"], self.pool, self.pool_contact):
            record.with_env(self.env).write({"comment": "checked"})

    # ---------------------------------------------------------------- follow
    def test_contacts_follow_their_company(self):
        self.assertTrue(self.contacts["rep1"].crm_is_customer)
        self.assertEqual(self.contacts["rep1"].crm_owner_id, self.users["rep1"])
        self.customers["rep1"].user_id = self.users["rep3"]
        self.assertEqual(self.contacts["rep1"].crm_owner_id, self.users["rep3"])
        self.assertNotIn("Contact of rep1", self.visible("rep1"))
        self.assertIn("Contact of rep1", self.visible("rep3"))
        # a partner that becomes a customer takes its contacts along
        self.assertFalse(self.supplier_contact.crm_is_customer)
        self.supplier.crm_is_customer = True
        self.assertTrue(self.supplier_contact.crm_is_customer)
        self.assertTrue(self.supplier.crm_customer_code)
        self.assertNotIn("Supplier Contact", self.visible("rep1"))

    def test_department_and_scope_changes(self):
        self.assertEqual(self.customers["rep1"].crm_department_id, self.dept_s1)
        self.assertNotIn("Customer of rep3 Ltd", self.visible("mgr1"))
        # rep3 moves to Sales 1: mgr1 sees rep3's customers at once
        self.employees["rep3"].department_id = self.dept_s1
        self.assertIn("Customer of rep3 Ltd", self.visible("mgr1"))

    def test_scope_search_field(self):
        Partner = self.env["res.partner"].with_user(self.users["lead"])
        found = Partner.search(
            [("crm_in_scope", "=", True), ("id", "in", self.all_partners.ids)]
        )
        self.assertEqual(
            set(found.filtered(lambda p: not p.parent_id).mapped("name")),
            {"Customer of rep1 Ltd", "Customer of rep2 Ltd", "Customer of lead Ltd"},
        )

    def _scope_sql(self, key, domain):
        Partner = self.env["res.partner"].with_user(self.users[key])
        return Partner._search(domain).select().code

    def test_scope_search_owner_clause_once(self):
        """A top-level "within my scope" leaf holds the scope: the read rule
        adds no second owner clause (nor the pool arm) to that search, so that
        PostgreSQL estimates its rows right; results are unchanged."""
        in_scope = [
            ("crm_is_customer", "=", True),
            ("parent_id", "=", False),
            ("crm_in_scope", "=", True),
        ]
        sql = self._scope_sql("mgr1", in_scope)
        self.assertEqual(sql.count('"crm_owner_id" IN'), 1)
        self.assertNotIn('"crm_is_pool"', sql)
        # Odoo's company rule still applies
        self.assertIn('"partner_share"', sql)
        # without the leaf the rule is there as before
        sql = self._scope_sql("mgr1", [("crm_is_customer", "=", True)])
        self.assertIn('"crm_is_pool"', sql)
        for key, owners in (
            ("rep1", ("rep1",)),
            ("lead", ("rep1", "rep2", "lead")),
            ("mgr1", ("rep1", "rep2", "lead")),
            ("diva", ("rep1", "rep2", "rep3", "lead")),
            ("ops", ("ops",)),
        ):
            found = (
                self.env["res.partner"]
                .with_user(self.users[key])
                .search(in_scope + [("id", "in", self.all_partners.ids)])
            )
            self.assertEqual(
                set(found.mapped("name")),
                {f"Customer of {owner} Ltd" for owner in owners},
                key,
            )
            self.assertEqual(
                found, found.with_user(self.users[key])._filtered_access("read")
            )

    def test_scope_search_leaf_under_or_keeps_the_rule(self):
        """Only a leaf joined by AND to the whole domain implies the scope: under
        an OR or a NOT the rule applies in full."""
        rep3_customer = self.customers["rep3"]
        Partner = self.env["res.partner"].with_user(self.users["rep1"])
        for domain in (
            ["|", ("crm_in_scope", "=", True), ("id", "=", rep3_customer.id)],
            ["!", ("crm_in_scope", "=", True), ("id", "=", rep3_customer.id)],
            [
                "|",
                "&",
                ("crm_in_scope", "=", True),
                ("id", "!=", 0),
                ("id", "=", rep3_customer.id),
            ],
        ):
            self.assertIn('"crm_is_pool"', self._scope_sql("rep1", domain))
            self.assertNotIn(rep3_customer, Partner.search(domain))

    def test_scope_search_subqueries_keep_the_rule(self):
        """The domain's own searches on partners (a related path) keep the
        read rule: only the searched rows' rule is implied."""
        sql = self._scope_sql(
            "rep1",
            [("crm_in_scope", "=", True), ("parent_id.name", "=", "Pool Customer Ltd")],
        )
        self.assertEqual(sql.count('"crm_is_pool"'), 1)

    def test_scope_implied_marker_cannot_be_forged(self):
        """The marker is a Python object: a context key sent as text (as over
        RPC) switches no rule off."""
        rep3_customer = self.customers["rep3"]
        Partner = (
            self.env["res.partner"]
            .with_user(self.users["rep1"])
            .with_context(crm_scope_implied="res.partner")
        )
        self.assertNotIn(rep3_customer, Partner.search([("id", "=", rep3_customer.id)]))
        with self.assertRaises(AccessError):
            rep3_customer.with_env(Partner.env).read(["name"])
        self.assertIn(
            '"crm_is_pool"',
            Partner._search([("crm_is_customer", "=", True)]).select().code,
        )

    # ---------------------------------------------------------------- data
    def test_codes_primary_contact_and_credit(self):
        codes = [c.crm_customer_code for c in self.customers.values()]
        self.assertTrue(all(codes))
        self.assertEqual(len(set(codes)), len(codes))
        with self.assertRaises(ValidationError):
            self.customers["rep2"].crm_customer_code = codes[0]
        with self.assertRaises(ValidationError):
            self.customers["rep1"].write({"crm_credit_limit": -1})
        with self.assertRaises(ValidationError):
            self.customers["rep1"].write({"crm_receivable_days": -5})
        with self.assertRaises(ValidationError):
            self.env["res.partner"].create(
                {"name": "Neg Ltd", "crm_is_customer": True, "crm_credit_limit": -10}
            )
        customer = self.customers["rep1"]
        first = self.contacts["rep1"]
        first.crm_is_primary_contact = True
        customer.write(
            {
                "child_ids": [
                    Command.create({"name": "Second", "crm_is_primary_contact": True})
                ]
            }
        )
        primary = customer.child_ids.filtered("crm_is_primary_contact")
        self.assertEqual(primary.mapped("name"), ["Second"])

    def test_history_hook_counts_contacts(self):
        self.env["res.partner"].create(
            [
                {"name": "Another", "parent_id": self.customers["rep1"].id},
                {"name": "Third", "parent_id": self.customers["rep1"].id},
            ]
        )
        customer = self.customers["rep1"]
        self.assertEqual(customer.crm_contact_count, 3)
        self.assertEqual(self.customers["rep2"].crm_contact_count, 1)
        counts = (customer | self.contacts["rep1"])._crm_history_count(
            "res.partner", partner_field="parent_id"
        )
        self.assertEqual(counts, {customer.id: 3, self.contacts["rep1"].id: 3})
        action = customer.action_crm_view_contacts()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(
            set(self.env["res.partner"].search(action["domain"]).mapped("name")),
            {"Contact of rep1", "Another", "Third"},
        )
        # counts respect the reader's rights: a salesperson reads a pool
        # customer, not its contacts
        self.assertEqual(self.pool.crm_contact_count, 1)
        self.assertEqual(self.pool.with_user(self.users["rep1"]).crm_contact_count, 0)
