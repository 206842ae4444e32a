from . import crm_customer_assign
from . import crm_customer_handover
from . import crm_customer_duplicate
from . import crm_customer_followup
from . import crm_customer_release
