import { registry } from "@web/core/registry";

function statusButton(name, content) {
    // on a phone the form's header buttons are in the control panel's menu
    return [
        {
            content: "open the actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content,
            trigger: `.o-dropdown-item button[name=${name}]`,
            run: "click",
        },
    ];
}

// A service agent on a phone (390 px) opens their requests (a kanban, the
// phone's first view), starts the request assigned to them and resolves it.
registry.category("web_tour.tours").add("crm_service_phone_tour", {
    steps: () => [
        {
            content: "my requests open as cards",
            trigger: ".o_kanban_view .o_kanban_record:contains('Phone tour request')",
            run: "click",
        },
        {
            content: "the request's form",
            trigger: ".o_form_view .o_field_widget[name=title]:contains('Phone tour request'), .o_form_view .o_field_widget[name=title] input:value(Phone tour request)",
        },
        ...statusButton("action_start", "start the work"),
        {
            content: "the request is in progress",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value=in_progress]:not(:visible)",
        },
        {
            content: "open the actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "resolve it",
            trigger: ".o-dropdown-item button[name=action_resolve]",
            run: "click",
        },
        {
            content: "the request is resolved",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value=resolved]:not(:visible)",
        },
        {
            content: "resolved: the Visit button is offered",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item button[name=action_visit]",
        },
    ],
});
