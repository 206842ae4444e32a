from odoo import fields, models


class CrmPaymentMethod(models.Model):
    """支付方式: how money is received or paid (cash, a bank account, WeChat Pay,
    Alipay...)."""

    _name = "crm.payment.method"
    _inherit = ["crm.masterdata.mixin"]
    _description = "Payment Method"

    kind = fields.Selection(
        [
            ("cash", "Cash"),
            ("bank", "Bank Account"),
            ("mobile", "Mobile Payment (WeChat Pay, Alipay)"),
            ("other", "Other"),
        ],
        required=True,
        default="bank",
    )
    bank_name = fields.Char(help="Bank and branch, e.g. 中国工商银行上海分行.")
    bank_account = fields.Char(
        string="Account Number",
        help="Bank account number, or the merchant account of a mobile payment.",
    )
    note = fields.Text(string="Notes")
