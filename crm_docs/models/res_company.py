from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_docs_max_file_mb = fields.Integer(
        string="Largest Document File (MB)",
        default=20,
        help="Files larger than this are refused when attached to a document "
        "(0: no limit).",
    )
    crm_docs_blocked_extensions = fields.Char(
        string="Blocked File Types",
        default="exe,bat,cmd,com,msi,scr,vbs,js,jar,ps1,sh",
        help="File name extensions that may not be attached to documents, "
        "separated by commas (e.g. exe,bat,js).",
    )

    _sql_constraints = [
        (
            "crm_docs_max_file_mb_positive",
            "CHECK(crm_docs_max_file_mb >= 0)",
            "The largest document file size cannot be negative.",
        ),
    ]

    def _crm_docs_blocked_extensions(self):
        """The blocked extensions, lower case, without dots."""
        self.ensure_one()
        return {
            ext.strip().lstrip(".").lower()
            for ext in (self.crm_docs_blocked_extensions or "")
            .replace(";", ",")
            .split(",")
            if ext.strip().lstrip(".")
        }
