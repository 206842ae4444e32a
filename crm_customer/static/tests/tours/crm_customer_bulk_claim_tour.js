import { registry } from "@web/core/registry";

// On a desktop, a salesperson working in Chinese sees in the pool list how long
// each customer has waited, who had it and why it came back, selects two
// customers and claims them at once, within the claim cap.
registry.category("web_tour.tours").add("crm_customer_bulk_claim_tour", {
    url: "/odoo/action-crm_customer.res_partner_action_pool",
    steps: () => [
        {
            content: "the pool list shows the reason a customer came back",
            trigger: ".o_list_view .o_data_row:contains('巡检批量客户甲'):contains('没有预算')",
        },
        {
            content: "and its days in the pool",
            trigger: ".o_list_view th[data-name=crm_days_in_pool]",
        },
        {
            content: "select the first customer",
            trigger: ".o_data_row:contains('巡检批量客户甲') .o_list_record_selector input",
            run: "click",
        },
        {
            content: "select the second customer",
            trigger: ".o_data_row:contains('巡检批量客户乙') .o_list_record_selector input",
            run: "click",
        },
        {
            content: "claim both (领取)",
            trigger: ".o_control_panel button[name=action_claim]:contains('领取')",
            run: "click",
        },
        {
            content: "one message says how many were claimed",
            trigger: ".o_notification:contains('已领取 2 个客户')",
        },
        {
            content: "the salesperson lands on their customers",
            trigger: ".o_list_view .o_data_row:contains('巡检批量客户乙')",
        },
    ],
});
