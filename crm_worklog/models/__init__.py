from . import res_users
from . import crm_work_links
from . import crm_work_task
from . import crm_work_log
from . import crm_work_comment
from . import res_partner
