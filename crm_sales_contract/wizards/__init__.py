from . import crm_contract_cancel
from . import crm_contract_approve
from . import crm_contract_credit_override
from . import crm_contract_plan_generate
