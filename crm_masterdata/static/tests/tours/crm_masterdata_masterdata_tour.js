import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

function openConfigMenu(xmlid, content, title) {
    return [
        {
            content: "open Configuration",
            trigger: "button[data-menu-xmlid='crm_masterdata.crm_menu_configuration']",
            run: "click",
        },
        {
            content,
            trigger: `a[data-menu-xmlid='crm_masterdata.${xmlid}']`,
            run: "click",
        },
        {
            content: `wait for ${title}`,
            trigger: `.o_last_breadcrumb_item:contains('${title}')`,
        },
    ];
}

registry.category("web_tour.tours").add("crm_masterdata_masterdata_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "open the Customer Relations app",
            trigger: ".o_app[data-menu-xmlid='crm_masterdata.crm_menu_root']",
            run: "click",
        },
        // a purchase type, typed in the editable list
        ...openConfigMenu("crm_purchase_type_menu", "open Purchase Types", "Purchase Types"),
        {
            trigger: ".o_list_view .o_data_row:contains('TOUR-PT')",
        },
        {
            content: "add a line",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_selected_row .o_field_widget[name=code] input",
            run: "edit TOUR-NEW",
        },
        {
            trigger: ".o_selected_row .o_field_widget[name=name] input",
            run: "edit 巡检采购",
        },
        {
            content: "save the line",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            trigger: ".o_data_row:not(.o_selected_row):contains('巡检采购')",
        },
        // suppliers: the partner form with the supplier fields
        ...openConfigMenu("crm_supplier_menu", "open Suppliers", "Suppliers"),
        {
            content: "open the tour's supplier",
            trigger: ".o_data_row td:contains('巡检供应商')",
            run: "click",
        },
        {
            trigger: ".o_notebook a[name=sales_purchases]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=crm_supplier_category_id] input:value(巡检类别)",
        },
        // prices
        ...openConfigMenu("crm_purchase_price_menu", "open Purchase Prices", "Purchase Prices"),
        {
            trigger: ".o_list_view .o_data_row:contains('巡检供应商')",
        },
        ...openConfigMenu("crm_sales_price_menu", "open Sales Prices", "Sales Prices"),
        {
            trigger: ".o_list_view .o_data_row:contains('巡检价格表')",
        },
        // products: the floor price on Odoo's own product form
        ...openConfigMenu("crm_product_template_menu", "open Products", "Products"),
        {
            trigger: ".o_list_view .o_data_row td:contains('巡检货品')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=crm_floor_price]",
        },
        // the expense category tree
        ...openConfigMenu("crm_expense_category_menu", "open Expense Categories", "Expense Categories"),
        {
            trigger: ".o_list_view .o_data_row:contains('巡检差旅 / 巡检交通')",
        },
        ...openConfigMenu("crm_stock_nature_outbound_menu", "open Outbound Natures", "Outbound Natures"),
        {
            trigger: ".o_list_view .o_data_row:contains('巡检出库')",
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_row:contains('巡检入库')))",
        },
    ],
});
