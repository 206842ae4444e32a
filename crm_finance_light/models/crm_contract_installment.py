from odoo import fields, models

from odoo.addons.crm_sales_contract.models.crm_contract_installment import (
    CrmContractInstallment as SalesInstallment,
)


class CrmContractInstallment(models.Model):
    _inherit = "crm.contract.installment"
    # crm_sales_contract's list, and the receipts (written by their allocations)
    _crm_protected_fields = tuple(
        getattr(SalesInstallment, "_crm_protected_fields", ())
    ) + ("crm_receipt_allocation_ids",)

    crm_receipt_allocation_ids = fields.One2many(
        "crm.receipt.allocation",
        "installment_id",
        string="Receipts",
        readonly=True,
    )
