import { Component, onWillStart, onWillUpdateProps, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

const PAGE_SIZE = 20;

/**
 * The customer's timeline (动态): what happened with the customer, newest
 * first, as res.partner.crm_timeline() gives it (only what the reader may
 * read), a page at a time with "Load more"; an item opens its record.
 */
export class CrmTimeline extends Component {
    static template = "crm_customer.CrmTimeline";
    static props = { ...standardWidgetProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ items: [], loading: false, hasMore: false, error: "" });
        onWillStart(() => this.load(this.props.record.resId, true));
        onWillUpdateProps((nextProps) => {
            if (nextProps.record.resId !== this.resId) {
                return this.load(nextProps.record.resId, true);
            }
        });
    }

    async load(resId, reset) {
        this.resId = resId;
        if (reset) {
            this.state.items = [];
            this.state.hasMore = false;
        }
        if (!resId) {
            return;
        }
        this.state.loading = true;
        try {
            const items = await this.orm.call("res.partner", "crm_timeline", [[resId]], {
                offset: this.state.items.length,
                limit: PAGE_SIZE + 1,
            });
            if (resId !== this.resId) {
                return;
            }
            this.state.hasMore = items.length > PAGE_SIZE;
            this.state.items.push(...items.slice(0, PAGE_SIZE));
            this.state.error = "";
        } catch {
            this.state.error = _t("The timeline could not be loaded.");
        } finally {
            this.state.loading = false;
        }
    }

    refresh() {
        return this.load(this.resId, true);
    }

    loadMore() {
        return this.load(this.resId, false);
    }

    isOpenable(item) {
        // a follow-up on the customer itself is already on screen
        return !(item.open_model === "res.partner" && item.open_id === this.resId);
    }

    openItem(item) {
        if (!this.isOpenable(item)) {
            return;
        }
        return this.action.doAction({
            type: "ir.actions.act_window",
            res_model: item.open_model,
            res_id: item.open_id,
            views: [[false, "form"]],
            target: "current",
        });
    }
}

export const crmTimeline = {
    component: CrmTimeline,
};

registry.category("view_widgets").add("crm_timeline", crmTimeline);
