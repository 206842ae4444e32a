import { registry } from "@web/core/registry";

// On a phone (390 px), a salesperson working in Chinese opens the pool as
// cards, claims a customer from its card, is told so and lands on their
// customers; records a follow-up from the form's phone bar; then releases it
// again from the form's gear menu, giving the reason.
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
            content: "follow up: one tap in the form's phone bar (no gear menu)",
            trigger: ".o_form_view .o_crm_phone_actions button[name=action_crm_followup]:visible",
            run: "click",
        },
        {
            content: "what was said",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit 手机上回访：下月再联系",
        },
        {
            content: "save the follow-up",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "a notification says the follow-up is recorded",
            trigger: ".o_notification:contains('已记录巡检手机公海客户的跟进')",
        },
        {
            content: "the dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "open the actions menu (the other buttons of the form on a phone)",
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
