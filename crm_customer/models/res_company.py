from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_customer_max_per_user = fields.Integer(
        string="Max Customers per Salesperson",
        default=0,
        help="How many customers a salesperson may own; claiming from the pool past "
        "it is refused. 0: no limit.",
    )
    crm_pool_cooldown_days = fields.Integer(
        string="Claim Cooldown (Days)",
        default=30,
        help="Days after a customer went back to the pool before its previous owner "
        "may claim it again.",
    )
    crm_pool_notify_days = fields.Integer(
        string="Warn Before Return (Days)",
        default=3,
        help="Days before a customer returns to the pool when its owner gets a "
        "reminder.",
    )
    crm_pool_keep_recent_days = fields.Integer(
        string="Keep Active Customers (Days)",
        default=0,
        help="Customers with an open installment, or a contract confirmed in the last "
        "this many days, do not return to the pool automatically. 0: off.",
    )

    _sql_constraints = [
        (
            "crm_pool_keep_recent_days_positive",
            "CHECK(crm_pool_keep_recent_days >= 0)",
            "The number of days that keeps active customers cannot be negative.",
        ),
        (
            "crm_customer_max_per_user_positive",
            "CHECK(crm_customer_max_per_user >= 0)",
            "The maximum number of customers per salesperson cannot be negative.",
        ),
        (
            "crm_pool_cooldown_days_positive",
            "CHECK(crm_pool_cooldown_days >= 0)",
            "The claim cooldown cannot be negative.",
        ),
        (
            "crm_pool_notify_days_positive",
            "CHECK(crm_pool_notify_days >= 0)",
            "The number of days of warning cannot be negative.",
        ),
    ]
