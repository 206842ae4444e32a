from . import crm_expense_approve
from . import crm_voucher_cancel
from . import crm_partner_statement
from . import crm_operating_summary
from . import mail_compose_message
