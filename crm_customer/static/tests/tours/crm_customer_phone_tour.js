import { registry } from "@web/core/registry";

// On a phone (390 px), a salesperson working in Chinese opens the pool as
// cards, claims a customer from its card, is told so and lands on their
// customers; then releases it again from the form, giving the reason.
registry.category("web_tour.tours").add("crm_customer_phone_tour", {
    url: "/odoo/action-crm_customer.res_partner_action_pool",
    steps: () => [
        {
            content: "the pool opens as cards on a phone",
            trigger: ".o_kanban_view .o_kanban_record:contains('巡检手机公海客户')",
        },
        {
            content: "claim it from its card (领取)",
            trigger: ".o_kanban_record:contains('巡检手机公海客户') button[name=action_claim]:contains('领取')",
            run: "click",
        },
        {
            content: "a notification says what happened",
            trigger: ".o_notification:contains('巡检手机公海客户')",
        },
        {
            content: "the salesperson lands on their customers, as cards",
            trigger: ".o_kanban_view .o_kanban_record:contains('巡检手机公海客户')",
        },
        {
            trigger: ".o_breadcrumb:not(:contains('公海'))",
        },
        {
            content: "open the customer",
            trigger: ".o_kanban_record:contains('巡检手机公海客户') .fw-bold",
            run: "click",
        },
        {
            content: "open the actions menu (the form's buttons on a phone)",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "release it to the pool (退回公海)",
            trigger: ".o-dropdown-item button[name=action_release]:contains('退回公海')",
            run: "click",
        },
        {
            content: "the dialog asks why",
            trigger: ".modal .o_field_widget[name=reason] input",
            run: "edit 今年没有采购计划",
        },
        {
            content: "confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "a notification says it went back to the pool",
            trigger: ".o_notification:contains('已退回公海')",
        },
        {
            content: "the form shows it in the pool",
            trigger: ".o_form_view .ribbon:contains('公海中')",
        },
    ],
});
