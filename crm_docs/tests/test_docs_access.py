from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DocsCommon


@tagged("post_install", "-at_install")
class TestDocsAccess(DocsCommon):
    """Who reads and edits which document, over the ORM: the documents scope
    per level, sharing, reports to a superior and the knowledge base's
    visibility, each checked both ways."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.d_author = cls._doc(cls.author)
        cls.d_author2 = cls._doc(cls.author2)
        cls.d_sub = cls._doc(cls.sub_author)
        cls.d_mgr = cls._doc(cls.mgr)
        cls.d_outsider = cls._doc(cls.outsider)
        cls.docs = cls.d_author | cls.d_author2 | cls.d_sub | cls.d_mgr | cls.d_outsider

    def visible(self, user, docs=None):
        docs = docs or self.docs
        return self.env["crm.document"].with_user(user).search([("id", "in", docs.ids)])

    def test_scope_levels(self):
        expected = {
            self.author: self.d_author,
            self.author2: self.d_author2,
            self.sub_author: self.d_sub,
            self.outsider: self.d_outsider,
            self.km: self.env["crm.document"],
            self.lead: self.d_author,
            self.mgr: self.d_author | self.d_author2 | self.d_mgr,
            self.tree: self.d_author | self.d_author2 | self.d_mgr | self.d_sub,
            self.all_user: self.docs,
            self.admin_docs: self.docs,
        }
        for user, docs in expected.items():
            with self.subTest(user=user.login):
                self.assertEqual(self.visible(user), docs)
                # and reading one outside the scope is refused
                for other in self.docs - docs:
                    with self.assertRaises(AccessError):
                        other.with_user(user).read(["name"])

    def test_no_role_no_document(self):
        for user in (self.nobody, self.rep):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["crm.document"].with_user(user).search([])

    def test_edit_within_scope(self):
        # the manager with "edit within scope" edits their department's documents
        self.d_author.with_user(self.mgr).write({"summary": "Checked by the manager"})
        # the department-tree reader without it reads but does not edit
        self.d_author.with_user(self.tree).read(["name"])
        with self.assertRaises(AccessError):
            self.d_author.with_user(self.tree).write({"summary": "no"})
        with self.assertRaises(AccessError):
            self.d_author.with_user(self.author2).write({"summary": "no"})
        with self.assertRaises(AccessError):
            self.d_author.with_user(self.lead).unlink()

    def test_share_with_user_and_department(self):
        self.assertFalse(self.visible(self.author, self.d_outsider))
        self.d_outsider.with_user(self.outsider).share_user_ids = self.author
        self.assertEqual(self.visible(self.author, self.d_outsider), self.d_outsider)
        # read only: the shared reader does not edit
        with self.assertRaises(AccessError):
            self.d_outsider.with_user(self.author).write({"name": "mine now"})
        # the recipient is notified
        self.assertIn(
            self.author.partner_id,
            self.env["mail.message"]
            .search(
                [("model", "=", "crm.document"), ("res_id", "=", self.d_outsider.id)]
            )
            .partner_ids,
        )
        # a department: its members read it, its sub-departments do not
        self.assertFalse(self.visible(self.author2, self.d_outsider))
        self.d_outsider.with_user(self.outsider).share_department_ids = self.dept_a
        for user in (self.author2, self.mgr, self.tree):
            self.assertEqual(self.visible(user, self.d_outsider), self.d_outsider)
        self.assertFalse(self.visible(self.sub_author, self.d_outsider))
        # unshared: gone again
        self.d_outsider.with_user(self.outsider).write(
            {"share_user_ids": [(5,)], "share_department_ids": [(5,)]}
        )
        for user in (self.author, self.author2, self.mgr):
            self.assertFalse(self.visible(user, self.d_outsider))

    def test_share_only_with_documents_users(self):
        with self.assertRaises(Exception):  # noqa: B017 (ValidationError)
            self.d_author.with_user(self.author).share_user_ids = self.nobody

    def test_report_to_superior(self):
        # the outsider's superior is the knowledge manager (own level)
        self.env["hr.employee"].search(
            [("user_id", "=", self.outsider.id)]
        ).parent_id = self.env["hr.employee"].search([("user_id", "=", self.km.id)])
        self.assertFalse(self.visible(self.km, self.d_outsider))
        result = self.d_outsider.with_user(self.outsider).action_report_to_superior()
        self.assertEqual(result["params"]["type"], "success")
        self.assertEqual(self.d_outsider.report_user_id, self.km)
        self.assertEqual(self.visible(self.km, self.d_outsider), self.d_outsider)
        # nobody else gained it
        self.assertFalse(self.visible(self.author, self.d_outsider))
        # only the document's editors report it
        with self.assertRaises(AccessError):
            self.d_outsider.with_user(self.author).action_report_to_superior()

    def test_published_visibility(self):
        doc = self.d_author2
        doc.with_user(self.author2).action_submit()
        # submitted: the knowledge manager reads it, the company not yet
        self.assertEqual(self.visible(self.km, doc), doc)
        self.assertFalse(self.visible(self.outsider, doc))
        doc.with_user(self.km).write({"grade": "featured", "visibility": "company"})
        doc.with_user(self.km).action_publish()
        for user in (self.outsider, self.sub_author, self.author, self.lead):
            with self.subTest(visibility="company", user=user.login):
                self.assertEqual(self.visible(user, doc), doc)
        with self.assertRaises(AccessError):
            doc.with_user(self.nobody).read(["name"])
        # some departments
        doc.with_user(self.km).write(
            {
                "visibility": "departments",
                "visibility_department_ids": [(6, 0, self.dept_b.ids)],
            }
        )
        self.assertEqual(self.visible(self.outsider, doc), doc)
        self.assertFalse(self.visible(self.sub_author, doc))
        self.assertFalse(self.visible(self.author, doc))
        # managers only: the manager of a department
        doc.with_user(self.km).write({"visibility": "managers"})
        self.assertEqual(self.visible(self.mgr, doc), doc)
        self.assertFalse(self.visible(self.outsider, doc))
        self.assertFalse(self.visible(self.sub_author, doc))
        # withdrawn: back to the scope only
        doc.with_user(self.km).write({"visibility": "company"})
        doc.with_user(self.km).action_expire()
        self.assertFalse(self.visible(self.outsider, doc))
        self.assertEqual(self.visible(self.author2, doc), doc)

    def test_knowledge_manager_files_the_knowledge_base(self):
        category = self.env["crm.document.category"].create({"name": "DOC KB"})
        with self.assertRaises(AccessError):
            self.d_author.with_user(self.km).write({"category_id": category.id})
        self.d_author.with_user(self.author).action_submit()
        self.d_author.with_user(self.km).write({"category_id": category.id})
        self.assertEqual(self.d_author.category_id, category)
        # categories are kept by knowledge managers
        with self.assertRaises(AccessError):
            self.env["crm.document.category"].with_user(self.author).create(
                {"name": "x"}
            )
        self.env["crm.document.category"].with_user(self.km).create({"name": "DOC KM"})

    def test_scope_follows_hr_changes(self):
        self.assertFalse(self.visible(self.mgr, self.d_outsider))
        self.env["hr.employee"].search(
            [("user_id", "=", self.outsider.id)]
        ).department_id = self.dept_a
        self.assertEqual(self.visible(self.mgr, self.d_outsider), self.d_outsider)

    def test_partner_documents(self):
        doc = self._doc(self.author_rep, partner_ids=[(6, 0, self.customer_own.ids)])
        partner = self.customer_own.with_user(self.author_rep)
        self.assertEqual(partner.crm_document_count, 1)
        self.assertEqual(partner.crm_document_ids, doc)
        action = partner.action_crm_view_documents()
        self.assertEqual(
            self.env["crm.document"]
            .with_user(self.author_rep)
            .search(action["domain"]),
            doc,
        )
        # a sales colleague with no documents role does not see the field
        self.assertNotIn(
            "crm_document_count", self.customer.with_user(self.rep).fields_get()
        )
