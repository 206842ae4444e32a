from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import DocsCommon

WORK = "crm_worklog.crm_worklog_group_"


@tagged("post_install", "-at_install")
class TestDocsWorkLinks(DocsCommon):
    """Documents on tasks and work logs, from both sides, with the links
    checked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.worker = new_test_user(
            cls.env,
            login="docs_worker",
            password="docs_worker",
            groups=f"crm_docs.crm_docs_group_own,{WORK}own",
            name="Worker",
        )
        cls.env["hr.employee"].create(
            {"name": "Worker", "user_id": cls.worker.id, "department_id": cls.dept_b.id}
        )
        cls.task = (
            cls.env["crm.work.task"].with_user(cls.worker).create({"name": "DOC Task"})
        )
        cls.log = (
            cls.env["crm.work.log"]
            .with_user(cls.worker)
            .create({"done": "<p>Visit</p>"})
        )

    def test_log_and_task_show_and_add_documents(self):
        doc = self._doc(self.worker, log_ids=[(6, 0, self.log.ids)])
        self.assertEqual(self.log.with_user(self.worker).crm_document_ids, doc)
        self.assertEqual(self.log.with_user(self.worker).crm_document_count, 1)
        # added from the task's form
        self.task.with_user(self.worker).write({"crm_document_ids": [(4, doc.id)]})
        self.assertEqual(doc.with_user(self.worker).task_ids, self.task)
        action = self.task.with_user(self.worker).action_crm_view_documents()
        self.assertEqual(
            self.env["crm.document"].with_user(self.worker).search(action["domain"]),
            doc,
        )

    def test_links_need_read_access(self):
        theirs = self._doc(self.author2)
        with self.assertRaises(UserError):
            self.log.with_user(self.worker).write(
                {"crm_document_ids": [(4, theirs.id)]}
            )
        with self.assertRaises(UserError):
            self.task.with_user(self.worker).write(
                {"crm_document_ids": [(4, theirs.id)]}
            )
        # and a document cannot be linked to a task its author cannot read
        other_task = self.env["crm.work.task"].create(
            {"name": "Not theirs", "user_id": self.author2.id}
        )
        worker_doc = self._doc(self.worker)
        with self.assertRaises(UserError):
            worker_doc.with_user(self.worker).write({"task_ids": [(4, other_task.id)]})
        self.assertFalse(theirs.sudo().log_ids)
        self.assertFalse(worker_doc.task_ids)

    def test_no_work_role_no_task_field(self):
        doc = self._doc(self.author)
        # a documents user without a work role reads the document, not its tasks
        doc.with_user(self.author).read(["name", "partner_ids"])
        self.assertNotIn("task_ids", doc.with_user(self.author).fields_get())
