import { registry } from "@web/core/registry";

// A colleague on a phone (390 px) opens the documents shared with them (a
// kanban, the phone's first view) and reads the shared document with its file.
registry.category("web_tour.tours").add("crm_docs_phone_tour", {
    steps: () => [
        {
            content: "the shared document is a card",
            trigger: ".o_kanban_view .o_kanban_record:contains('Phone tour document')",
            run: "click",
        },
        {
            content: "the document's form with its title",
            trigger: ".o_form_view .o_field_widget[name=name]:contains('Phone tour document'), .o_form_view .o_field_widget[name=name] input:value(Phone tour document)",
        },
        {
            content: "its file is listed",
            trigger: ".o_form_view .o_field_many2many_binary:contains('phone-tour.pdf')",
        },
        {
            content: "its summary is shown",
            trigger: ".o_form_view .o_field_widget[name=summary]:contains('Shared for the tour'), .o_form_view .o_field_widget[name=summary] textarea",
        },
    ],
});
