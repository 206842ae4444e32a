import { registry } from "@web/core/registry";

// A salesperson working in Chinese, on a phone (390 px): their logs open as
// cards; they write today's daily log, link the customer they visited and
// save. Steps are keyed on field names and on the data the test gives, never
// on interface wording.
registry.category("web_tour.tours").add("crm_worklog_phone_tour", {
    steps: () => [
        {
            content: "my logs open as cards",
            trigger: ".o_kanban_view .o_kanban_record:contains('巡检昨日日志')",
        },
        {
            content: "write a new log",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "a daily log by default",
            trigger: ".o_form_view .o_field_widget[name=kind] input[data-value=daily]:checked",
        },
        {
            content: "open the choices of customers",
            trigger: ".o_form_view .o_field_widget[name=partner_ids] input",
            run: "click",
        },
        {
            content: "show the dialog's search bar",
            trigger: ".modal button:has(i.fa-search)",
            run: "click",
        },
        {
            content: "search the customer",
            trigger: ".modal .o_searchview_input",
            run: "edit 巡检日志客户 && press Enter",
        },
        {
            content: "pick the customer",
            trigger: ".modal .o_kanban_record:contains('巡检日志客户')",
            run: "click",
        },
        {
            content: "the customer is linked",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=partner_ids] .o_tag:contains('巡检日志客户')",
        },
        {
            content: "write what was done",
            trigger: ".o_field_widget[name=done] .odoo-editor-editable",
            run: "editor 拜访客户，演示新款复印机",
        },
        {
            content: "save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
