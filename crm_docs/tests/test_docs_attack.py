"""Attacks over XML-RPC and HTTP (DESIGN.md "Trust"): what the buttons and
the rules refuse, a script cannot do by calling the same methods with any
context, nor by reaching the files through ``ir.attachment`` or
``/web/content``.

Every row expects an ``xmlrpc.client.Fault`` whose code is Odoo's for a
UserError/ValidationError or an AccessError (a refusal, not a crash), with the
record unchanged; a few legitimate flows expect success.
"""

from xmlrpc.client import Fault

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import DocsCommon, build_pdf

# every context key the suite's code reads or used to read as a switch
CONTEXTS = (
    {},
    {"crm_scope_implied": True},
    {"crm_reminder_no_follow": True},
    {"crm_docs_update": True},
    {"crm_docs_km": True},
    {"su": True, "sudo": True, "superuser": True},
    {"active_test": False},
    {"tracking_disable": True, "mail_notrack": True},
    {"default_kb_state": "published", "default_view_count": 9},
)
REFUSAL_CODES = (2, 3, 4)


@tagged("post_install", "-at_install")
class TestDocsAttack(DocsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secret_file = cls._upload(
            cls.author2, "机密.pdf", build_pdf("机密报价方案")
        )
        cls.secret = cls._doc(
            cls.author2, name="Secret", attachment_ids=[(6, 0, cls.secret_file.ids)]
        )
        cls.mine = cls._doc(cls.author, name="Mine")

    def rpc(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, list(args), kwargs
        )

    def assertRefused(self, label, user, model, method, *args, **kwargs):
        with self.assertRaises(Fault, msg=label) as caught, mute_logger("odoo.http"):
            self.rpc(user, model, method, *args, **kwargs)
        fault = caught.exception
        self.assertIn(fault.faultCode, REFUSAL_CODES, f"{label}: {fault.faultString}")
        return fault

    def test_protected_fields_with_every_context(self):
        rows = [
            ("kb_state", "published"),
            ("view_count", 1000),
            ("download_count", 1000),
            ("report_user_id", None),
            ("reviewer_id", None),
            ("published_date", "2026-01-01 00:00:00"),
            ("content_text", "fake"),
        ]
        for field, value in rows:
            if value is None:
                value = self.all_user.id
            for context in CONTEXTS:
                for user in (self.author, self.km, self.mgr):
                    label = f"{user.login} write {field} {context}"
                    with self.subTest(label=label):
                        self.assertRefused(
                            label,
                            user,
                            "crm.document",
                            "write",
                            [self.mine.id],
                            {field: value},
                            context=context,
                        )
                label = f"create with {field} {context}"
                with self.subTest(label=label):
                    self.assertRefused(
                        label,
                        self.author,
                        "crm.document",
                        "create",
                        [{"name": "x", field: value}],
                        context=context,
                    )
        self.mine.invalidate_recordset()
        self.assertEqual(self.mine.kb_state, "draft")
        self.assertEqual(self.mine.view_count, 0)
        self.assertFalse(self.mine.report_user_id)

    def test_kb_fields_and_actions_by_the_author(self):
        for context in CONTEXTS:
            for field, value in (
                ("grade", "featured"),
                ("visibility", "managers"),
                ("review_date", "2030-01-01"),
            ):
                self.assertRefused(
                    f"{field} {context}",
                    self.author,
                    "crm.document",
                    "write",
                    [self.mine.id],
                    {field: value},
                    context=context,
                )
            self.rpc(self.author, "crm.document", "action_submit", [self.mine.id])
            for method in ("action_publish", "action_expire", "action_mark_reviewed"):
                self.assertRefused(
                    f"{method} {context}",
                    self.author,
                    "crm.document",
                    method,
                    [self.mine.id],
                    context=context,
                )
            self.mine.sudo().kb_state = "draft"
        self.assertFalse(self.mine.grade)

    def test_links_to_what_the_author_may_not_read(self):
        rows = [
            ("partner_ids", [(6, 0, self.customer.ids)]),
            ("attachment_ids", [(4, self.secret_file.id)]),
        ]
        for field, value in rows:
            for context in CONTEXTS:
                label = f"link {field} {context}"
                with self.subTest(label=label):
                    self.assertRefused(
                        label,
                        self.author,
                        "crm.document",
                        "write",
                        [self.mine.id],
                        {field: value},
                        context=context,
                    )
                    self.assertRefused(
                        label,
                        self.author,
                        "crm.document",
                        "create",
                        [{"name": "x", field: value}],
                        context=context,
                    )
        self.assertFalse(self.mine.partner_ids)
        self.assertEqual(self.secret_file.res_id, self.secret.id)
        # legitimate: a customer the author reads
        self.rpc(
            self.author_rep,
            "crm.document",
            "create",
            [{"name": "ok", "partner_ids": [(6, 0, self.customer_own.ids)]}],
        )

    def test_unshared_file_through_ir_attachment(self):
        file_id = self.secret_file.id
        for user in (self.author, self.outsider, self.km, self.nobody, self.rep):
            for context in CONTEXTS:
                label = f"{user.login} read {context}"
                with self.subTest(label=label):
                    self.assertRefused(
                        label,
                        user,
                        "ir.attachment",
                        "read",
                        [file_id],
                        ["datas", "index_content"],
                        context=context,
                    )
                    found = self.rpc(
                        user,
                        "ir.attachment",
                        "search",
                        [("res_model", "=", "crm.document")],
                        context=context,
                    )
                    self.assertNotIn(file_id, found, label)
                    found = self.rpc(
                        user,
                        "ir.attachment",
                        "search",
                        [("index_content", "ilike", "机密")],
                        context=context,
                    )
                    self.assertNotIn(file_id, found, label)
            for method, args in (
                ("write", [[file_id], {"name": "stolen.pdf"}]),
                ("write", [[file_id], {"res_id": self.mine.id}]),
                ("write", [[file_id], {"public": True}]),
                ("write", [[file_id], {"crm_docs_version": 9}]),
                ("unlink", [[file_id]]),
                ("action_crm_docs_download", [[file_id]]),
                ("copy", [file_id]),
            ):
                self.assertRefused(
                    f"{user.login} {method} {args}",
                    user,
                    "ir.attachment",
                    method,
                    *args,
                )
        # the document's own text is not searchable by them either
        found = self.rpc(
            self.outsider, "crm.document", "search", [("keyword", "ilike", "机密报价")]
        )
        self.assertEqual(found, [])
        self.secret_file.invalidate_recordset()
        self.assertEqual(self.secret_file.name, "机密.pdf")
        self.assertEqual(self.secret_file.res_id, self.secret.id)
        self.assertFalse(self.secret_file.public)

    def test_version_fields_and_public_files(self):
        self.assertRefused(
            "create a version",
            self.author,
            "ir.attachment",
            "create",
            [
                {
                    "name": "v.txt",
                    "raw": "v",
                    "res_model": "crm.document",
                    "res_id": self.mine.id,
                    "crm_docs_version": 5,
                }
            ],
        )
        self.assertRefused(
            "a public document file",
            self.author,
            "ir.attachment",
            "create",
            [
                {
                    "name": "v.txt",
                    "datas": self.b64(b"v"),
                    "res_model": "crm.document",
                    "res_id": self.mine.id,
                    "public": True,
                }
            ],
        )

    def test_unshared_file_through_web_content(self):
        file_id = self.secret_file.id
        self.authenticate("docs_outsider", "docs_outsider")
        for url in (
            f"/web/content/{file_id}",
            f"/web/content/{file_id}?download=true",
            f"/web/content/ir.attachment/{file_id}/datas",
            f"/web/image/{file_id}",
        ):
            with self.subTest(url=url), mute_logger("odoo.http"):
                response = self.url_open(url)
                if not url.startswith("/web/image"):
                    self.assertIn(response.status_code, (403, 404), url)
                # (/web/image answers a placeholder picture)
                self.assertNotIn(b"%PDF", response.content)
        # shared with them: the same URL serves the file
        self.secret.with_user(self.author2).share_user_ids = self.outsider
        response = self.url_open(f"/web/content/{file_id}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))
        # and the owner downloads it
        self.authenticate("docs_author2", "docs_author2")
        self.assertEqual(self.url_open(f"/web/content/{file_id}").status_code, 200)

    def test_upload_refused_with_a_clear_message(self):
        self.authenticate("docs_author", "docs_author")
        count = self.env["ir.attachment"].search_count([])
        for name, content in (
            ("tool.exe", b"MZ" * 10),
            ("big.txt", b"x" * (1024 * 1024 + 10)),
        ):
            response = self.opener.post(
                f"{self.base_url()}/web/binary/upload_attachment",
                data={
                    "model": "crm.document",
                    "id": str(self.mine.id),
                    "csrf_token": http.Request.csrf_token(self),
                },
                files={"ufile": (name, content, "application/octet-stream")},
            )
            self.assertEqual(response.status_code, 200)
            error = response.json()[0]["error"]
            self.assertTrue("blocked" in error or "1 MB" in error, error)
        self.assertEqual(self.env["ir.attachment"].search_count([]), count)
        # an allowed file goes through
        response = self.opener.post(
            f"{self.base_url()}/web/binary/upload_attachment",
            data={
                "model": "crm.document",
                "id": str(self.mine.id),
                "csrf_token": http.Request.csrf_token(self),
            },
            files={"ufile": ("ok.txt", b"fine", "text/plain")},
        )
        self.assertTrue(response.json()[0]["id"])

    def test_many2many_links_need_read_access(self):
        """crm.protected.mixin's ``_crm_link_access`` on many2many fields, one
        row per field: linking a record the user may not read is refused
        (create and write, the refusal naming the field); linking one they
        read succeeds; a record that already links an unreadable record (put
        there by someone who could read it) is saved, and its list re-sent,
        without the user needing access to it, and
        so are its other links."""
        groups = (
            "crm_docs.crm_docs_group_own,crm_worklog.crm_worklog_group_own,"
            "crm_masterdata.crm_masterdata_group_sales_own"
        )
        linker = new_test_user(self.env, login="docs_linker", groups=groups)
        other = new_test_user(self.env, login="docs_linker_other", groups=groups)
        Partner = self.env["res.partner"]
        mine = {
            "res.partner": Partner.create(
                {"name": "可读客户", "crm_is_customer": True, "user_id": linker.id}
            ),
            "crm.work.task": self.env["crm.work.task"]
            .with_user(linker)
            .create({"name": "我的任务"}),
            "crm.work.log": self.env["crm.work.log"]
            .with_user(linker)
            .create({"date": "2026-10-01"}),
            "crm.document": self._doc(linker, name="我的文档"),
        }
        theirs = {
            "res.partner": Partner.create(
                {"name": "他人客户", "crm_is_customer": True, "user_id": other.id}
            ),
            "crm.work.task": self.env["crm.work.task"]
            .with_user(other)
            .create({"name": "他人任务"}),
            "crm.work.log": self.env["crm.work.log"]
            .with_user(other)
            .create({"date": "2026-10-01"}),
            "crm.document": self._doc(other, name="他人文档"),
        }
        extra = {
            "res.partner": Partner.create(
                {"name": "可读客户二", "crm_is_customer": True, "user_id": linker.id}
            ),
            "crm.work.task": self.env["crm.work.task"]
            .with_user(linker)
            .create({"name": "我的任务二"}),
            "crm.work.log": self.env["crm.work.log"]
            .with_user(linker)
            .create({"date": "2026-09-30"}),
            "crm.document": self._doc(linker, name="我的文档二"),
        }
        for model, record in theirs.items():
            with self.assertRaises(AccessError, msg=model):
                record.with_user(linker).check_access("read")
        days = iter(range(2, 28))

        def holder(model):
            """A new record of ``model`` owned by ``linker``, and the value
            of one of its other fields (to save it without the links)."""
            Model = self.env[model].with_user(linker)
            if model == "crm.work.log":
                day = next(days)
                return Model.create({"date": f"2026-10-{day:02d}"}), {
                    "lessons": "<p>ok</p>"
                }
            if model == "crm.document":
                return Model.create({"name": "holder"}), {"summary": "ok"}
            return Model.create({"name": "holder"}), {"description": "<p>ok</p>"}

        rows = [
            ("crm.document", "partner_ids"),
            ("crm.document", "task_ids"),
            ("crm.document", "log_ids"),
            ("crm.work.log", "partner_ids"),
            ("crm.work.log", "task_ids"),
            ("crm.work.log", "crm_document_ids"),
            ("crm.work.task", "partner_ids"),
            ("crm.work.task", "crm_document_ids"),
        ]
        for model, field in rows:
            with self.subTest(model=model, field=field):
                Model = self.env[model]
                self.assertEqual(Model._crm_link_access.get(field), "read")
                comodel = Model._fields[field].comodel_name
                label = Model._fields[field]._description_string(self.env)
                record, other_values = holder(model)
                # an unreadable record: refused in write and create
                fault = self.assertRefused(
                    f"{model}.{field} write",
                    linker,
                    model,
                    "write",
                    [record.id],
                    {field: [(4, theirs[comodel].id)]},
                )
                self.assertIn(label, fault.faultString)
                self.assertIn("may not read", fault.faultString)
                self.assertFalse(record.sudo()[field])
                values = {field: [(6, 0, theirs[comodel].ids)]}
                if model == "crm.work.log":
                    values["date"] = f"2026-10-{next(days):02d}"
                else:
                    values["name"] = "forged"
                fault = self.assertRefused(
                    f"{model}.{field} create", linker, model, "create", [values]
                )
                self.assertIn(label, fault.faultString)
                # a readable one: linked
                self.rpc(
                    linker,
                    model,
                    "write",
                    [record.id],
                    {field: [(4, mine[comodel].id)]},
                )
                self.assertEqual(record.sudo()[field], mine[comodel])
                # someone who could read it linked the unreadable one: the
                # record is still saved by linker, and another link added
                # (the web client sends the changes of a list, not the list)
                record.sudo().write({field: [(4, theirs[comodel].id)]})
                self.rpc(linker, model, "write", [record.id], other_values)
                self.rpc(
                    linker,
                    model,
                    "write",
                    [record.id],
                    {field: [(4, extra[comodel].id)]},
                )
                # dropping the unreadable one needs no access to it either
                self.rpc(
                    linker,
                    model,
                    "write",
                    [record.id],
                    {field: [(3, theirs[comodel].id)]},
                )
                self.assertEqual(record.sudo()[field], mine[comodel] | extra[comodel])
