import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { formatFloat } from "@web/core/utils/numbers";
import { useService } from "@web/core/utils/hooks";

/**
 * 工作台: the suite's home. One call (crm.workbench/crm_workbench_data) per
 * render returns every tile and figure; a tile opens its list through
 * crm_workbench_action. Cards: one column on a phone.
 */
export class CrmWorkbench extends Component {
    static template = "crm_masterdata.CrmWorkbench";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ data: null, loading: true });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.loading = true;
        this.state.data = await this.orm.call("crm.workbench", "crm_workbench_data", []);
        this.state.loading = false;
    }

    tileClass(tile) {
        return {
            ok: "border-success-subtle",
            info: "border-info",
            warning: "border-warning",
            danger: "border-danger",
        }[tile.severity] || "";
    }

    countClass(tile) {
        return {
            ok: "text-muted",
            info: "text-info",
            warning: "text-warning",
            danger: "text-danger",
        }[tile.severity] || "";
    }

    formatFigure(figure) {
        if (figure.kind === "percent") {
            return `${formatFloat(figure.value, { digits: [false, 1] })} %`;
        }
        if (figure.kind === "count") {
            return String(figure.value);
        }
        const amount = formatFloat(figure.value, { digits: [false, figure.currency.digits] });
        return figure.currency.position === "after"
            ? `${amount} ${figure.currency.symbol}`
            : `${figure.currency.symbol} ${amount}`;
    }

    async open(item) {
        if (!item.action) {
            return;
        }
        const action = await this.orm.call("crm.workbench", "crm_workbench_action", [
            item.action,
        ]);
        await this.actionService.doAction(action);
    }
}

registry.category("actions").add("crm_workbench", CrmWorkbench);
