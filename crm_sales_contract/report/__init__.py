from . import crm_contract_collection_report
from . import crm_contract_report
