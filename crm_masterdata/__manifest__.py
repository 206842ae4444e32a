{
    "name": "CRM Master Data",
    "summary": "Roles, department-scoped visibility and master data of the CRM suite",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "author": "CRM Suite Contributors",
    "website": "https://example.invalid/crm-suite",
    "depends": ["mail", "hr", "product"],
    "external_dependencies": {"python": []},
    "data": [
        "security/crm_masterdata_groups.xml",
        "security/ir.model.access.csv",
        "security/crm_masterdata_security.xml",
        # master data (models, views, actions)
        "views/res_users_views.xml",
        "views/crm_reminder_views.xml",
        # MASTERDATA-VIEWS (files of the master data models are listed here)
        "views/crm_masterdata_menus.xml",
    ],
    "demo": [
        "demo/crm_masterdata_org_demo.xml",
        # MASTERDATA-DEMO
    ],
    "application": True,
    "installable": True,
}
