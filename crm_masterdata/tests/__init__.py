from . import test_scope_access
from . import test_scope_changes
