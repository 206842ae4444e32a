from . import test_docs_access
from . import test_docs_files
from . import test_docs_kb
from . import test_docs_attack
from . import test_docs_ui
from . import test_workbench
from . import test_docs_work
from . import test_phone_views
