"""Customers on res.partner: helpers for other addons (history counts and
actions of the records of a customer and its contacts)."""

from odoo import models


# one class per concern (DEVELOP.md "Where things are")
class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _crm_history_count(self, model_name, partner_field="partner_id", domain=None):
        """Count the records of ``model_name`` of each customer in ``self``
        (its own and its contacts'), within the current user's access rights.

        One ``_read_group`` on ``partner_field``, summed per commercial partner.
        Returns ``{partner id: count}`` for the partners of ``self`` (a contact
        gets its company's count). For a smart button::

            counts = self._crm_history_count("crm.sales.contract")
            for partner in self:
                partner.crm_contract_count = counts.get(partner.id, 0)
        """
        accounts = self.commercial_partner_id
        if not accounts.ids:
            return {}
        Model = self.env[model_name]
        groups = Model._read_group(
            list(domain or [])
            + [(f"{partner_field}.commercial_partner_id", "in", accounts.ids)],
            [partner_field],
            ["__count"],
        )
        per_account = {}
        account_ids = set(accounts.ids)
        for partner, count in groups:
            account_id = (
                partner.id
                if partner.id in account_ids
                else partner.sudo().commercial_partner_id.id
            )
            per_account[account_id] = per_account.get(account_id, 0) + count
        return {
            partner.id: per_account.get(partner.commercial_partner_id.id, 0)
            for partner in self
            if partner.id
        }

    def _crm_history_action(
        self,
        model_name,
        partner_field="partner_id",
        domain=None,
        name=None,
        xml_id=None,
    ):
        """Window action listing the records of ``model_name`` of this customer
        and its contacts; ``xml_id`` (an ir.actions.act_window) gives its views
        and help, otherwise a list and form action is built."""
        self.ensure_one()
        account = self.commercial_partner_id
        if xml_id:
            action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        else:
            action = {
                "type": "ir.actions.act_window",
                "res_model": model_name,
                "view_mode": "list,form",
                "name": name or self.env[model_name]._description,
            }
        if name:
            action["name"] = name
        action["domain"] = list(domain or []) + [
            (partner_field, "child_of", account.id)
        ]
        action["context"] = {f"default_{partner_field}": account.id}
        return action
