from . import res_groups
from . import res_users
from . import hr_department
from . import hr_employee
from . import crm_scope_mixin
from . import crm_reminder
