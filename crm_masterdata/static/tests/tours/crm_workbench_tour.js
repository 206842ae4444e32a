import { registry } from "@web/core/registry";

// At phone size: the user lands on the workbench after login (/odoo names no
// action), sees the tiles as one column of cards, opens a tile's list.
registry.category("web_tour.tours").add("crm_workbench_phone_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "the workbench is the home page",
            trigger: ".o_crm_workbench .o_crm_workbench_tile",
        },
        {
            content: "one column on a phone: the tile spans the screen",
            trigger: ".o_crm_workbench .o_crm_workbench_tile",
            run() {
                const tile = document.querySelector(".o_crm_workbench_tile");
                const width = tile.getBoundingClientRect().width;
                if (width < window.innerWidth * 0.8) {
                    throw new Error(`tile is ${width}px wide on a ${window.innerWidth}px screen`);
                }
            },
        },
        {
            content: "open the follow-ups due",
            trigger:
                ".o_crm_workbench_tile[data-key='crm_customer.followups_due']:has(.o_crm_workbench_count:contains(1))",
            run: "click",
        },
        {
            content: "the customer to follow up, as a card",
            trigger: ".o_kanban_record:contains(WB Follow-up Customer)",
        },
        {
            content: "only that customer",
            trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains(WB Other Customer)))",
        },
    ],
});
