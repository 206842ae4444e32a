from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

MASTERDATA_ADMIN = "crm_masterdata.crm_masterdata_group_admin"
# the master-data fields of a partner: only master-data administrators set them
MASTERDATA_PARTNER_FIELDS = (
    "crm_is_supplier",
    "crm_supplier_category_id",
    "crm_is_distributor",
    "crm_distributor_category_id",
)


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

    # ------------------------------------------------------------------
    # Suppliers and distributors are master data (DESIGN.md): only master-data
    # administrators create, edit or delete them, from any client.
    # ------------------------------------------------------------------
    def _crm_masterdata_partners(self):
        """The partners of ``self`` that are suppliers or distributors (or
        contacts of one) and nothing the suite lets others edit: a partner that
        is also a customer stays editable by its sales people, except for its
        master-data fields."""
        is_customer = "crm_is_customer" in self._fields
        return self.filtered(
            lambda p: (
                p.crm_is_supplier
                or p.crm_is_distributor
                or p.commercial_partner_id.crm_is_supplier
                or p.commercial_partner_id.crm_is_distributor
            )
            and not (
                is_customer
                and (p.crm_is_customer or p.commercial_partner_id.crm_is_customer)
            )
        )

    def _crm_check_masterdata_edit(self, vals=None):
        """Refuse, before anything is written, a non-administrator's change of
        a supplier or distributor, or one that would make a partner one."""
        if self.env.su or self.env.user.has_group(MASTERDATA_ADMIN):
            return
        vals = vals or {}
        partners = self.sudo()
        refused = partners._crm_masterdata_partners()
        if any(vals.get(name) for name in MASTERDATA_PARTNER_FIELDS):
            refused |= partners or self.sudo().new({"name": vals.get("name") or "?"})
        elif set(vals) & set(MASTERDATA_PARTNER_FIELDS):
            refused |= partners.filtered(
                lambda p: p.crm_is_supplier
                or p.crm_is_distributor
                or p.crm_supplier_category_id
                or p.crm_distributor_category_id
            )
        if vals.get("parent_id"):
            parent = self.sudo().browse(vals["parent_id"])
            refused |= parent._crm_masterdata_partners()
        if refused:
            raise AccessError(
                _(
                    "Only master-data administrators can create, edit or delete "
                    "suppliers and distributors: %s.",
                    ", ".join(refused.mapped("display_name")[:5]),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self.browse()._crm_check_masterdata_edit(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._crm_check_masterdata_edit(vals)
        return super().write(vals)

    def unlink(self):
        self._crm_check_masterdata_edit()
        return super().unlink()

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
