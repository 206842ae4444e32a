import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("crm_masterdata_scope_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "open the Customer Relations app",
            trigger: ".o_app[data-menu-xmlid='crm_masterdata.crm_menu_root']",
            run: "click",
        },
        {
            content: "open Configuration",
            trigger: "button[data-menu-xmlid='crm_masterdata.crm_menu_configuration']",
            run: "click",
        },
        {
            content: "open Users, Odoo's own screen",
            trigger: "a[data-menu-xmlid='crm_masterdata.crm_menu_config_users']",
            run: "click",
        },
        {
            content: "open the tour's manager",
            trigger: ".o_data_row td:contains('Tour Manager')",
            run: "click",
        },
        {
            content: "open the Data Scope tab",
            trigger: ".o_notebook a:contains('Data Scope')",
            run: "click",
        },
        {
            content: "grant a department",
            trigger: ".o_field_widget[name=crm_department_ids] input",
            run: "edit Tour Granted",
        },
        {
            trigger: ".ui-autocomplete a:contains('Tour Granted')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=crm_department_ids] .o_tag:contains('Tour Granted')",
        },
        ...stepUtils.saveForm(),
        {
            content: "open Configuration again",
            trigger: "button[data-menu-xmlid='crm_masterdata.crm_menu_configuration']",
            run: "click",
        },
        {
            content: "open Departments",
            trigger: "a[data-menu-xmlid='crm_masterdata.crm_menu_config_departments']",
            run: "click",
        },
        {
            content: "the department tree is there",
            trigger: ".o_kanban_record:contains('Tour Granted'), .o_data_row:contains('Tour Granted')",
        },
    ],
});
