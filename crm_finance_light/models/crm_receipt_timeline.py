"""Receipts on the customer's timeline (crm_customer's
``res.partner.crm_timeline``)."""

from odoo import api, models
from odoo.tools import create_index


class CrmReceipt(models.Model):
    _inherit = "crm.receipt"

    def init(self):
        res = super().init()
        # the timeline reads a customer's newest receipts first
        create_index(
            self.env.cr,
            "crm_receipt_timeline_index",
            self._table,
            ["partner_id", "date DESC", "id DESC"],
        )
        return res


# one class per concern: the timeline's source beside the addon's other
# res.partner extensions
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _crm_timeline_sources(self):
        return super()._crm_timeline_sources() + ["_crm_timeline_receipts"]

    def _crm_timeline_receipts(self, partners, limit):
        """The receipts of the customer the reader may read (its record
        rules: a salesperson's customers, finance staff's ladder), newest
        first; the amount only with the reader's right to read it."""
        Receipt = self.env["crm.receipt"]
        if not Receipt.has_access("read"):
            return []
        with_amount = self._crm_timeline_can_read("crm.receipt", "amount")
        fnames = ["name", "state", "date", "user_id", "payment_method_id", "reference"]
        if with_amount:
            fnames += ["amount", "currency_id"]
        receipts = Receipt.search_fetch(
            [("partner_id", "in", partners.ids)],
            fnames,
            order="date desc, id desc",
            limit=limit,
        )
        label = self.env._("Receipt")
        states = self._crm_timeline_labels("crm.receipt", "state")
        items = []
        for receipt in receipts:
            state = states.get(receipt.state, "")
            items.append(
                self._crm_timeline_item(
                    receipt,
                    receipt.date,
                    "receipt",
                    label,
                    "fa-money",
                    f"{label} {receipt.name}",
                    " · ".join(
                        filter(
                            None,
                            [
                                state,
                                receipt.payment_method_id.name,
                                receipt.reference,
                            ],
                        )
                    ),
                    amount=receipt.amount if with_amount else None,
                    currency=receipt.currency_id if with_amount else None,
                    user=receipt.user_id,
                )
            )
        return items
