"""Run Odoo with the given arguments and record every test's outcome.

Usage: odoo_test_runner.py RESULTS.json <odoo arguments>

Odoo logs failures and errors but only counts them per registry; this wrapper
hooks Odoo's own test result class to write, at exit, which tests passed,
failed, errored or were skipped, so that ``checklog.py`` can print the
``N passed, N failed`` line from Odoo's real results.
"""

import atexit
import json
import sys

results_path = sys.argv[1]
sys.argv = ["odoo", "server"] + sys.argv[2:]

from odoo.tests import result as odoo_result  # noqa: E402

outcomes = {}


def _test_id(test):
    return test.id() if hasattr(test, "id") else str(test)


def _wrap(name, outcome):
    original = getattr(odoo_result.OdooTestResult, name)

    def wrapper(self, test, *args):
        if name == "addSubTest":
            # a sub-test only counts when it failed; its parent is the test
            if args[1] is not None:
                outcomes[_test_id(test)] = "failed"
        elif name == "addSuccess":
            outcomes.setdefault(_test_id(test), outcome)
        else:
            outcomes[_test_id(test)] = outcome
        return original(self, test, *args)

    setattr(odoo_result.OdooTestResult, name, wrapper)


_wrap("addSuccess", "passed")
_wrap("addFailure", "failed")
_wrap("addError", "error")
_wrap("addSkip", "skipped")
_wrap("addSubTest", "failed")
for _name in ("addExpectedFailure", "addUnexpectedSuccess"):
    if hasattr(odoo_result.OdooTestResult, _name):
        _wrap(_name, "failed" if _name == "addUnexpectedSuccess" else "passed")


@atexit.register
def _dump():
    with open(results_path, "w", encoding="utf-8") as fh:
        json.dump(outcomes, fh, indent=1, sort_keys=True)


from odoo.cli.command import main  # noqa: E402

main()
