from odoo import fields, models, tools
from odoo.tools import SQL

from .crm_work_task import KINDS, STATES


class CrmWorkTaskReport(models.Model):
    """Task statistics within scope: counts, completion rate and overdue
    tasks by person and month (pivot and graph). One row per task, so the
    record rules of the Work scope apply to it as to the tasks."""

    _name = "crm.work.task.report"
    _description = "Task Statistics"
    _auto = False
    _order = "date_deadline desc"
    # read by the Work scope's rules (res.users._crm_scope_domain)
    _crm_scope_app = "work"
    _crm_scope_owner_field = "user_id"
    _crm_scope_assignee_fields = ()

    task_id = fields.Many2one("crm.work.task", string="Task", readonly=True)
    name = fields.Char(string="Title", readonly=True)
    kind = fields.Selection(KINDS, readonly=True)
    state = fields.Selection(STATES, string="Status", readonly=True)
    user_id = fields.Many2one("res.users", string="Owner", readonly=True)
    department_id = fields.Many2one("hr.department", string="Department", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    date_start = fields.Date(string="Start", readonly=True)
    date_deadline = fields.Date(string="Deadline", readonly=True)
    date_done = fields.Date(string="Done On", readonly=True)
    task_count = fields.Integer(string="Tasks", readonly=True)
    done_count = fields.Integer(string="Done", readonly=True)
    overdue_count = fields.Integer(string="Overdue", readonly=True)
    completion_rate = fields.Float(
        string="Completion Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the tasks (not cancelled) that are done.",
    )
    overdue_rate = fields.Float(
        string="Overdue Rate (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the tasks (not cancelled) that are open past their deadline.",
    )
    progress = fields.Float(string="Progress (%)", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT t.id AS id,
                           t.id AS task_id,
                           t.name AS name,
                           t.kind AS kind,
                           t.state AS state,
                           t.user_id AS user_id,
                           t.department_id AS department_id,
                           t.company_id AS company_id,
                           t.date_start AS date_start,
                           t.date_deadline AS date_deadline,
                           t.date_done AS date_done,
                           1 AS task_count,
                           CASE WHEN t.state = 'done' THEN 1 ELSE 0 END AS done_count,
                           CASE WHEN t.state IN ('draft', 'open')
                                 AND t.date_deadline < today.date
                                THEN 1 ELSE 0 END AS overdue_count,
                           CASE WHEN t.state = 'cancelled' THEN NULL
                                WHEN t.state = 'done' THEN 100.0
                                ELSE 0.0 END AS completion_rate,
                           CASE WHEN t.state = 'cancelled' THEN NULL
                                WHEN t.state IN ('draft', 'open')
                                 AND t.date_deadline < today.date THEN 100.0
                                ELSE 0.0 END AS overdue_rate,
                           t.progress AS progress
                      FROM crm_work_task t
                      -- overdue on the company's date (its partner's time
                      -- zone), as the task's own is_overdue: between 16:00
                      -- and 24:00 UTC it is already tomorrow in China
                      LEFT JOIN res_company c ON c.id = t.company_id
                      LEFT JOIN res_partner cp ON cp.id = c.partner_id
                      CROSS JOIN LATERAL (
                          SELECT (now() AT TIME ZONE
                                  COALESCE(NULLIF(cp.tz, ''), 'UTC'))::date AS date
                      ) today
                )
                """,
                SQL.identifier(self._table),
            )
        )
