"""Contracts and sales orders on the customer's timeline (crm_customer's
``res.partner.crm_timeline``)."""

from odoo import api, models
from odoo.tools import create_index


class CrmContract(models.Model):
    _inherit = "crm.contract"

    def init(self):
        res = super().init()
        # the timeline reads a customer's newest contracts first
        create_index(
            self.env.cr,
            "crm_contract_timeline_index",
            self._table,
            ["partner_id", "date_signed DESC", "id DESC"],
        )
        return res


# one class per concern: the timeline's source beside the addon's other
# res.partner extensions
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _crm_timeline_sources(self):
        return super()._crm_timeline_sources() + ["_crm_timeline_contracts"]

    def _crm_timeline_contracts(self, partners, limit):
        """The contracts of the customer the reader may read (its record
        rules), newest signed first; the total only with the reader's right
        to read it."""
        Contract = self.env["crm.contract"]
        if not Contract.has_access("read"):
            return []
        with_amount = self._crm_timeline_can_read("crm.contract", "amount_total")
        fnames = ["name", "kind", "title", "state", "date_signed", "user_id"]
        if with_amount:
            fnames += ["amount_total", "currency_id"]
        contracts = Contract.search_fetch(
            [("partner_id", "in", partners.ids)],
            fnames,
            order="date_signed desc, id desc",
            limit=limit,
        )
        kinds = self._crm_timeline_labels("crm.contract", "kind")
        states = self._crm_timeline_labels("crm.contract", "state")
        items = []
        for contract in contracts:
            kind = kinds.get(contract.kind, "")
            state = states.get(contract.state, "")
            items.append(
                self._crm_timeline_item(
                    contract,
                    contract.date_signed,
                    "contract",
                    kind,
                    "fa-file-text-o",
                    f"{kind} {contract.name}",
                    " · ".join(filter(None, [state, contract.title])),
                    amount=contract.amount_total if with_amount else None,
                    currency=contract.currency_id if with_amount else None,
                    user=contract.user_id,
                )
            )
        return items
