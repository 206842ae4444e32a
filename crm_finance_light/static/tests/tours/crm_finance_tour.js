import { registry } from "@web/core/registry";

// Finance buttons say what happened. Steps are keyed on button and field
// names and on the data the test gives (customer 巡检收款客户, expense 巡检出差,
// statement partner 巡检对账客户), never on interface wording.

function notified(text) {
    return {
        content: `a notification saying ${text}`,
        trigger: `.o_notification:contains('${text}')`,
    };
}

// A finance clerk allocates a receipt automatically, then confirms it.
registry.category("web_tour.tours").add("crm_finance_receipt_tour", {
    steps: () => [
        {
            content: "allocate automatically",
            trigger: ".o_form_view button[name=action_auto_allocate]",
            run: "click",
        },
        notified("巡检收款客户"),
        {
            content: "the allocation lines are shown",
            trigger: ".o_field_widget[name=allocation_ids] .o_data_row",
        },
        {
            content: "confirm",
            trigger: ".o_form_view button[name=action_confirm]",
            run: "click",
        },
        {
            content: "confirmed: the form says so",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value=confirmed]",
        },
    ],
});

// The approver approves an expense with a comment, in the approval dialog.
registry.category("web_tour.tours").add("crm_finance_expense_tour", {
    steps: () => [
        {
            content: "approve",
            trigger: ".o_form_view button[name=action_approve]",
            run: "click",
        },
        {
            content: "write a comment",
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit 巡检同意，注意保留发票",
        },
        {
            content: "apply",
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "the dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "approved: the form says so",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value=approved]",
        },
        {
            content: "the comment is in the chatter",
            trigger: ".o-mail-Chatter:contains('巡检同意，注意保留发票')",
        },
        {
            content: "no approve button any more",
            trigger: ".o_form_view:not(:has(button[name=action_approve]))",
        },
    ],
});

// A statement opened from its own URL (a reload shows it again), then sent
// by e-mail with Odoo's composer.
registry.category("web_tour.tours").add("crm_finance_statement_tour", {
    steps: () => [
        {
            content: "the statement's lines are shown",
            trigger: ".o_crm_statement_table:contains('巡检对账单号')",
        },
        {
            content: "send by e-mail",
            trigger: ".o_form_view button[name=action_send_email]",
            run: "click",
        },
        {
            content: "the composer has the statement attached",
            trigger: ".modal .o_field_widget[name=attachment_ids]:contains('巡检对账客户')",
        },
        {
            content: "send",
            trigger: ".modal .modal-footer button.o_mail_send:enabled",
            run: "click",
        },
        notified("巡检对账客户"),
        {
            content: "the composer is closed",
            trigger: "body:not(:has(.modal))",
        },
    ],
});

// The approver on a phone (390 px): expenses to approve open as cards; the
// header's buttons are in the control panel's menu.
registry.category("web_tour.tours").add("crm_finance_expense_phone_tour", {
    steps: () => [
        {
            content: "the expense's card",
            trigger: ".o_kanban_view .o_kanban_record:contains('巡检手机报销')",
            run: "click",
        },
        {
            content: "open the actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "approve",
            trigger: ".o-dropdown-item button[name=action_approve]",
            run: "click",
        },
        {
            content: "write a comment",
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit 手机上批准",
        },
        {
            content: "apply",
            trigger: ".modal button[name=action_apply]",
            run: "click",
        },
        {
            content: "a notification says it is approved",
            trigger: ".o_notification",
        },
        {
            content: "approved",
            trigger:
                ".o_statusbar_status .o_arrow_button_current[data-value=approved], " +
                ".o_statusbar_status .o_arrow_button_current[data-value=approved]:not(:visible)",
        },
    ],
});
