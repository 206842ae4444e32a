import base64
import os
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

DOCUMENT = "crm.document"


class IrAttachment(models.Model):
    """The files of documents are ordinary attachments of ``crm.document``
    (``res_model``/``res_id``): Odoo reads them only for users who read their
    document, through every path (read, search, ``/web/content``)."""

    _inherit = "ir.attachment"
    # set by the documents' own code only (checked in create and write below;
    # ir.attachment does not use crm.protected.mixin)
    _crm_protected_fields = ("crm_docs_version", "crm_docs_current")

    crm_docs_version = fields.Integer(
        string="Version",
        readonly=True,
        copy=False,
        help="Version of the document's file of this name (1 for the first upload).",
    )
    crm_docs_current = fields.Boolean(
        string="Current Version", readonly=True, copy=False
    )

    # ------------------------------------------------------------------
    # limits
    # ------------------------------------------------------------------
    @api.model
    def _crm_docs_check_file(self, name, size, company=None):
        """Refuse a file that the company's settings do not allow on
        documents: larger than the limit, or of a blocked type."""
        company = company or self.env.company
        extension = os.path.splitext(name or "")[1].lstrip(".").lower()
        if extension and extension in company._crm_docs_blocked_extensions():
            raise UserError(
                self.env._(
                    "Files of type .%(ext)s may not be attached to documents "
                    "(“%(file)s”); the administrator blocked this type.",
                    ext=extension,
                    file=name,
                )
            )
        limit = company.crm_docs_max_file_mb
        if limit and (size or 0) > limit * 1024 * 1024:
            raise UserError(
                self.env._(
                    "“%(file)s” is %(size).1f MB; documents accept files of up to "
                    "%(limit)s MB.",
                    file=name,
                    size=(size or 0) / 1024 / 1024,
                    limit=limit,
                )
            )

    @api.model
    def _crm_docs_vals_size(self, vals):
        if vals.get("raw") is not None:
            raw = vals["raw"]
            return len(raw.encode() if isinstance(raw, str) else raw)
        if vals.get("datas"):
            return len(base64.b64decode(vals["datas"]))
        return None

    def _crm_docs_company(self, res_id):
        document = self.env[DOCUMENT].sudo().browse(res_id).exists() if res_id else None
        return document.company_id if document else self.env.company

    def _crm_docs_check_vals(self, vals):
        """Before anything is stored: the limits, no public document file,
        and the version fields only from the documents' own code."""
        if not self.env.su and {"crm_docs_version", "crm_docs_current"} & set(vals):
            raise UserError(
                self.env._(
                    "The version of a document's file is set when the file is "
                    "uploaded, not written directly."
                )
            )
        if vals.get("public"):
            raise UserError(self.env._("A document's files cannot be made public."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("res_model") == DOCUMENT:
                self._crm_docs_check_vals(vals)
                self._crm_docs_check_file(
                    vals.get("name"),
                    self._crm_docs_vals_size(vals),
                    self._crm_docs_company(vals.get("res_id")),
                )
            elif not self.env.su and {"crm_docs_version", "crm_docs_current"} & set(
                vals
            ):
                self._crm_docs_check_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and {"crm_docs_version", "crm_docs_current"} & set(vals):
            self._crm_docs_check_vals(vals)
        targets_documents = vals.get("res_model") == DOCUMENT
        documents_files = self.filtered(lambda a: a.res_model == DOCUMENT)
        if targets_documents or documents_files:
            self._crm_docs_check_vals(vals)
            moved = self.filtered(
                lambda a: a.res_model != vals.get("res_model", a.res_model)
                or a.res_id != vals.get("res_id", a.res_id)
            )
            if moved and not self.env.su:
                raise UserError(
                    self.env._(
                        "A document's files are attached by uploading them on the "
                        "document; they cannot be moved to or from another record."
                    )
                )
            if {"raw", "datas", "name"} & set(vals):
                size = self._crm_docs_vals_size(vals)
                for attachment in self:
                    attachment._crm_docs_check_file(
                        vals.get("name", attachment.name),
                        attachment.file_size if size is None else size,
                        self._crm_docs_company(vals.get("res_id", attachment.res_id)),
                    )
        return super().write(vals)

    def unlink(self):
        if not self.env.su and self.filtered(
            lambda a: a.res_model == DOCUMENT and a.crm_docs_version
        ):
            raise UserError(
                self.env._(
                    "The versions of a document's files are kept; remove the file "
                    "from the document instead (or delete the document)."
                )
            )
        return super().unlink()

    def _crm_docs_index_text(self):
        """Odoo indexes plain-text files by their ASCII words only; a
        document's text file (notes in Chinese) is indexed whole, decoded as
        UTF-8 or GB18030, up to 1 MB."""
        for attachment in self.sudo():
            if not (attachment.mimetype or "").startswith("text/"):
                continue
            raw = attachment.raw or b""
            raw = raw[: 1024 * 1024]
            for encoding in ("utf-8", "gb18030"):
                try:
                    text = raw.decode(encoding)
                except UnicodeDecodeError:
                    continue
                attachment.index_content = text.replace("\x00", "")
                break

    # ------------------------------------------------------------------
    # downloads
    # ------------------------------------------------------------------
    def action_crm_docs_download(self):
        """Download a document's file and count the download."""
        self.ensure_one()
        if self.res_model != DOCUMENT or not self.res_id:
            raise UserError(self.env._("This file does not belong to a document."))
        self.check_access("read")
        document = self.env[DOCUMENT].browse(self.res_id)
        document.check_access("read")
        self.env.execute_query(
            SQL(
                "UPDATE crm_document"
                " SET download_count = COALESCE(download_count, 0) + 1 WHERE id = %s",
                document.id,
            )
        )
        document.invalidate_recordset(["download_count"])
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.id}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------------
    # cleaning
    # ------------------------------------------------------------------
    @api.autovacuum
    def _gc_crm_docs_unlinked_files(self):
        """Files uploaded for a new document that was never saved (no
        ``res_id``) are removed after a day: no file stays without its
        document."""
        limit = fields.Datetime.now() - timedelta(days=1)
        orphans = self.sudo().search(
            [
                ("res_model", "=", DOCUMENT),
                ("res_id", "=", 0),
                ("create_date", "<", limit),
            ]
        )
        orphans.unlink()
