import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

function openCustomerMenu(xmlid, title) {
    return [
        {
            content: "open the Customers menu",
            trigger: "button[data-menu-xmlid='crm_customer.crm_customer_menu']",
            run: "click",
        },
        {
            content: `open ${title}`,
            trigger: `a[data-menu-xmlid='crm_customer.${xmlid}']`,
            run: "click",
        },
        {
            content: `wait for ${title}`,
            trigger: `.o_last_breadcrumb_item:contains('${title}')`,
        },
    ];
}

// A salesperson working in Chinese claims a customer from the pool, is told so
// and lands on My Customers, then finds it among the customers in their scope,
// in the list and in the kanban view.
registry.category("web_tour.tours").add("crm_customer_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "open the Customer Relations app (客户关系)",
            trigger: ".o_app[data-menu-xmlid='crm_masterdata.crm_menu_root']:contains('客户关系')",
            run: "click",
        },
        ...openCustomerMenu("res_partner_menu_pool", "公海"),
        {
            content: "the pool customer's phone is not shown",
            trigger: ".o_data_row:contains('巡检公海客户'):not(:contains('020-3888'))",
        },
        {
            content: "open the pool customer",
            trigger: ".o_data_row td:contains('巡检公海客户')",
            run: "click",
        },
        {
            content: "the form says it is in the pool",
            trigger: ".o_form_view .ribbon:contains('公海中')",
        },
        {
            content: "claim it (领取)",
            trigger: ".o_form_view button[name=action_claim]:contains('领取')",
            run: "click",
        },
        {
            content: "a notification says what happened",
            trigger: ".o_notification:contains('巡检公海客户')",
        },
        {
            content: "the user lands on My Customers (本人的客户), no longer under the pool",
            trigger: ".o_breadcrumb:not(:contains('公海')) .o_last_breadcrumb_item:contains('本人的客户')",
        },
        {
            content: "the claimed customer is among their customers",
            trigger: ".o_list_view .o_data_row td:contains('巡检公海客户')",
            run: "click",
        },
        {
            content: "the customer is no longer in the pool",
            trigger: ".o_form_view:not(:has(.ribbon)) .o_field_widget[name=user_id]",
        },
        {
            content: "and its phone shows",
            trigger:
                ".o_field_widget[name=phone] input:value(020-3888 6666), " +
                ".o_field_widget[name=phone]:contains('020-3888 6666')",
        },
        ...openCustomerMenu("res_partner_menu_scope", "权限范围内的客户"),
        {
            content: "the claimed customer is in the list",
            trigger: ".o_list_view .o_data_row:contains('巡检公海客户')",
        },
        {
            content: "and the customer of a colleague is not",
            trigger: ".o_list_view:not(:has(.o_data_row:contains('巡检同事客户')))",
        },
        {
            content: "switch to the kanban view (the mobile app's view)",
            trigger: ".o_switch_view.o_kanban",
            run: "click",
        },
        {
            trigger: ".o_kanban_record:contains('巡检公海客户')",
        },
    ],
});
