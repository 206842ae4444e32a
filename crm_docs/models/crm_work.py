from odoo import api, fields, models


def _view_documents(record):
    record.ensure_one()
    action = record.env["ir.actions.act_window"]._for_xml_id(
        "crm_docs.crm_document_action"
    )
    action["domain"] = [("id", "in", record.crm_document_ids.ids)]
    action["context"] = {"create": False}
    return action


class CrmWorkTask(models.Model):
    """The documents of a task (the document's ``task_ids`` seen from the
    task): shown and added on the task's form. Each document added needs
    read access (``_crm_link_access`` of crm.protected.mixin)."""

    _inherit = "crm.work.task"

    crm_document_ids = fields.Many2many(
        "crm.document",
        "crm_document_work_task_rel",
        "task_id",
        "document_id",
        string="Documents",
        groups="crm_docs.crm_docs_group_own",
    )
    crm_document_count = fields.Integer(
        string="Documents Count",
        compute="_compute_crm_document_count",
        groups="crm_docs.crm_docs_group_own",
    )

    @property
    def _crm_link_access(self):
        return {**super()._crm_link_access, "crm_document_ids": "read"}

    @api.depends("crm_document_ids")
    @api.depends_context("uid")
    def _compute_crm_document_count(self):
        for record in self:
            record.crm_document_count = len(record.crm_document_ids)

    def action_crm_view_documents(self):
        return _view_documents(self)


class CrmWorkLog(models.Model):
    """The documents of a log (the document's ``log_ids`` seen from the
    log): shown and added on the log's form."""

    _inherit = "crm.work.log"

    crm_document_ids = fields.Many2many(
        "crm.document",
        "crm_document_work_log_rel",
        "log_id",
        "document_id",
        string="Documents",
        groups="crm_docs.crm_docs_group_own",
    )
    crm_document_count = fields.Integer(
        string="Documents Count",
        compute="_compute_crm_document_count",
        groups="crm_docs.crm_docs_group_own",
    )

    @property
    def _crm_link_access(self):
        return {**super()._crm_link_access, "crm_document_ids": "read"}

    @api.depends("crm_document_ids")
    @api.depends_context("uid")
    def _compute_crm_document_count(self):
        for record in self:
            record.crm_document_count = len(record.crm_document_ids)

    def action_crm_view_documents(self):
        return _view_documents(self)
