"""Run Odoo with the given arguments and record every test's outcome.

Usage: odoo_test_runner.py RESULTS.json <odoo arguments>

Odoo logs failures and errors but only counts them per registry; this wrapper
hooks Odoo's own test result class to write, at exit, which tests passed,
failed, errored or were skipped, so that ``checklog.py`` can print the
``N passed, N failed`` line from Odoo's real results.

With ``CRM_TESTS_ANY_POSITION=1`` in the environment and no ``-i``/``-u``, the
tests selected by ``--test-tags`` run after loading, whatever their
at_install/post_install position (the coexistence run, see README.md).
"""

import atexit
import json
import os
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


if os.environ.get("CRM_TESTS_ANY_POSITION"):
    # The coexistence run re-runs Odoo's own test classes in a database where
    # everything is installed already (no -i/-u): Odoo then only runs
    # post_install tests, so the tests selected by --test-tags run in that
    # phase whatever their position (most of Odoo's are at_install).
    from odoo import tools  # noqa: E402
    from odoo.tests import loader  # noqa: E402

    def _make_suite_any_position(module_names, position="at_install"):
        if position != "post_install":
            return loader.OdooSuite([])
        selector = loader.TagsSelector(tools.config["test_tags"])
        tests = (
            t
            for module_name in module_names
            for m in loader.get_test_modules(module_name)
            for t in loader.get_module_test_cases(m)
            if selector.check(t)
        )
        return loader.OdooSuite(sorted(tests, key=lambda t: t.test_sequence))

    loader.make_suite = _make_suite_any_position

from odoo.cli.command import main  # noqa: E402

main()
