from . import res_company
from . import res_config_settings
from . import res_partner
from . import crm_contract_plan_template
from . import crm_contract
from . import crm_contract_line
from . import crm_contract_installment
from . import crm_contract_installment_reminder
