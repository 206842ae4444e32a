from odoo import fields, models


class CrmMasterdataMixin(models.AbstractModel):
    """Fields every master data record of the suite has (基础数据): a name, a
    code unique per company, an order, an archive flag and a company.

    Records that others point at are archived, not deleted: the many2ones of the
    suite that point at master data use ``ondelete='restrict'``.
    """

    _name = "crm.masterdata.mixin"
    _inherit = ["crm.protected.mixin"]
    _description = "Master Data (name, code, company)"
    _order = "sequence, code, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    code = fields.Char(
        index=True,
        copy=False,
        help="Short code, unique within the company (e.g. for imports and reports).",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(
        default=True,
        help="Archive a record that is in use instead of deleting it: it stays on "
        "the records that use it but is no longer offered.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        ondelete="restrict",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(company_id, code)",
            "This code is already used by another record of the same company.",
        ),
    ]

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if default and "name" in default:
            return vals_list
        for record, vals in zip(self, vals_list, strict=True):
            vals["name"] = self.env._("%s (copy)", record.name)
        return vals_list
