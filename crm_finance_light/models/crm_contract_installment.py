from odoo import fields, models


class CrmContractInstallment(models.Model):
    _inherit = "crm.contract.installment"

    crm_receipt_allocation_ids = fields.One2many(
        "crm.receipt.allocation",
        "installment_id",
        string="Receipts",
        readonly=True,
    )
