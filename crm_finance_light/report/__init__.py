from . import crm_receivable_report
from . import crm_payable_report
from . import crm_cash_journal_report
from . import crm_contract_profit_report
from . import crm_operating_report
from . import crm_partner_statement_report
