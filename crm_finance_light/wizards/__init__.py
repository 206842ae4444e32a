from . import crm_expense_reject
from . import crm_voucher_cancel
from . import crm_partner_statement
from . import crm_operating_summary
