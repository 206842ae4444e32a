from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import DocsCommon, build_docx, build_pdf


@tagged("post_install", "-at_install")
class TestDocsFiles(DocsCommon):
    """Files and versions, the administrator's limits and the content search."""

    def test_versions_kept(self):
        first = self._upload(self.author, "plan.txt", "第一版 version one".encode())
        doc = self._doc(self.author, attachment_ids=[(6, 0, first.ids)])
        self.assertEqual((first.res_model, first.res_id), ("crm.document", doc.id))
        self.assertEqual((first.crm_docs_version, first.crm_docs_current), (1, True))
        other = self._upload(self.author, "notes.txt", b"other file", document=doc)
        second = self._upload(
            self.author, "plan.txt", "第二版 version two".encode(), document=doc
        )
        doc.with_user(self.author).write(
            {"attachment_ids": [(4, other.id), (4, second.id)]}
        )
        # the new upload of plan.txt replaced the first as the current file
        self.assertEqual(doc.attachment_ids, other | second)
        self.assertEqual((second.crm_docs_version, second.crm_docs_current), (2, True))
        self.assertEqual((first.crm_docs_version, first.crm_docs_current), (1, False))
        self.assertEqual(other.crm_docs_version, 1)
        self.assertEqual(doc.with_user(self.author).version_ids, first | second | other)
        # the old version stays: readable, and not deletable by the author
        self.assertTrue(first.exists())
        with self.assertRaises(UserError):
            first.with_user(self.author).unlink()
        # only the current versions are searched
        Document = self.env["crm.document"].with_user(self.author)
        self.assertEqual(Document.search([("keyword", "ilike", "第二版")]), doc)
        self.assertFalse(Document.search([("keyword", "ilike", "第一版")]))
        # a removed file is no longer current, and kept
        doc.with_user(self.author).write({"attachment_ids": [(3, other.id)]})
        self.assertFalse(other.crm_docs_current)
        self.assertIn(other, doc.with_user(self.author).version_ids)

    def test_content_search_pdf_and_docx(self):
        pdf = self._upload(
            self.author, "续约方案.pdf", build_pdf("季度报告：复印机租赁续约方案")
        )
        docx = self._upload(
            self.author, "纪要.docx", build_docx("客户关注维修响应时间与续约价格")
        )
        doc_pdf = self._doc(self.author, name="Q3", attachment_ids=[(6, 0, pdf.ids)])
        doc_docx = self._doc(
            self.author, name="Visit", attachment_ids=[(6, 0, docx.ids)]
        )
        self._doc(self.author, name="Unrelated")
        Document = self.env["crm.document"].with_user(self.author)
        self.assertIn("租赁续约", doc_pdf.content_text)
        self.assertEqual(Document.search([("keyword", "ilike", "租赁续约")]), doc_pdf)
        self.assertEqual(Document.search([("keyword", "ilike", "维修响应")]), doc_docx)
        self.assertEqual(
            Document.search([("keyword", "ilike", "续约")]), doc_pdf | doc_docx
        )
        # title and summary too
        titled = self._doc(self.author, name="显影滚筒手册", summary="分页器校准步骤")
        self.assertEqual(Document.search([("keyword", "ilike", "显影滚筒")]), titled)
        self.assertEqual(Document.search([("keyword", "ilike", "分页器校准")]), titled)
        # the search stays within scope: another author finds nothing
        self.assertFalse(
            self.env["crm.document"]
            .with_user(self.author2)
            .search([("keyword", "ilike", "续约")])
        )

    def test_size_limit(self):
        big = b"x" * (1024 * 1024 + 1)
        count = self.env["ir.attachment"].search_count([])
        with self.assertRaisesRegex(UserError, "up to 1 MB"):
            self._upload(self.author, "big.txt", big)
        doc = self._doc(self.author)
        with self.assertRaisesRegex(UserError, "up to 1 MB"):
            self._upload(self.author, "big.txt", big, document=doc)
        self.assertEqual(self.env["ir.attachment"].search_count([]), count)
        # a file already uploaded cannot grow past it either
        small = self._upload(self.author, "small.txt", b"ok", document=doc)
        with self.assertRaisesRegex(UserError, "up to 1 MB"):
            small.with_user(self.author).write({"raw": big})
        # no limit (0): accepted
        self.company.crm_docs_max_file_mb = 0
        self._upload(self.author, "big.txt", big, document=doc)

    def test_blocked_types(self):
        doc = self._doc(self.author)
        for name in ("setup.exe", "RUN.BAT", "x.js"):
            with self.subTest(name=name), self.assertRaisesRegex(UserError, "blocked"):
                self._upload(self.author, name, b"MZ", document=doc)
        small = self._upload(self.author, "readme.txt", b"ok", document=doc)
        with self.assertRaisesRegex(UserError, "blocked"):
            small.with_user(self.author).write({"name": "readme.exe"})
        self._upload(self.author, "report.pdf", build_pdf("正常"), document=doc)

    def test_link_only_own_uploads(self):
        mine = self._doc(self.author)
        theirs = self._doc(self.author2)
        their_file = self._upload(
            self.author2, "secret.txt", b"secret", document=theirs
        )
        pending = self._upload(self.author2, "pending.txt", b"pending")
        for attachment in (their_file, pending):
            with self.subTest(file=attachment.name), self.assertRaises(UserError):
                mine.with_user(self.author).write(
                    {"attachment_ids": [(4, attachment.id)]}
                )
        # an attachment of another model cannot be pulled in
        partner_file = self.env["ir.attachment"].create(
            {
                "name": "p.txt",
                "raw": b"p",
                "res_model": "res.partner",
                "res_id": self.customer.id,
            }
        )
        with self.assertRaises(UserError):
            mine.with_user(self.author).write(
                {"attachment_ids": [(4, partner_file.id)]}
            )
        self.assertFalse(mine.attachment_ids)
        self.assertEqual(partner_file.res_model, "res.partner")

    def test_unsaved_uploads_are_cleaned(self):
        pending = self._upload(self.author, "draft.txt", b"never saved")
        kept = self._upload(self.author, "kept.txt", b"saved")
        self._doc(self.author, attachment_ids=[(6, 0, kept.ids)])
        self.env.cr.execute(
            "UPDATE ir_attachment SET create_date = now() - interval '2 days'"
            " WHERE id IN %s",
            [(pending.id, kept.id)],
        )
        self.env["ir.attachment"].invalidate_model(["create_date"])
        self.env["ir.attachment"]._gc_crm_docs_unlinked_files()
        self.assertFalse(pending.exists())
        self.assertTrue(kept.exists())

    def test_download_counted(self):
        file = self._upload(self.author, "a.txt", b"a")
        doc = self._doc(self.author, attachment_ids=[(6, 0, file.ids)])
        doc.with_user(self.author).action_submit()
        doc.with_user(self.km).write({"grade": "ordinary"})
        doc.with_user(self.km).action_publish()
        action = file.with_user(self.outsider).action_crm_docs_download()
        self.assertEqual(action["url"], f"/web/content/{file.id}?download=true")
        self.assertEqual(doc.download_count, 1)
        # views: reading the form, by anyone but the owner
        spec = {"name": {}, "view_count": {}}
        doc.with_user(self.outsider).web_read(spec)
        doc.with_user(self.author).web_read(spec)
        self.assertEqual(doc.view_count, 1)
        # a file of a document the user cannot read: refused, not counted
        private = self._upload(self.author2, "p.txt", b"p")
        self._doc(self.author2, attachment_ids=[(6, 0, private.ids)])
        with self.assertRaises(AccessError):
            private.with_user(self.outsider).action_crm_docs_download()
