from . import test_customer_access
from . import test_customer_pool
from . import test_customer_duplicate
from . import test_customer_xmlrpc
from . import test_customer_performance
from . import test_customer_ui
from . import test_customer_concurrency
from . import test_customer_attack
