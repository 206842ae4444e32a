from odoo import fields, models
from odoo.tools import SQL


class ResPartner(models.Model):
    """Suppliers (供应商) and distributors (分销商) are partners with a flag, so
    one company can be a customer, a supplier and a distributor at once."""

    _inherit = "res.partner"

    crm_is_supplier = fields.Boolean(string="Is a Supplier", index=True)
    crm_supplier_category_id = fields.Many2one(
        "crm.supplier.category",
        string="Supplier Category",
        index="btree_not_null",
        ondelete="restrict",
    )
    crm_is_distributor = fields.Boolean(string="Is a Distributor", index=True)
    crm_distributor_category_id = fields.Many2one(
        "crm.distributor.category",
        string="Distributor Category",
        index="btree_not_null",
        ondelete="restrict",
    )
    crm_partner_code = fields.Char(
        string="Partner Code",
        copy=False,
        help="Code of the supplier, distributor or customer, unique within its "
        "company (partners shared by all companies form one more group).",
    )

    # Enforced by the partial unique index created in init(): empty codes are
    # allowed any number of times, a code once per company.
    _sql_constraints = [
        (
            "crm_partner_code_uniq",
            "",
            "This partner code is already used by another partner of the same company.",
        ),
    ]

    def init(self):
        res = super().init()
        self.env.cr.execute(
            SQL(
                """CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s
                   (COALESCE(company_id, 0), crm_partner_code)
                   WHERE crm_partner_code IS NOT NULL AND crm_partner_code <> ''""",
                SQL.identifier("res_partner_crm_partner_code_uniq"),
                SQL.identifier(self._table),
            )
        )
        return res
