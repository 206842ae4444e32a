from . import test_service_flow
from . import test_service_deadline
from . import test_service_escalation
from . import test_service_access
from . import test_service_attack
from . import test_service_mail
from . import test_service_plan
from . import test_service_views
