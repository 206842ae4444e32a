"""Customers on res.partner: masking of pool accounts for salespeople below
the All level."""

import itertools

from odoo import api, models

# Fields of a pool customer that salespeople below the All level do not read.
POOL_MASKED_FIELDS = (
    "phone",
    "mobile",
    "email",
    "email_formatted",
    "street",
    "street2",
    "crm_wechat",
    "crm_phone_normalized",
    "crm_mobile_normalized",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _read_format(self, fnames, load="_classic_read"):
        """Pool customers are readable by every salesperson, but their phone,
        e-mail and street are not: they are what claiming the customer gives.
        (``_read_format`` serves ``read``, ``search_read``, ``web_read`` and
        so every RPC read.)"""
        result = super()._read_format(fnames, load=load)
        masked = [f for f in fnames if f in POOL_MASKED_FIELDS]
        if not masked or not self._crm_pool_masked():
            return result
        pool_ids = set(self.filtered("crm_is_pool").ids)
        if pool_ids:
            for vals in result:
                if vals.get("id") in pool_ids:
                    vals.update(dict.fromkeys(masked, False))
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """Searching on a pool account's masked data (its phone, e-mail,
        street...) finds nothing for those who read it blanked: the value
        cannot be guessed by searching either."""
        if domain and self._crm_pool_masked():
            domain = self._crm_mask_pool_domain(domain)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _crm_mask_pool_domain(self, domain):
        """``domain`` with every leaf on a masked field restricted to accounts
        outside the pool."""
        result = []
        for token in domain:
            if (
                isinstance(token, list | tuple)
                and len(token) == 3
                and isinstance(token[0], str)
                and token[0].split(".", 1)[0] in POOL_MASKED_FIELDS
            ):
                result += ["&", tuple(token), ("crm_is_pool", "=", False)]
            else:
                result.append(token)
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        """Exports blank the pool accounts' contact data as reading does (also
        when partners are exported through another record, e.g.
        ``partner_id/phone``)."""
        columns = [
            index
            for index, path in enumerate(fields)
            if path and path[0] in POOL_MASKED_FIELDS
        ]
        if not columns or not self or not self._crm_pool_masked():
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        lines = []
        # consecutive runs of pool / other accounts keep the export's order
        for in_pool, run in itertools.groupby(self, key=lambda p: p.crm_is_pool):
            records = self.browse([partner.id for partner in run])
            rows = super(ResPartner, records)._export_rows(
                fields, _is_toplevel_call=_is_toplevel_call
            )
            if in_pool:
                for row in rows:
                    for index in columns:
                        row[index] = ""
            lines += rows
        return lines

    @api.model
    def _crm_pool_masked(self):
        """Whether the current user reads pool customers' contact data masked:
        salespeople below the All level of the sales app."""
        if self.env.su:
            return False
        user = self.env.user
        return user.has_group(
            "crm_masterdata.crm_masterdata_group_sales_own"
        ) and not user.has_group("crm_masterdata.crm_masterdata_group_sales_all")
