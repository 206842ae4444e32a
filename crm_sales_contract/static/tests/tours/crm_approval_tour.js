import { registry } from "@web/core/registry";

// A manager working in Chinese opens 待我审批 (Waiting for My Approval), approves
// the contract waiting there from the list, with a comment, is told so, and the
// request leaves the list.
registry.category("web_tour.tours").add("crm_approval_tour", {
    url: "/odoo/action-crm_sales_contract.crm_approval_action_my",
    steps: () => [
        {
            content: "the list is titled 待我审批",
            trigger: ".o_last_breadcrumb_item:contains('待我审批')",
        },
        {
            content: "the contract waits there, as a Sales Contract",
            trigger: ".o_data_row:contains('审批 HT')",
        },
        {
            content: "approve it from the list",
            trigger: ".o_data_row:contains('审批 HT') button[name=action_crm_approve]",
            run: "click",
        },
        {
            content: "the approval dialog asks for an optional comment",
            trigger: ".modal div[name=comment] textarea",
            run: "edit 同意，重点客户",
        },
        {
            content: "approve",
            trigger: ".modal button[name=action_apply]:contains('审批')",
            run: "click",
        },
        {
            content: "a notification says what happened",
            trigger: ".o_notification:contains('已审批通过并确认')",
        },
        {
            content: "the request left the list",
            trigger: ".o_action:not(:has(.o_data_row:contains('审批 HT')))",
        },
    ],
});
