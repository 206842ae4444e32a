import base64
import io
import zipfile

from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

DOCS = "crm_docs.crm_docs_group_"
SALES = "crm_masterdata.crm_masterdata_group_sales_"


def build_pdf(text):
    """A one-page PDF with ``text`` in Chinese (the CID font STSong-Light,
    which every PDF reader has and reportlab does not embed)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("STSong-Light", 14)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


def build_docx(text):
    """A minimal Word document (a zip of XML parts) holding ``text``."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
            f"{text}</w:t></w:r></w:p></w:body></w:document>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


class DocsCommon(BaseCommon):
    """One user per role in a small organisation:

    - ``dept_a`` managed by ``mgr`` (docs Department level + edit within
      scope), with the authors ``author`` and ``author2`` (Own level) and
      ``tree`` (Department and Sub-departments level);
      ``dept_a_sub`` under it with ``sub_author`` (Own);
    - ``dept_b`` with ``lead`` (Own and Subordinates, the manager of
      ``author``'s employee), ``outsider`` (Own), ``all_user`` (All) and
      ``km`` (knowledge manager, Own level);
    - ``admin_docs`` (documents Administrator); ``rep`` (sales Own, owner of
      ``customer``, no documents role); ``nobody`` (no role in the suite).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {"crm_docs_max_file_mb": 1, "crm_docs_blocked_extensions": "exe, .BAT,js"}
        )

        def user(login, groups, name):
            return new_test_user(
                cls.env, login=login, password=login, groups=groups, name=name
            )

        cls.author = user("docs_author", DOCS + "own", "Author One")
        cls.author2 = user("docs_author2", DOCS + "own", "Author Two")
        cls.sub_author = user("docs_sub_author", DOCS + "own", "Sub Author")
        cls.mgr = user("docs_mgr", f"{DOCS}department,{DOCS}edit_scope", "Docs Manager")
        cls.tree = user("docs_tree", DOCS + "department_tree", "Tree Reader")
        cls.lead = user("docs_lead", DOCS + "subordinates", "Team Lead")
        cls.outsider = user("docs_outsider", DOCS + "own", "Outsider")
        cls.all_user = user("docs_all", DOCS + "all", "Docs Director")
        cls.km = user("docs_km", DOCS + "knowledge_manager", "Knowledge Manager")
        cls.admin_docs = user("docs_admin", DOCS + "manager", "Docs Admin")
        cls.rep = user("docs_rep", SALES + "own", "Sales Rep")
        cls.author_rep = user(
            "docs_author_rep", f"{DOCS}own,{SALES}own", "Author and Rep"
        )
        cls.nobody = user("docs_nobody", "base.group_user", "Nobody")

        Department = cls.env["hr.department"]
        Employee = cls.env["hr.employee"]
        cls.dept_a = Department.create({"name": "DOC Dept A"})
        cls.dept_a_sub = Department.create(
            {"name": "DOC Dept A Sub", "parent_id": cls.dept_a.id}
        )
        cls.dept_b = Department.create({"name": "DOC Dept B"})
        cls.emp_mgr = Employee.create(
            {
                "name": "Docs Manager",
                "user_id": cls.mgr.id,
                "department_id": cls.dept_a.id,
            }
        )
        cls.dept_a.manager_id = cls.emp_mgr
        cls.emp_lead = Employee.create(
            {
                "name": "Team Lead",
                "user_id": cls.lead.id,
                "department_id": cls.dept_b.id,
            }
        )
        cls.emp_author = Employee.create(
            {
                "name": "Author One",
                "user_id": cls.author.id,
                "department_id": cls.dept_a.id,
                "parent_id": cls.emp_lead.id,
            }
        )
        for member, dept in (
            (cls.author2, cls.dept_a),
            (cls.tree, cls.dept_a),
            (cls.sub_author, cls.dept_a_sub),
            (cls.outsider, cls.dept_b),
            (cls.all_user, cls.dept_b),
            (cls.km, cls.dept_b),
            (cls.author_rep, cls.dept_b),
        ):
            Employee.create(
                {"name": member.name, "user_id": member.id, "department_id": dept.id}
            )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "DOC Customer",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": cls.rep.id,
            }
        )
        cls.customer_own = cls.env["res.partner"].create(
            {
                "name": "DOC Own Customer",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": cls.author_rep.id,
            }
        )

    @classmethod
    def _doc(cls, user=None, **vals):
        user = user or cls.author
        values = {"name": f"Doc of {user.name}", "summary": "A summary"}
        values.update(vals)
        return cls.env["crm.document"].with_user(user).create(values)

    @classmethod
    def _upload(cls, user, name, raw, document=None, mimetype=None):
        """A file uploaded as ``user`` for ``document`` (or a new document),
        as the web client's upload does."""
        vals = {
            "name": name,
            "raw": raw,
            "res_model": "crm.document",
            "res_id": document.id if document else 0,
        }
        if mimetype:
            vals["mimetype"] = mimetype
        return cls.env["ir.attachment"].with_user(user).create(vals)

    @staticmethod
    def b64(raw):
        return base64.b64encode(raw).decode()
