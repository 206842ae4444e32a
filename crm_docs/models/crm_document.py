import logging
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.crm_masterdata.jobs import in_company_tz

_logger = logging.getLogger(__name__)

KB_STATES = [
    ("draft", "Personal"),
    ("submitted", "Submitted"),
    ("published", "Published"),
    ("expired", "Expired"),
]
GRADES = [
    ("featured", "Featured"),
    ("recommended", "Recommended"),
    ("ordinary", "Ordinary"),
    ("outdated", "Outdated"),
]
VISIBILITIES = [
    ("company", "Whole Company"),
    ("departments", "Some Departments"),
    ("managers", "Managers Only"),
]
KM_GROUP = "crm_docs.crm_docs_group_knowledge_manager"
DOCS_USER_GROUP = "crm_docs.crm_docs_group_own"
# set by the knowledge manager only (in the form, or by the publish action)
KB_FIELDS = ("grade", "review_date", "visibility", "visibility_department_ids")
REVIEW_ACTIVITY = "crm_docs.mail_activity_type_docs_review"


class CrmDocument(models.Model):
    """A document (文档): a title, a summary and files (``ir.attachment``,
    every version kept), filed in a category with tags and linked to
    customers; its owner shares it, reports it to their superior (汇报) or
    submits it to the company's knowledge base (知识库), where the knowledge
    manager (知识掌门人) grades and publishes it."""

    _name = "crm.document"
    _inherit = [
        "crm.scope.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _description = "Document"
    _order = "id desc"
    _crm_scope_app = "docs"
    _crm_protected_fields = (
        "kb_state",
        "reviewer_id",
        "published_date",
        "report_user_id",
        "report_date",
        "view_count",
        "download_count",
        "content_text",
        "search_text",
        "file_count",
    )
    # checked after create/write (crm.protected.mixin); many2many: the author
    # reads every customer, task and log they add
    _crm_link_access = {
        "category_id": "read",
        "partner_ids": "read",
        "task_ids": "read",
        "log_ids": "read",
    }

    name = fields.Char(string="Title", required=True, tracking=True, index="trigram")
    summary = fields.Text()
    active = fields.Boolean(default=True, tracking=True)
    date = fields.Date(
        default=fields.Date.context_today,
        required=True,
        index=True,
        help="The date of the document (written, received or reported).",
    )
    category_id = fields.Many2one(
        "crm.document.category",
        string="Category",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    tag_ids = fields.Many2many(
        "crm.document.tag",
        "crm_document_tag_rel",
        "document_id",
        "tag_id",
        string="Tags",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "crm_document_res_partner_rel",
        "document_id",
        "partner_id",
        string="Customers",
        domain="[('crm_is_customer', '=', True), ('parent_id', '=', False)]",
    )
    task_ids = fields.Many2many(
        "crm.work.task",
        "crm_document_work_task_rel",
        "document_id",
        "task_id",
        string="Tasks",
        groups="crm_worklog.crm_worklog_group_own",
    )
    log_ids = fields.Many2many(
        "crm.work.log",
        "crm_document_work_log_rel",
        "document_id",
        "log_id",
        string="Work Logs",
        groups="crm_worklog.crm_worklog_group_own",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "crm_document_ir_attachment_rel",
        "document_id",
        "attachment_id",
        string="Files",
        help="The current version of each file. Uploading a file with the name of "
        "a current one makes it the new version; the old one is kept.",
    )
    version_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        string="File Versions",
        domain=[("res_model", "=", "crm.document"), ("crm_docs_version", ">", 0)],
        readonly=True,
    )
    file_count = fields.Integer(
        compute="_compute_file_count", string="Files Count", store=True
    )
    content_text = fields.Text(
        string="File Text",
        compute="_compute_content_text",
        store=True,
        help="The text the files' content indexing found (PDF, DOCX, XLSX, ODT...).",
    )
    # what the keyword searches, lower case, in one column with one trigram
    # index: PostgreSQL serves a LIKE on it from the index, where three ILIKEs
    # joined by OR made it scan the table (and lower-case every row)
    search_text = fields.Text(
        compute="_compute_search_text",
        store=True,
        index="trigram",
        prefetch=False,
    )
    keyword = fields.Char(
        compute="_compute_keyword",
        search="_search_keyword",
        help="Searches the title, the summary and the text inside the files.",
    )
    # sharing and reports
    share_user_ids = fields.Many2many(
        "res.users",
        "crm_document_share_user_rel",
        "document_id",
        "user_id",
        string="Shared with Users",
    )
    share_department_ids = fields.Many2many(
        "hr.department",
        "crm_document_share_department_rel",
        "document_id",
        "department_id",
        string="Shared with Departments",
    )
    report_user_id = fields.Many2one(
        "res.users",
        string="Reported To",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        tracking=True,
    )
    report_date = fields.Datetime(string="Reported On", readonly=True, copy=False)
    # knowledge base
    kb_state = fields.Selection(
        KB_STATES,
        string="Knowledge Base",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    grade = fields.Selection(GRADES, tracking=True, copy=False)
    review_date = fields.Date(
        string="Re-review On",
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="When the knowledge manager checks the document again.",
    )
    visibility = fields.Selection(
        VISIBILITIES,
        default="company",
        required=True,
        tracking=True,
        help="Who reads the document once it is published in the knowledge base.",
    )
    visibility_department_ids = fields.Many2many(
        "hr.department",
        "crm_document_visibility_department_rel",
        "document_id",
        "department_id",
        string="Published to Departments",
    )
    reviewer_id = fields.Many2one(
        "res.users",
        string="Reviewed By",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    published_date = fields.Datetime(string="Published On", readonly=True, copy=False)
    view_count = fields.Integer(string="Views", readonly=True, copy=False)
    download_count = fields.Integer(string="Downloads", readonly=True, copy=False)
    is_knowledge_manager = fields.Boolean(compute="_compute_is_knowledge_manager")

    # ------------------------------------------------------------------
    # computes
    # ------------------------------------------------------------------
    @api.depends("attachment_ids")
    def _compute_file_count(self):
        for document in self:
            document.file_count = len(document.attachment_ids)

    @api.depends("attachment_ids", "attachment_ids.index_content")
    def _compute_content_text(self):
        for document in self:
            texts = [
                text
                for text in document.attachment_ids.sudo().mapped("index_content")
                if text and text != "application"
            ]
            document.content_text = "\n".join(texts) or False

    @api.depends("name", "summary", "content_text")
    def _compute_search_text(self):
        for document in self:
            document.search_text = "\n".join(
                part
                for part in (document.name, document.summary, document.content_text)
                if part
            ).lower()

    def init(self):
        res = super().init()
        # LIKE as a function PostgreSQL evaluates last (COST): a keyword of
        # fewer than three characters cannot use the trigram index, and the
        # text of every document would be scanned before the (cheap) access
        # rules; with this function only the documents the rules let through
        # are scanned. plpgsql, so that it is not inlined (inlined, its cost
        # would be LIKE's again).
        self.env.cr.execute(
            """
            CREATE OR REPLACE FUNCTION crm_docs_text_match(text, text)
            RETURNS boolean LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 10000
            AS $$ BEGIN RETURN $1 LIKE $2; END $$
            """
        )
        return res

    def _condition_to_sql(self, alias, fname, operator, value, query):
        if (
            fname == "search_text"
            and operator == "like"
            and isinstance(value, str)
            and len(value) < 3
        ):
            return SQL(
                "crm_docs_text_match(%s, %s)",
                self._field_to_sql(alias, fname, query),
                f"%{value}%",
            )
        return super()._condition_to_sql(alias, fname, operator, value, query)

    def _compute_keyword(self):
        self.keyword = False

    def _search_keyword(self, operator, value):
        if operator not in ("ilike", "like", "=", "=ilike") or not value:
            raise UserError(self.env._("Search documents with words, e.g. 合同."))
        # PostgreSQL's JIT compiles a scan of every document's text for
        # hundreds of milliseconds before running it in less; an interactive
        # search does better without it (for the rest of this transaction)
        self.env.cr.execute("SET LOCAL jit = off")
        return [("search_text", "like", value.lower())]

    @api.depends_context("uid")
    def _compute_is_knowledge_manager(self):
        self.is_knowledge_manager = self.env.user.has_group(KM_GROUP)

    # ------------------------------------------------------------------
    # checks
    # ------------------------------------------------------------------
    def _crm_docs_check_kb_fields(self, vals, creating=False):
        """The knowledge-base fields are set by knowledge managers only."""
        if self.env.su or self.env.user.has_group(KM_GROUP):
            return
        given = set(KB_FIELDS) & set(vals)
        if creating:
            given = {
                name
                for name in given
                if vals[name] not in (False, None, [], "", "company")
            }
        if given:
            labels = ", ".join(
                sorted(
                    self._fields[name]._description_string(self.env) for name in given
                )
            )
            raise UserError(
                self.env._(
                    "Only knowledge managers set %(fields)s of a document.",
                    fields=labels,
                )
            )

    @api.constrains("share_user_ids")
    def _check_share_user_ids(self):
        group = self.env.ref(DOCS_USER_GROUP)
        for document in self:
            outsiders = document.share_user_ids.filtered(
                lambda u, g=group: g not in u.sudo().groups_id
            )
            if outsiders:
                raise ValidationError(
                    self.env._(
                        "%(users)s cannot read documents (no Documents role); "
                        "share with users of the Documents app.",
                        users=", ".join(outsiders.mapped("name")),
                    )
                )

    @api.constrains("visibility", "visibility_department_ids", "kb_state")
    def _check_visibility(self):
        for document in self:
            if (
                document.kb_state == "published"
                and document.visibility == "departments"
                and not document.visibility_department_ids
            ):
                raise ValidationError(
                    self.env._(
                        "Name the departments that read the published document "
                        "“%(title)s”.",
                        title=document.name,
                    )
                )

    # ------------------------------------------------------------------
    # files and versions
    # ------------------------------------------------------------------
    def _crm_docs_sync_files(self):
        """Attach the newly linked files to their document, number their
        versions and keep the replaced ones as older versions.

        A file may be linked only when it was uploaded for this document (or
        for a new document, by the current user): a client cannot pull the
        attachment of another record into a document."""
        Attachment = self.env["ir.attachment"].sudo()
        for document in self:
            known = Attachment.search(
                [("res_model", "=", self._name), ("res_id", "=", document.id)]
            )
            versions = known.filtered(lambda a: a.crm_docs_version)
            current = document.sudo().attachment_ids
            new_files = current.filtered(lambda a, v=versions: a not in v)
            for attachment in new_files:
                allowed = attachment.res_model == self._name and (
                    attachment.res_id == document.id
                    or (
                        not attachment.res_id and attachment.create_uid == self.env.user
                    )
                    or self.env.su
                )
                if not allowed or attachment.res_field:
                    raise UserError(
                        self.env._(
                            "The file “%(file)s” was not uploaded for this document "
                            "and cannot be attached to it.",
                            file=attachment.name,
                        )
                    )
                attachment._crm_docs_check_file(
                    attachment.name, attachment.file_size, document.company_id
                )
            new_files._crm_docs_index_text()
            replaced = Attachment
            for attachment in new_files:
                same_name = versions.filtered(lambda a, n=attachment.name: a.name == n)
                attachment.write(
                    {
                        "res_model": self._name,
                        "res_id": document.id,
                        "crm_docs_version": max(
                            same_name.mapped("crm_docs_version"), default=0
                        )
                        + 1,
                        "crm_docs_current": True,
                    }
                )
                replaced |= same_name.filtered("crm_docs_current")
                versions |= attachment
            removed = versions.filtered(
                lambda a, c=current: a.crm_docs_current and a not in c
            )
            (replaced | removed).write({"crm_docs_current": False})
            if replaced & current:
                document.sudo().attachment_ids = [
                    Command.unlink(a.id) for a in replaced & current
                ]

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._crm_docs_check_kb_fields(vals, creating=True)
        documents = super().create(vals_list)
        if any("attachment_ids" in vals for vals in vals_list):
            documents._crm_docs_sync_files()
        for document, vals in zip(documents, vals_list, strict=True):
            if vals.get("share_user_ids") or vals.get("share_department_ids"):
                document._crm_docs_notify_shared(
                    document.share_user_ids, document.share_department_ids
                )
        return documents

    def write(self, vals):
        self._crm_docs_check_kb_fields(vals)
        shared_before = (
            {
                document.id: (document.share_user_ids, document.share_department_ids)
                for document in self
            }
            if {"share_user_ids", "share_department_ids"} & set(vals)
            else {}
        )
        res = super().write(vals)
        if "attachment_ids" in vals:
            self._crm_docs_sync_files()
        for document in self.filtered(lambda d: d.id in shared_before):
            users, departments = shared_before[document.id]
            document._crm_docs_notify_shared(
                document.share_user_ids - users,
                document.share_department_ids - departments,
            )
        return res

    def web_read(self, specification):
        """Opening a document's form counts a view (by anyone but its owner)."""
        result = super().web_read(specification)
        if len(self) == 1 and "view_count" in specification:
            others = self.filtered(lambda d: d.user_id != self.env.user)
            if others:
                self.env.execute_query(
                    SQL(
                        "UPDATE crm_document"
                        " SET view_count = COALESCE(view_count, 0) + 1 WHERE id = %s",
                        others.id,
                    )
                )
                others.invalidate_recordset(["view_count"])
        return result

    # a form opened over a read/write cursor, to count the view (the web
    # client's call_kw reads this attribute, which api.readonly sets to True)
    web_read._readonly = False

    # ------------------------------------------------------------------
    # sharing and reports
    # ------------------------------------------------------------------
    def _crm_docs_department_users(self, departments):
        if not departments:
            return self.env["res.users"]
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [("department_id", "in", departments.ids), ("user_id", "!=", False)]
            )
        )
        group = self.env.ref(DOCS_USER_GROUP)
        return employees.user_id.filtered(lambda u: group in u.groups_id)

    def _crm_docs_notify_shared(self, users, departments):
        """Tell the users the document was shared with (and the members of
        the departments), each in their own language."""
        self.ensure_one()
        recipients = (
            users | self._crm_docs_department_users(departments)
        ) - self.env.user
        by_lang = {}
        for user in recipients:
            by_lang.setdefault(user._crm_lang(), self.env["res.users"])
            by_lang[user._crm_lang()] |= user
        for lang, lang_users in by_lang.items():
            document = self.with_context(lang=lang)
            document.sudo().message_notify(
                partner_ids=lang_users.partner_id.ids,
                subject=document.env._("Document shared with you: %s", self.name),
                body=document.env._(
                    "%(user)s shared the document “%(title)s” with you.",
                    user=self.env.user.name,
                    title=self.name,
                ),
                author_id=self.env.user.partner_id.id,
            )

    def _crm_docs_superior(self):
        """The owner's superior: their employee's manager, else the manager of
        their department."""
        self.ensure_one()
        employee = self.user_id.sudo().employee_ids.filtered("active")[:1]
        superior = employee.parent_id.user_id
        if not superior or superior == self.user_id:
            manager = employee.department_id.manager_id.user_id
            superior = manager if manager != self.user_id else superior
        if superior == self.user_id:
            superior = self.env["res.users"]
        return superior

    def action_report_to_superior(self):
        """汇报: send the document to the owner's superior, who may then read it."""
        self.check_access("write")
        superiors = self.env["res.users"]
        for document in self:
            superior = document._crm_docs_superior()
            if not superior:
                raise UserError(
                    self.env._(
                        "%(user)s has no superior to report to: set their manager "
                        "(or their department's manager) on their employee.",
                        user=document.user_id.name,
                    )
                )
            if not superior.has_group(DOCS_USER_GROUP):
                raise UserError(
                    self.env._(
                        "%(user)s cannot read documents (no Documents role).",
                        user=superior.name,
                    )
                )
            superiors |= superior
            document.sudo().write(
                {"report_user_id": superior.id, "report_date": fields.Datetime.now()}
            )
            lang = superior._crm_lang()
            doc = document.with_context(lang=lang)
            doc.sudo().message_notify(
                partner_ids=superior.partner_id.ids,
                subject=doc.env._("Report: %s", document.name),
                body=doc.env._(
                    "%(user)s reports the document “%(title)s” to you.",
                    user=self.env.user.name,
                    title=document.name,
                ),
                author_id=self.env.user.partner_id.id,
            )
        return self._crm_notify(
            self.env._("Reported to %s.", ", ".join(superiors.mapped("name")))
        )

    # ------------------------------------------------------------------
    # knowledge base
    # ------------------------------------------------------------------
    def _crm_docs_check_km(self):
        if not self.env.user.has_group(KM_GROUP):
            raise UserError(
                self.env._("Only knowledge managers review and publish documents.")
            )

    def action_submit(self):
        """The author submits the document to the knowledge base."""
        self.check_access("write")
        for document in self:
            if document.kb_state not in ("draft", "expired"):
                raise UserError(
                    self.env._(
                        "“%(title)s” is already in the knowledge base.",
                        title=document.name,
                    )
                )
        self.sudo().write({"kb_state": "submitted"})
        return self._crm_notify(self.env._("Submitted to the knowledge base."))

    def action_publish(self):
        """The knowledge manager publishes a submitted document: it needs a
        grade; the re-review date defaults to a year later."""
        self._crm_docs_check_km()
        self.check_access("write")
        for document in self:
            if document.kb_state not in ("submitted", "published", "expired"):
                raise UserError(
                    self.env._(
                        "“%(title)s” was not submitted to the knowledge base.",
                        title=document.name,
                    )
                )
            if not document.grade:
                raise UserError(
                    self.env._(
                        "Grade “%(title)s” before publishing it.", title=document.name
                    )
                )
            vals = {
                "kb_state": "published",
                "reviewer_id": self.env.user.id,
                "published_date": fields.Datetime.now(),
            }
            if not document.review_date:
                vals["review_date"] = fields.Date.context_today(self) + timedelta(
                    days=365
                )
            document.sudo().write(vals)
        return self._crm_notify(self.env._("Published in the knowledge base."))

    def action_expire(self):
        """The knowledge manager withdraws a published document (过期)."""
        self._crm_docs_check_km()
        self.check_access("write")
        self.sudo().write({"kb_state": "expired", "grade": "outdated"})
        return self._crm_notify(self.env._("Withdrawn from the knowledge base."))

    def action_return_to_author(self):
        """The knowledge manager sends a submitted document back to its author."""
        self._crm_docs_check_km()
        self.check_access("write")
        self.sudo().write({"kb_state": "draft"})
        return self._crm_notify(self.env._("Returned to the author."))

    def action_mark_reviewed(self):
        """Re-reviewed: the next re-review date is a year later."""
        self._crm_docs_check_km()
        self.check_access("write")
        self.sudo().write(
            {
                "review_date": fields.Date.context_today(self) + timedelta(days=365),
                "reviewer_id": self.env.user.id,
            }
        )
        return self._crm_notify(self.env._("Reviewed; next re-review in a year."))

    @api.model
    @in_company_tz
    def _cron_review_reminders(self, today=None, batch_size=500):
        """Remind the reviewer (else the owner) of each published document
        whose re-review date has come, once per document and date."""
        today = today or fields.Date.context_today(self)
        Reminder = self.env["crm.reminder"]
        last_id = 0
        done = 0
        while True:
            documents = self.sudo().search(
                [
                    ("kb_state", "=", "published"),
                    ("review_date", "<=", today),
                    ("id", ">", last_id),
                ],
                order="id",
                limit=batch_size,
            )
            if not documents:
                break
            last_id = documents[-1].id
            sent = (
                self.env["crm.reminder"]
                .sudo()
                .search(
                    [
                        ("res_model", "=", self._name),
                        ("res_id", "in", documents.ids),
                        ("key", "like", "review:%"),
                    ]
                )
            )
            sent_keys = {(r.res_id, r.key) for r in sent}
            reminders = []
            for document in documents:
                key = f"review:{document.review_date}"
                if (document.id, key) in sent_keys:
                    continue
                user = document.reviewer_id or document.user_id
                lang_env = document.with_context(lang=user._crm_lang()).env
                reminders.append(
                    {
                        "record": document,
                        "key": key,
                        "user": user,
                        "date": document.review_date,
                        "summary": lang_env._("Re-review the knowledge-base document"),
                        "note": lang_env._(
                            "“%(title)s” is due for its re-review: check it, grade it "
                            "again or withdraw it.",
                            title=document.name,
                        ),
                        "activity_type": REVIEW_ACTIVITY,
                    }
                )
            if reminders:
                try:
                    with self.env.cr.savepoint():
                        done += len(Reminder.sudo()._crm_send(reminders))
                except Exception:
                    _logger.exception("crm_docs: re-review reminders failed")
            self.env["ir.cron"]._notify_progress(done=done, remaining=0)
        return done

    # ------------------------------------------------------------------
    # buttons
    # ------------------------------------------------------------------
    def action_view_versions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("File Versions"),
            "res_model": "ir.attachment",
            "view_mode": "list",
            "views": [
                (self.env.ref("crm_docs.ir_attachment_view_list_crm_docs").id, "list")
            ],
            "domain": [
                ("res_model", "=", self._name),
                ("res_id", "=", self.id),
                ("crm_docs_version", ">", 0),
            ],
            "context": {"create": False},
        }
