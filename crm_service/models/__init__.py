from . import crm_service_type
from . import crm_service_request
from . import crm_service_visit
from . import crm_service_plan
from . import res_partner
from . import crm_contract
from . import res_users
from . import crm_service_timeline
