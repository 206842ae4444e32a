"""Attacks on customers over XML-RPC (DESIGN.md "Trust"): every row expects a
refusal or a blank value; a few legitimate flows expect success.

Rows: every protected field written by the owner, by a manager with "edit
within scope" and by the sales administrator, with every context key the code
reads (and a few it does not); every masked field of a pool account by every
read path; users without a role in the sales app; the claim cap through
``allowed_company_ids``."""

from datetime import date, timedelta
from xmlrpc.client import Fault

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import CustomerCommon

# context keys the code reads (crm_customer_import picks the import template;
# default_* fill new records) and keys a client may try
CONTEXTS = (
    {},
    {"crm_customer_import": True},
    {"default_crm_is_customer": True, "default_user_id": 1},
    {"install_mode": True, "tracking_disable": True, "active_test": False},
    {"crm_scope_implied": "res.partner"},
)
# pool account values, each masked for salespeople below the All level
POOL_VALUES = {
    "phone": "020-3888 7777",
    "mobile": "139 1234 5678",
    "email": "pool@example.com",
    "street": "1 Pool Road",
    "street2": "Pool Tower",
    "city": "Guangzhou",
    "zip": "510000",
    "vat": "POOLVAT123",
    "ref": "POOLREF9",
    "website": "https://pool.example.com",
    "comment": "Pool secret note",
    "crm_wechat": "poolwechat",
    "function": "Buyer",
}
# computed fields that carry the masked values
POOL_DERIVED = (
    "email_formatted",
    "email_normalized",
    "phone_sanitized",
    "contact_address",
    "contact_address_inline",
    "crm_phone_normalized",
    "crm_mobile_normalized",
)
FAULT_LOGGERS = ("odoo.http", "odoo.addons.base.models.ir_rule")


