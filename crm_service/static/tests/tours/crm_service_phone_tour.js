import { registry } from "@web/core/registry";

function statusButton(name, label, content) {
    // on a phone the form's header buttons are in the control panel's menu
    return [
        {
            content: "open the actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content,
            trigger: `.o-dropdown-item button[name=${name}]:contains('${label}')`,
            run: "click",
        },
    ];
}

function statusIs(state) {
    // the current stage, shown or folded into the bar's "..." on a phone
    const stage = `.o_statusbar_status .o_arrow_button_current[data-value=${state}]`;
    return `${stage}, ${stage}:not(:visible)`;
}

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

// A service agent working in Chinese, on a phone (390 px): their requests open
// as cards; they accept (受理) a new request from a customer's call, start it,
// write the resolution and resolve it. Steps are keyed on field and button
// names, and on the data the test gives, never on interface wording.
registry.category("web_tour.tours").add("crm_service_phone_tour", {
    steps: () => [
        {
            content: "my requests open as cards",
            trigger: ".o_kanban_view .o_kanban_record:contains('巡检已有服务单')",
        },
        {
            content: "accept a new request",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "what the customer needs",
            trigger: ".o_form_view .o_field_widget[name=title] input",
            run: "edit 巡检：复印机卡纸",
        },
        ...pick("partner_id", "巡检服务客户"),
        ...pick("type_id", "巡检远程服务"),
        {
            content: "save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "saved with its number",
            trigger: ".o_form_view .o_form_saved .o_field_widget[name=name]:contains('FW')",
        },
        {
            content: "start the work (开始处理), one tap on the phone",
            trigger: ".o_form_view .o_crm_phone_actions button[name=action_start]:contains('开始处理')",
            run: "click",
        },
        {
            content: "the request is in progress",
            trigger: statusIs("in_progress"),
        },
        {
            content: "open the resolution tab (the interface is in Chinese)",
            trigger: ".o_notebook .nav-link[name=resolution]:contains('处理结果')",
            run: "click",
        },
        {
            content: "write the resolution",
            trigger: ".o_field_widget[name=resolution] .odoo-editor-editable",
            run: "editor 清理搓纸轮后打印正常",
        },
        ...statusButton("action_resolve", "解决", "resolve it (also under the gear)"),
        {
            content: "the request is resolved",
            trigger: statusIs("resolved"),
        },
        {
            content: "resolved: the Visit button is offered on the form",
            trigger: ".o_form_view .o_crm_phone_actions button[name=action_visit]",
        },
    ],
});
