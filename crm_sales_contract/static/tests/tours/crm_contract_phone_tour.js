import { registry } from "@web/core/registry";

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

// A salesperson on a phone (390 px): their contracts open as cards; a new
// contract is started for a customer and saved; the draft prepared earlier
// (lines and payment plan) is confirmed with the form's phone bar, not the gear
// menu. Steps are keyed on field and button names and the test's data.
registry.category("web_tour.tours").add("crm_contract_phone_tour", {
    steps: () => [
        {
            content: "my contracts open as cards",
            trigger: ".o_kanban_view .o_kanban_record:contains('巡检手机待确认')",
        },
        {
            content: "start a new contract",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "its subject",
            trigger: ".o_form_view .o_field_widget[name=title] input",
            run: "edit 巡检手机新合同",
        },
        ...pick("partner_id", "巡检手机合同客户"),
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
            content: "a draft: Confirm waits in the phone bar",
            trigger: ".o_form_view .o_crm_phone_actions button[name=action_confirm]:visible",
        },
        {
            content: "back to my contracts",
            trigger: ".o_back_button, .o_breadcrumb .o_back_button",
            run: "click",
        },
        {
            content: "open the draft prepared earlier",
            trigger: ".o_kanban_view .o_kanban_record:contains('巡检手机待确认')",
            run: "click",
        },
        {
            content: "confirm: one tap, without the gear menu",
            trigger: ".o_form_view .o_crm_phone_actions button[name=action_confirm]:visible",
            run: "click",
        },
        {
            content: "a notification says what happened",
            trigger: ".o_notification",
        },
        {
            content: "confirmed",
            trigger:
                ".o_statusbar_status .o_arrow_button_current[data-value=confirmed], " +
                ".o_statusbar_status .o_arrow_button_current[data-value=confirmed]:not(:visible)",
        },
        {
            content: "no Confirm in the phone bar any more",
            trigger: ".o_form_view:not(:has(.o_crm_phone_actions button[name=action_confirm]:visible))",
        },
    ],
});
