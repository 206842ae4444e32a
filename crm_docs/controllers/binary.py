import json

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.web.controllers.binary import Binary

DOCUMENT = "crm.document"


class CrmDocsBinary(Binary):
    @http.route()
    def upload_attachment(self, model, id, ufile, callback=None):
        """Files uploaded on a document: say clearly why a file is refused
        (too large, blocked type) instead of Odoo's generic upload error. The
        same checks run again in ``ir.attachment.create`` for every client."""
        if model == DOCUMENT:
            files = request.httprequest.files.getlist("ufile")
            document = (
                request.env[DOCUMENT].browse(int(id)).exists() if int(id or 0) else None
            )
            company = document.sudo().company_id if document else request.env.company
            errors = []
            for ufile in files:
                ufile.stream.seek(0, 2)
                size = ufile.stream.tell()
                ufile.stream.seek(0)
                try:
                    request.env["ir.attachment"]._crm_docs_check_file(
                        ufile.filename, size, company
                    )
                except UserError as error:
                    errors.append({"error": error.args[0]})
            if errors:
                return json.dumps(errors)
        return super().upload_attachment(model, id, ufile, callback=callback)
