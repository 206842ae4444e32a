from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_contract_approval_amount = fields.Monetary(
        string="Contract Approval Threshold",
        currency_field="currency_id",
        help="Contracts whose total exceeds this amount need the approval of the "
        "owner's manager before they are confirmed (0: no threshold).",
    )
    crm_reminder_days_before = fields.Integer(
        string="Remind Days Before Due",
        default=3,
        help="The owner gets a collection reminder this many days before an "
        "installment is due.",
    )
    crm_overdue_manager_days = fields.Integer(
        string="Escalate to Manager After (days)",
        default=7,
        help="An installment overdue for this many days is escalated to the "
        "department manager of the contract's owner.",
    )
    crm_overdue_all_days = fields.Integer(
        string="Escalate to Sales Directors After (days)",
        default=30,
        help="An installment overdue for this many days is escalated to the users "
        "who see all sales records.",
    )
    crm_renewal_days = fields.Integer(
        string="Renewal Reminder Days",
        default=30,
        help="The owner is reminded to renew a contract this many days before it "
        "ends.",
    )
    crm_credit_hold_days = fields.Integer(
        string="Credit Hold After Overdue (days)",
        default=60,
        help="A customer with an installment overdue for more than this many days "
        "gets no new contract confirmed without a credit override (0: no hold).",
    )
