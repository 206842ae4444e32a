from . import test_amount_words
from . import test_contract_plan
from . import test_contract_approval
from . import test_contract_credit
from . import test_contract_cancel
from . import test_contract_reminder
from . import test_contract_access
