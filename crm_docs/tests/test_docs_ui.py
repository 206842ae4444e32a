from odoo.tests import HttpCase, tagged

from .common import DocsCommon, build_pdf


@tagged("post_install", "-at_install")
class TestDocsPhoneUi(DocsCommon, HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_phone_tour_open_shared_document(self):
        """At phone size, a colleague opens the documents shared with them as
        cards and reads the shared document and its file; the view counts."""
        file = self._upload(self.author2, "phone-tour.pdf", build_pdf("手机查看"))
        doc = self._doc(
            self.author2,
            name="Phone tour document",
            summary="Shared for the tour",
            attachment_ids=[(6, 0, file.ids)],
        )
        doc.with_user(self.author2).share_user_ids = self.outsider
        self.start_tour(
            "/odoo/action-crm_docs.crm_document_action_shared",
            "crm_docs_phone_tour",
            login="docs_outsider",
        )
        self.assertGreaterEqual(doc.view_count, 1)
