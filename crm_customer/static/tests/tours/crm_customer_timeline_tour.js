import { registry } from "@web/core/registry";

// A salesperson working in Chinese on a phone opens the timeline (动态) of
// their customer: the newest 20 follow-ups, then the rest with 加载更多.
registry.category("web_tour.tours").add("crm_customer_timeline_tour", {
    steps: () => [
        {
            content: "the customer's form",
            trigger: ".o_form_view .o_notebook_headers",
        },
        {
            content: "open the timeline page (动态)",
            trigger: ".o_notebook_headers a:contains('动态')",
            run: "click",
        },
        {
            content: "the newest follow-up first, with its date in 年月日",
            trigger:
                ".o_crm_timeline_item:first-child .o_crm_timeline_title:contains('回访记录 24')",
        },
        {
            content: "a note on the customer itself opens nothing more (it is on screen)",
            trigger: ".o_crm_timeline_item:first-child:not(.o_crm_timeline_openable)",
        },
        {
            content: "dates for Chinese readers",
            trigger: ".o_crm_timeline_item:first-child .o_crm_timeline_meta:contains('年')",
        },
        {
            content: "20 items, then load more (加载更多)",
            trigger:
                ".o_crm_timeline:has(.o_crm_timeline_item:nth-child(20)):not(:has(.o_crm_timeline_item:nth-child(21))) .o_crm_timeline_more:contains('加载更多')",
        },
        {
            content: "load more",
            trigger: ".o_crm_timeline_more",
            run: "click",
        },
        {
            content: "the oldest follow-up is shown",
            trigger: ".o_crm_timeline_item .o_crm_timeline_title:contains('回访记录 0')",
        },
        {
            content: "and nothing more to load",
            trigger: ".o_crm_timeline:not(:has(.o_crm_timeline_more))",
        },
        {
            content: "refresh: the first page again",
            trigger: ".o_crm_timeline_refresh",
            run: "click",
        },
        {
            content: "20 items and load more again",
            trigger:
                ".o_crm_timeline:not(:has(.o_crm_timeline_item:nth-child(21))) .o_crm_timeline_more",
        },
        {
            content: "the page fits the phone's width",
            trigger: ".o_crm_timeline",
            run() {
                const timeline = document.querySelector(".o_crm_timeline");
                if (timeline.scrollWidth > window.innerWidth) {
                    throw new Error(
                        `timeline wider than the screen: ${timeline.scrollWidth} > ${window.innerWidth}`
                    );
                }
            },
        },
    ],
});
