from . import test_work_access
from . import test_work_flow
from . import test_work_digest
from . import test_work_attack
from . import test_work_ui
from . import test_work_timeline
from . import test_workbench
from . import test_phone_views