@tagged("post_install", "-at_install")
class TestCustomerAttack(CustomerCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool.write(POOL_VALUES)
        cls.pool2 = cls.env["res.partner"].create(
            {
                "name": "Pool Second Ltd",
                "is_company": True,
                "crm_is_customer": True,
                "phone": "010-1111 0000",
                "email": "another@example.com",
                "street": "99 Zzz Road",
                "crm_wechat": "aaawechat",
                "city": "Beijing",
                "zip": "100000",
                "vat": "AAAVAT",
                "mobile": "130 0000 0000",
            }
        )
        # Odoo's default user template (Contact Creation, export), and Contact
        # Creation alone: internal users without a role in the sales app
        cls.users["template"] = new_test_user(
            cls.env,
            login="cust_template",
            password="cust_template_pw",
            groups="base.group_user,base.group_partner_manager,base.group_allow_export",
            name="Cust template",
        )
        cls.users["creator"] = new_test_user(
            cls.env,
            login="cust_creator",
            password="cust_creator_pw",
            groups="base.group_user,base.group_partner_manager",
            name="Cust creator",
        )
        for key in ("rep1", "lead", "mgr1", "director", "admin"):
            cls.users[key].groups_id |= cls.env.ref("base.group_allow_export")
        cls.partner_fields = set(cls.env["res.partner"]._fields)

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def rpc(self, key, model, method, *args, context=None, **kwargs):
        login, password = f"cust_{key}", f"cust_{key}_pw"
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, password, {})
        self.assertTrue(uid, f"{login} could not log in")
        if context is not None:
            kwargs["context"] = context
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, password, model, method, list(args), kwargs
        )

    def refused(self, key, model, method, *args, expect=None, **kwargs):
        """The call fails; ``expect``: a text its fault names."""
        with self.assertRaises(Fault) as caught, mute_logger(*FAULT_LOGGERS):
            self.rpc(key, model, method, *args, **kwargs)
        if expect:
            self.assertIn(expect, caught.exception.faultString)
        return caught.exception

    def masked_fields(self):
        return [
            f
            for f in list(POOL_VALUES) + list(POOL_DERIVED)
            if f in self.partner_fields
        ]

    # ------------------------------------------------------------------
    # protected fields
    # ------------------------------------------------------------------
    def test_protected_fields_refused(self):
        rep1, rep2 = self.users["rep1"], self.users["rep2"]
        customer, contact = self.customers["rep1"], self.contacts["rep1"]
        rows = [
            ("user_id", rep2.id),
            ("crm_owner_id", rep2.id),
            ("crm_department_id", self.dept_s2.id),
            ("crm_is_pool", True),
            ("crm_owner_date", "2099-01-01"),
            ("crm_previous_owner_id", rep2.id),
            ("crm_released_date", "2099-01-01"),
            ("crm_last_followup_date", "2099-01-01"),
            ("crm_customer_code", "HACK-1"),
            ("crm_is_customer", False),
        ]
        before = customer.read([name for name, __ in rows])[0]
        for actor in ("rep1", "mgr1", "admin"):
            for context in CONTEXTS:
                for fname, value in rows:
                    targets = [customer]
                    if fname not in ("user_id", "crm_is_customer"):
                        targets.append(contact)
                    for target in targets:
                        with self.subTest(
                            actor=actor, field=fname, target=target.name, ctx=context
                        ):
                            self.refused(
                                actor,
                                "res.partner",
                                "write",
                                [target.id],
                                {fname: value},
                                context=context,
                                expect="can only be changed",
                            )
        customer.invalidate_recordset()
        self.assertEqual(customer.read([name for name, __ in rows])[0], before)
        self.assertEqual(customer.user_id, rep1)
        # nor given when a customer is created
        for fname, value in rows:
            if fname in ("user_id", "crm_is_customer", "crm_owner_id"):
                continue
            with self.subTest(create=fname):
                self.refused(
                    "rep1",
                    "res.partner",
                    "create",
                    {
                        "name": f"Created with {fname}",
                        "is_company": True,
                        "crm_is_customer": True,
                        "user_id": rep1.id,
                        fname: value,
                    },
                    expect="can only be changed",
                )

    def test_credit_terms_refused_to_salespeople(self):
        customer = self.customers["rep1"]
        for actor in ("rep1", "lead"):
            for context in CONTEXTS:
                for vals in (
                    {"crm_credit_policy": "none"},
                    {"crm_credit_policy": "limit", "crm_credit_limit": 1e9},
                ):
                    with self.subTest(actor=actor, vals=vals, ctx=context):
                        self.refused(
                            actor,
                            "res.partner",
                            "write",
                            [customer.id],
                            vals,
                            context=context,
                        )
        self.assertEqual(customer.crm_credit_policy, "none")
        self.rpc(
            "mgr1",
            "res.partner",
            "write",
            [customer.id],
            {"crm_credit_policy": "cash"},
        )
        self.assertEqual(customer.crm_credit_policy, "cash")

    def test_private_methods_refused(self):
        customer = self.customers["rep1"]
        for method, args in (
            ("_crm_touch_followup", ()),
            ("_crm_set_owner", (self.users["rep1"].id, "x")),
            ("_crm_assign", (self.users["rep1"].id, "x")),
            ("_crm_lock_accounts", ()),
        ):
            with self.subTest(method=method):
                self.refused(
                    "rep1",
                    "res.partner",
                    method,
                    [customer.id],
                    *args,
                    expect="Private methods",
                )
        self.assertFalse(customer.crm_last_followup_date)

    def test_followup_wizard_needs_edit_rights(self):
        customer = self.customers["rep1"]
        for key in ("rep2", "lead", "director", "outsider"):
            with self.subTest(user=key):
                try:
                    with mute_logger(*FAULT_LOGGERS):
                        wizard_id = self.rpc(
                            key,
                            "crm.customer.followup",
                            "create",
                            {"partner_id": customer.id, "kind": "visit"},
                        )
                except Fault:
                    continue  # no access to the wizard at all
                self.refused(
                    key, "crm.customer.followup", "action_confirm", [wizard_id]
                )
        self.assertFalse(customer.crm_last_followup_date)

    # ------------------------------------------------------------------
    # users without a role in the sales app
    # ------------------------------------------------------------------
    def test_users_without_sales_role(self):
        customers = [c.id for c in self.customers.values()]
        contacts = [c.id for c in self.contacts.values()]
        everything = customers + contacts + [self.pool.id, self.pool_contact.id]
        for key in ("outsider", "template", "creator"):
            with self.subTest(user=key):
                found = self.rpc(
                    key, "res.partner", "search", [("id", "in", everything)]
                )
                self.assertEqual(found, [])
                self.assertEqual(
                    self.rpc(
                        key,
                        "res.partner",
                        "search_count",
                        [("crm_is_customer", "=", True)],
                    ),
                    0,
                )
                groups = self.rpc(
                    key,
                    "res.partner",
                    "read_group",
                    [("id", "in", everything)],
                    ["phone"],
                    ["phone"],
                )
                self.assertEqual(groups, [])
                for record in (customers[0], contacts[0], self.pool.id):
                    self.refused(key, "res.partner", "read", [record], ["name"])
                    self.refused(
                        key, "res.partner", "export_data", [record], ["name", "mobile"]
                    )
                # the user's own partner and the other users' stay readable
                own = self.users[key].partner_id.id
                colleague = self.users["rep1"].partner_id.id
                rows = self.rpc(key, "res.partner", "read", [own, colleague], ["name"])
                self.assertEqual(len(rows), 2)
        # Contact Creation changes no customer, its owner least of all
        creator_id = self.users["creator"].id
        for target, vals in (
            (self.customers["rep1"].id, {"user_id": creator_id}),
            (self.customers["rep1"].id, {"name": "Renamed"}),
            (self.contacts["rep1"].id, {"mobile": "000"}),
            (self.pool.id, {"user_id": creator_id}),
            (self.supplier.id, {"crm_is_customer": True, "user_id": creator_id}),
            (self.supplier_contact.id, {"parent_id": self.customers["rep1"].id}),
        ):
            with self.subTest(creator_writes=vals):
                self.refused("creator", "res.partner", "write", [target], vals)
        self.refused(
            "creator",
            "res.partner",
            "create",
            {"name": "Sneaky contact", "parent_id": self.customers["rep1"].id},
        )
        self.refused(
            "creator",
            "res.partner",
            "create",
            {"name": "Sneaky Ltd", "crm_is_customer": True, "user_id": creator_id},
        )
        self.refused("creator", "res.partner", "unlink", [self.customers["rep1"].id])
        self.assertEqual(self.customers["rep1"].user_id, self.users["rep1"])
        self.assertFalse(self.supplier.crm_is_customer)
        # their own partners and non-customers: as Odoo has them
        self.rpc("creator", "res.partner", "write", [self.supplier.id], {"ref": "S1"})
        self.assertEqual(self.supplier.ref, "S1")

    # ------------------------------------------------------------------
    # masking of pool accounts
    # ------------------------------------------------------------------
    def test_masked_fields_by_every_read_path(self):
        fields = self.masked_fields()
        pool = self.pool.id
        # the director (All) reads the values: the rows below can fail
        plain = self.rpc("director", "res.partner", "read", [pool], fields)[0]
        for fname in fields:
            self.assertTrue(plain[fname], f"{fname} is empty for the director")
        for key in ("rep1", "lead", "mgr1"):
            reads = {
                "read": self.rpc(key, "res.partner", "read", [pool], fields)[0],
                "search_read": self.rpc(
                    key,
                    "res.partner",
                    "search_read",
                    [("id", "=", pool)],
                    fields=fields,
                )[0],
                "web_read": self.rpc(
                    key,
                    "res.partner",
                    "web_read",
                    [pool],
                    {fname: {} for fname in fields},
                )[0],
                "web_search_read": self.rpc(
                    key,
                    "res.partner",
                    "web_search_read",
                    [("id", "=", pool)],
                    {fname: {} for fname in fields},
                )["records"][0],
            }
            for path, values in reads.items():
                for fname in fields:
                    with self.subTest(user=key, path=path, field=fname):
                        self.assertFalse(values[fname])
            export = self.rpc(key, "res.partner", "export_data", [pool], fields)
            for fname, value in zip(fields, export["datas"][0], strict=True):
                with self.subTest(user=key, path="export", field=fname):
                    self.assertFalse(value)
            # through another record's path
            export = self.rpc(
                key,
                "res.partner",
                "export_data",
                [pool],
                [f"commercial_partner_id/{fname}" for fname in fields],
            )
            for fname, value in zip(fields, export["datas"][0], strict=True):
                with self.subTest(user=key, path="export m2o", field=fname):
                    self.assertFalse(value)
            # the form's onchange of the pool account
            result = self.rpc(
                key,
                "res.partner",
                "onchange",
                [pool],
                {"crm_level": "a"},
                ["crm_level"],
                {fname: {} for fname in fields + ["crm_level"]},
            )
            for fname in fields:
                with self.subTest(user=key, path="onchange", field=fname):
                    self.assertFalse(result["value"].get(fname))
            # what is allowed stays readable
            values = self.rpc(
                key,
                "res.partner",
                "read",
                [pool],
                ["name", "crm_customer_code", "display_name"],
            )[0]
            self.assertEqual(values["name"], "Pool Customer Ltd")
            self.assertTrue(values["crm_customer_code"])

    def test_masked_fields_search(self):
        pool = self.pool.id
        searchable = [f for f in POOL_VALUES if f in self.partner_fields] + [
            f
            for f in ("email_normalized", "phone_sanitized")
            if f in self.partner_fields
        ]
        values = {k: str(v) for k, v in self.pool.read(searchable)[0].items()}
        self.assertIn(
            pool,
            self.rpc(
                "director", "res.partner", "search", [("phone", "=", values["phone"])]
            ),
        )
        for fname in searchable:
            value = values[fname]
            for domain in (
                [(fname, "=", value)],
                [(fname, "ilike", value[:5])],
                [(fname, "=like", value[:3] + "%")],
                [(fname, "!=", False)],
                [(fname, "in", [value])],
                [("commercial_partner_id." + fname, "=", value)],
                ["!", (fname, "!=", value)],
            ):
                with self.subTest(domain=domain):
                    found = self.rpc("rep1", "res.partner", "search", domain)
                    self.assertNotIn(pool, found)
                    count = self.rpc(
                        "rep1",
                        "res.partner",
                        "search_count",
                        domain + [("id", "=", pool)],
                    )
                    self.assertEqual(count, 0)
        if "phone_mobile_search" in self.partner_fields:
            found = self.rpc(
                "rep1",
                "res.partner",
                "search",
                [("phone_mobile_search", "like", "3888")],
            )
            self.assertNotIn(pool, found)
        # name_search and display_name searches match the name only
        for text in ("pool@example.com", "POOLVAT123", "POOLREF9"):
            with self.subTest(name_search=text):
                found = self.rpc("rep1", "res.partner", "name_search", text)
                self.assertNotIn(pool, [row[0] for row in found])
                found = self.rpc(
                    "rep1", "res.partner", "search", [("display_name", "ilike", text)]
                )
                self.assertNotIn(pool, found)
        found = self.rpc("rep1", "res.partner", "name_search", "Pool Customer")
        self.assertIn(pool, [row[0] for row in found])
        # the mail composer's suggestions
        for text in ("pool@", "Pool Customer"):
            result = self.rpc("rep1", "res.partner", "get_mention_suggestions", text)
            for row in result.get("res.partner", []):
                if row["id"] == pool:
                    self.assertNotEqual(text, "pool@")
                    self.assertFalse(row.get("email"))

    def test_masked_chatter(self):
        note = self.pool.message_post(
            body="Former owner: call 139 1234 5678",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            author_id=self.users["rep3"].partner_id.id,
        )
        domain = [("model", "=", "res.partner"), ("res_id", "=", self.pool.id)]
        self.assertIn(note.id, self.rpc("director", "mail.message", "search", domain))
        for key in ("rep1", "lead", "mgr1"):
            with self.subTest(user=key):
                self.assertNotIn(
                    note.id, self.rpc(key, "mail.message", "search", domain)
                )
                self.refused(key, "mail.message", "read", [note.id], ["body"])
        # the chatter of an account in scope stays readable
        own = self.customers["rep2"].message_post(
            body="Visited", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertEqual(
            self.rpc("lead", "mail.message", "read", [own.id], ["body"])[0]["body"],
            "<p>Visited</p>",
        )

    def test_masked_files_and_pictures(self):
        # a 1x1 PNG as the pool account's logo, and a business card file
        png = (
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAE"
            "hQGAhKmMIQAAAABJRU5ErkJggg=="
        )
        self.pool.image_1920 = png
        card = self.env["ir.attachment"].create(
            {
                "name": "card.txt",
                "raw": b"mobile 139 1234 5678",
                "res_model": "res.partner",
                "res_id": self.pool.id,
            }
        )
        domain = [("res_model", "=", "res.partner"), ("res_id", "=", self.pool.id)]
        self.assertIn(card.id, self.rpc("director", "ir.attachment", "search", domain))
        for key in ("rep1", "lead"):
            with self.subTest(user=key):
                self.assertNotIn(
                    card.id, self.rpc(key, "ir.attachment", "search", domain)
                )
                self.refused(key, "ir.attachment", "read", [card.id], ["raw"])
        # /web/image: the placeholder for them, the logo for the All level
        images = {}
        for key in ("director", "rep1"):
            self.authenticate(f"cust_{key}", f"cust_{key}_pw")
            response = self.url_open(f"/web/image/res.partner/{self.pool.id}/image_128")
            self.assertEqual(response.status_code, 200)
            images[key] = response.content
        self.assertNotEqual(images["director"], images["rep1"])

    def test_masked_fields_display_name(self):
        pool = self.pool.id
        contexts = (
            {"show_address": True},
            {"show_email": True},
            {"show_vat": True},
            {"show_address": True, "address_inline": True, "show_email": True},
        )
        for context in contexts:
            with self.subTest(context=context):
                plain = self.rpc(
                    "director",
                    "res.partner",
                    "web_read",
                    [pool],
                    {"display_name": {}},
                    context=context,
                )[0]["display_name"]
                self.assertNotEqual(plain, "Pool Customer Ltd")
                for method in ("web_read", "read"):
                    if method == "read":
                        row = self.rpc(
                            "rep1",
                            "res.partner",
                            "read",
                            [pool],
                            ["display_name"],
                            context=context,
                        )[0]
                    else:
                        row = self.rpc(
                            "rep1",
                            "res.partner",
                            "web_read",
                            [pool],
                            {"display_name": {}},
                            context=context,
                        )[0]
                    self.assertEqual(row["display_name"], "Pool Customer Ltd")
                found = self.rpc(
                    "rep1",
                    "res.partner",
                    "name_search",
                    "Pool Customer",
                    context=context,
                )
                self.assertIn([pool, "Pool Customer Ltd"], found)

    def test_masked_fields_group_and_order(self):
        pools = [self.pool.id, self.pool2.id]
        domain = [("id", "in", pools)]
        groupable = [
            f
            for f in list(POOL_VALUES) + ["email_normalized", "phone_sanitized"]
            if f in self.partner_fields and self.env["res.partner"]._fields[f].store
        ]
        for fname in groupable:
            with self.subTest(group_by=fname):
                plain = self.rpc(
                    "director", "res.partner", "read_group", domain, [fname], [fname]
                )
                self.assertEqual(len(plain), 2, f"{fname}: two values for All")
                groups = self.rpc(
                    "rep1",
                    "res.partner",
                    "read_group",
                    domain,
                    ["__count"],
                    [fname],
                    lazy=False,
                )
                self.assertEqual([g[fname] for g in groups], [False])
                self.assertEqual(groups[0]["__count"], 2)
                web = self.rpc(
                    "rep1",
                    "res.partner",
                    "web_read_group",
                    domain,
                    ["__count"],
                    [fname],
                )
                self.assertEqual([g[fname] for g in web["groups"]], [False])
                aggregate = self.rpc(
                    "rep1",
                    "res.partner",
                    "read_group",
                    domain,
                    [f"{fname}:count_distinct", f"{fname}:max"],
                    [],
                )[0]
                self.assertFalse(aggregate[fname])
            # ordering: both ways the same, as if the field were blank
            with self.subTest(order_by=fname):
                plain_asc = self.rpc(
                    "director", "res.partner", "search", domain, order=f"{fname} asc"
                )
                plain_desc = self.rpc(
                    "director", "res.partner", "search", domain, order=f"{fname} desc"
                )
                self.assertNotEqual(plain_asc, plain_desc)
                asc = self.rpc(
                    "rep1", "res.partner", "search", domain, order=f"{fname} asc, id"
                )
                desc = self.rpc(
                    "rep1", "res.partner", "search", domain, order=f"{fname} desc, id"
                )
                self.assertEqual(asc, desc)
                self.assertEqual(asc, sorted(pools))

    # ------------------------------------------------------------------
    # claims
    # ------------------------------------------------------------------
    def test_claim_cap_from_the_customers_company(self):
        main = self.env.company
        other = self.env["res.company"].create(
            {"name": "Cust Other Co", "crm_customer_max_per_user": 0}
        )
        self.users["rep1"].company_ids |= other
        main.crm_customer_max_per_user = 1  # rep1 owns one customer already
        for context in (
            {"allowed_company_ids": [other.id, main.id]},
            {"allowed_company_ids": [other.id]},
            {"company_id": other.id},
        ):
            with self.subTest(context=context), mute_logger(*FAULT_LOGGERS):
                try:
                    self.rpc(
                        "rep1",
                        "res.partner",
                        "action_claim",
                        [self.pool.id],
                        context=context,
                    )
                except Fault as fault:
                    self.assertRegex(fault.faultString, "at most 1|Access|access")
                else:
                    self.fail(f"claimed past the cap with {context}")
                self.assertTrue(self.pool.crm_is_pool)
        # counted per company: a pool account of the other company may be claimed
        other.crm_customer_max_per_user = 1
        theirs = self.env["res.partner"].create(
            {
                "name": "Other Co Pool Ltd",
                "is_company": True,
                "crm_is_customer": True,
                "company_id": other.id,
            }
        )
        self.rpc(
            "rep1",
            "res.partner",
            "action_claim",
            [theirs.id],
            context={"allowed_company_ids": [main.id, other.id]},
        )
        self.assertEqual(theirs.user_id, self.users["rep1"])

    def test_archive_delete_release_over_rpc(self):
        """Salespeople neither archive nor delete customers, whatever the
        context or the path (write, action_archive, unlink); managers in scope
        do. The release wizard and the bulk claim keep their checks."""
        own = self.customers["rep1"]
        for context in CONTEXTS:
            for key in ("rep1", "lead"):
                for method, args in (
                    ("write", ([own.id], {"active": False})),
                    ("action_archive", ([own.id],)),
                    ("unlink", ([own.id],)),
                ):
                    with self.subTest(key=key, method=method, context=context):
                        self.refused(key, "res.partner", method, *args, context=context)
        self.assertTrue(own.exists() and own.active)
        # the release wizard on someone else's customer, a forged reason field
        wizard_id = self.rpc(
            "rep2",
            "crm.customer.release",
            "create",
            {"partner_ids": [(6, 0, [own.id])], "reason": "Mine now"},
        )
        self.refused("rep2", "crm.customer.release", "action_confirm", [wizard_id])
        self.refused(
            "rep1",
            "res.partner",
            "write",
            [own.id],
            {"crm_release_reason": "forged"},
            expect="Reason Returned to Pool",
        )
        self.refused("rep1", "res.partner", "_crm_release", [own.id], "x")
        self.assertEqual(own.user_id, self.users["rep1"])
        # bulk claim keeps the cap
        self.env.company.crm_customer_max_per_user = 2  # rep2 owns one
        pool = self.env["res.partner"].create(
            [
                {"name": f"RPC Pool {i}", "is_company": True, "crm_is_customer": True}
                for i in range(3)
            ]
        )
        result = self.rpc("rep2", "res.partner", "action_claim", pool.ids)
        self.assertIn("1 customer(s) claimed", result["params"]["message"])
        self.assertEqual(len(pool.filtered(lambda p: p.user_id)), 1)
        # managers in scope archive, restore and delete
        self.rpc("mgr1", "res.partner", "write", [own.id], {"active": False})
        self.assertFalse(own.active)
        self.rpc("mgr1", "res.partner", "write", [own.id], {"active": True})
        self.assertTrue(own.active)
        self.rpc("admin", "res.partner", "unlink", [pool[-1].id])
        self.assertFalse(pool[-1].exists())

    # ------------------------------------------------------------------
    # legitimate flows
    # ------------------------------------------------------------------
    def test_legitimate_flows(self):
        rep1 = self.users["rep1"]
        customer = self.customers["rep1"]
        self.rpc("rep1", "res.partner", "write", [customer.id], {"crm_level": "a"})
        self.assertEqual(customer.crm_level, "a")
        new_id = self.rpc(
            "rep1",
            "res.partner",
            "create",
            {
                "name": "Legit New Ltd",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": rep1.id,
                "child_ids": [(0, 0, {"name": "Legit Contact", "user_id": rep1.id})],
            },
            context={"default_crm_is_customer": True, "crm_customer_import": True},
        )
        new = self.env["res.partner"].browse(new_id)
        self.assertTrue(new.crm_customer_code)
        self.assertEqual(new.crm_owner_id, rep1)
        # the follow-up wizard, two calls
        wizard_id = self.rpc(
            "rep1",
            "crm.customer.followup",
            "create",
            {
                "partner_id": customer.id,
                "kind": "visit",
                "note": "Met the buyer",
                "next_date": str(date.today() + timedelta(days=7)),
            },
        )
        action = self.rpc(
            "rep1", "crm.customer.followup", "action_confirm", [wizard_id]
        )
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(customer.crm_last_followup_date, date.today())
        # a claim, an assignment by a manager in scope
        self.rpc("rep2", "res.partner", "action_claim", [self.pool.id])
        self.assertEqual(self.pool.user_id, self.users["rep2"])
        wizard_id = self.rpc(
            "mgr1",
            "crm.customer.assign",
            "create",
            {
                "partner_ids": [(6, 0, [self.pool.id])],
                "user_id": rep1.id,
                "reason": "Territory",
            },
        )
        self.rpc("mgr1", "crm.customer.assign", "action_confirm", [wizard_id])
        self.assertEqual(self.pool.user_id, rep1)
        # the All level reads a pool account's contact data
        action = self.rpc("rep1", "res.partner", "action_release", [self.pool.id])
        wizard_id = self.rpc(
            "rep1",
            "crm.customer.release",
            "create",
            {"reason": "No project"},
            context=action["context"],
        )
        result = self.rpc("rep1", "crm.customer.release", "action_confirm", [wizard_id])
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(self.pool.crm_release_reason, "No project")
        row = self.rpc("director", "res.partner", "read", [self.pool.id], ["phone"])
        self.assertEqual(row[0]["phone"], POOL_VALUES["phone"])
