from . import crm_service_cancel
from . import crm_service_visit_wizard
