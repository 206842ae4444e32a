{
    "name": "CRM Work Logs and Tasks",
    "summary": "Goals, plans and tasks, daily/weekly/monthly work logs, coaching "
    "by managers within scope, read receipts and the morning digest",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM Suite Contributors",
    "website": "https://example.invalid/crm-suite",
    "depends": ["crm_customer"],
    "external_dependencies": {"python": []},
    "data": [
        "security/crm_worklog_groups.xml",
        "security/ir.model.access.csv",
        "security/crm_worklog_security.xml",
        "data/ir_cron_data.xml",
        "views/crm_work_comment_views.xml",
        "views/crm_work_task_views.xml",
        "views/crm_work_log_views.xml",
        "views/crm_work_day_views.xml",
        "views/res_partner_views.xml",
        "views/crm_worklog_menus.xml",
    ],
    "demo": ["demo/crm_worklog_demo.xml"],
    "assets": {
        "web.assets_tests": ["crm_worklog/static/tests/tours/*.js"],
    },
    "installable": True,
}
