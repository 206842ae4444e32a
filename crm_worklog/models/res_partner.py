from odoo import fields, models


# one class per concern (the customer timeline is in crm_work_timeline.py)
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    crm_work_log_count = fields.Integer(
        string="Work Logs",
        compute="_compute_crm_work_counts",
        groups="crm_worklog.crm_worklog_group_own",
    )
    crm_work_task_count = fields.Integer(
        string="Work Tasks",
        compute="_compute_crm_work_counts",
        groups="crm_worklog.crm_worklog_group_own",
    )

    def _compute_crm_work_counts(self):
        logs = self._crm_history_count("crm.work.log", partner_field="partner_ids")
        tasks = self._crm_history_count("crm.work.task", partner_field="partner_ids")
        for partner in self:
            partner.crm_work_log_count = logs.get(partner.id, 0)
            partner.crm_work_task_count = tasks.get(partner.id, 0)

    def _crm_work_action(self, model_name, xml_id):
        action = self._crm_history_action(
            model_name, partner_field="partner_ids", xml_id=xml_id
        )
        # a many2many default is a list of ids
        action["context"] = {
            "default_partner_ids": [self.commercial_partner_id.id],
        }
        return action

    def action_crm_work_logs(self):
        return self._crm_work_action(
            "crm.work.log", "crm_worklog.crm_work_log_action_partner"
        )

    def action_crm_work_tasks(self):
        return self._crm_work_action(
            "crm.work.task", "crm_worklog.crm_work_task_action_partner"
        )
