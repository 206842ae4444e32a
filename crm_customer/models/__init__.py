from . import crm_customer_type
from . import crm_customer_source
from . import res_company
from . import res_config_settings
from . import res_users
from . import res_partner
