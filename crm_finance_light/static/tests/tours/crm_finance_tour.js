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

// The approver on a phone (390 px): expenses to approve open as cards; Approve
// and Reject are in the form's phone bar (Odoo folds header buttons under ⚙).
registry.category("web_tour.tours").add("crm_finance_expense_phone_tour", {
    steps: () => [
        {
            content: "the expense's card",
            trigger: ".o_kanban_view .o_kanban_record:contains('巡检手机报销')",
            run: "click",
        },
        {
            content: "approve: one tap, without the gear menu",
            trigger: ".o_form_view .o_crm_phone_actions button[name=action_approve]:visible",
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

function pick(field, text) {
    // on a phone a many2one opens a search dialog of cards
    return [
        {
            content: `open the choices of ${field}`,
            trigger: `.o_form_view .o_field_widget[name=${field}] input`,
            run: "click",
        },
        {
            content: "show the dialog's search bar",
            trigger: ".modal button:has(i.fa-search)",
            run: "click",
        },
        {
            content: `search ${text}`,
            trigger: ".modal .o_searchview_input",
            run: `edit ${text} && press Enter`,
        },
        {
            content: `pick ${text}`,
            trigger: `.modal .o_kanban_record:contains('${text}')`,
            run: "click",
        },
        {
            content: `${text} chosen`,
            trigger: `body:not(:has(.modal)) .o_field_widget[name=${field}] input:value(${text})`,
        },
    ];
}

// The cashier on a phone (390 px): receipts open as cards; a new receipt from
// the customer, saved, allocated to the open installments and confirmed with
// the buttons of the form's phone bar (no gear menu).
registry.category("web_tour.tours").add("crm_finance_receipt_phone_tour", {
    steps: () => [
        {
            content: "receipts open as cards",
            trigger: ".o_kanban_view .o_kanban_record:contains('巡检手机收款客户')",
        },
        {
            content: "record a receipt",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        ...pick("partner_id", "巡检手机收款客户"),
        {
            content: "the amount",
            trigger: ".o_form_view .o_field_widget[name=amount] input",
            run: "edit 250",
        },
        ...pick("payment_method_id", "FIN Bank"),
        {
            content: "save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "saved",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "allocate: one tap, without the gear menu",
            trigger: ".o_form_view .o_crm_phone_actions button[name=action_auto_allocate]:visible",
            run: "click",
        },
        {
            content: "a notification says what happened",
            trigger: ".o_notification",
        },
        {
            content: "the allocation lines are shown",
            trigger: ".o_field_widget[name=allocation_ids] .o_data_row, .o_field_widget[name=allocation_ids] .o_kanban_record",
        },
        {
            content: "confirm",
            trigger: ".o_form_view .o_crm_phone_actions button[name=action_confirm]:visible",
            run: "click",
        },
        {
            content: "confirmed",
            trigger:
                ".o_statusbar_status .o_arrow_button_current[data-value=confirmed], " +
                ".o_statusbar_status .o_arrow_button_current[data-value=confirmed]:not(:visible)",
        },
    ],
});
