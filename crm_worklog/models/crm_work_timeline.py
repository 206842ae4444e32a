"""Work logs and tasks on the customer's timeline (crm_customer's
``res.partner.crm_timeline``)."""

from markupsafe import Markup

from odoo import api, models
from odoo.tools import create_index, html2plaintext


class CrmWorkLog(models.Model):
    _inherit = "crm.work.log"

    def init(self):
        res = super().init()
        # the timeline finds a customer's logs through the link table
        create_index(
            self.env.cr,
            "crm_work_log_partner_rel_timeline_index",
            "crm_work_log_partner_rel",
            ["partner_id", "log_id"],
        )
        return res


class CrmWorkTask(models.Model):
    _inherit = "crm.work.task"

    def init(self):
        res = super().init()
        create_index(
            self.env.cr,
            "crm_work_task_partner_rel_timeline_index",
            "crm_work_task_partner_rel",
            ["partner_id", "task_id"],
        )
        create_index(
            self.env.cr,
            "crm_work_task_timeline_index",
            self._table,
            ["create_date DESC", "id DESC"],
        )
        return res


# one class per concern: the timeline's source beside the addon's other
# res.partner extensions
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _crm_timeline_sources(self):
        return super()._crm_timeline_sources() + [
            "_crm_timeline_work_logs",
            "_crm_timeline_work_tasks",
        ]

    def _crm_timeline_work_logs(self, partners, limit):
        """The work logs linked to the customer that the reader may read (the
        Work scope, recipients included), newest first."""
        Log = self.env["crm.work.log"]
        if not Log.has_access("read"):
            return []
        logs = Log.search_fetch(
            [("partner_ids", "in", partners.ids)],
            ["kind", "date", "user_id", "done", "plan"],
            order="date desc, id desc",
            limit=limit,
        )
        kinds = self._crm_timeline_labels("crm.work.log", "kind")
        label = self.env._("Work log")
        items = []
        for log in logs:
            done = html2plaintext(log.done or Markup("")).strip()
            plan = html2plaintext(log.plan or Markup("")).strip()
            items.append(
                self._crm_timeline_item(
                    log,
                    log.date,
                    "work_log",
                    label,
                    "fa-book",
                    " · ".join(
                        filter(None, [kinds.get(log.kind), log.user_id.sudo().name])
                    ),
                    done or plan,
                    user=log.user_id,
                )
            )
        return items

    def _crm_timeline_work_tasks(self, partners, limit):
        """The goals, plans and tasks linked to the customer that the reader
        may read (the Work scope, collaborators included), newest first."""
        Task = self.env["crm.work.task"]
        if not Task.has_access("read"):
            return []
        tasks = Task.search_fetch(
            [("partner_ids", "in", partners.ids)],
            [
                "name",
                "kind",
                "state",
                "progress",
                "date_deadline",
                "next_step",
                "user_id",
                "create_date",
            ],
            order="create_date desc, id desc",
            limit=limit,
        )
        kinds = self._crm_timeline_labels("crm.work.task", "kind")
        states = self._crm_timeline_labels("crm.work.task", "state")
        items = []
        for task in tasks:
            parts = [states.get(task.state, ""), f"{task.progress:.0f}%"]
            if task.date_deadline:
                parts.append(
                    self.env._(
                        "due %(date)s",
                        date=self._crm_timeline_format_date(task.date_deadline),
                    )
                )
            if task.next_step:
                parts.append(task.next_step)
            items.append(
                self._crm_timeline_item(
                    task,
                    task.create_date,
                    "work_task",
                    kinds.get(task.kind, ""),
                    "fa-tasks",
                    task.name,
                    " · ".join(filter(None, parts)),
                    user=task.user_id,
                )
            )
        return items
