import base64

from odoo.tests import HttpCase, tagged

from odoo.addons.crm_customer.tests.examples_common import ExamplesMixin

from .common import DocsCommon


@tagged("post_install", "-at_install")
class TestDocsExamples(ExamplesMixin, DocsCommon, HttpCase):
    """examples/upload_document.py runs against this server: the file goes
    up, the document holds it and names the customer; another author does not
    see it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._script_user(cls.author_rep)

    def test_upload_document_example(self):
        output = self.run_example(
            "crm_docs",
            "upload_document.py",
            self.author_rep,
            CRM_CUSTOMER_ID=self.customer_own.id,
        )
        Document = self.env["crm.document"]
        document = Document.search([("name", "=", "拜访纪要")])
        self.assertEqual(len(document), 1)
        self.assertEqual(document.create_uid, self.author_rep)
        self.assertEqual(document.partner_ids, self.customer_own)
        self.assertEqual(document.attachment_ids.mapped("name"), ["拜访纪要.txt"])
        self.assertEqual(
            base64.b64decode(document.attachment_ids.datas).decode(),
            "拜访纪要：客户计划下季度更换 5 台复印机。\n",
        )
        self.assertIn(f"(id {document.id}): 1 file(s)", output)
        self.assertFalse(
            Document.with_user(self.author2).search([("id", "=", document.id)])
        )
