"""Judge a test run: Odoo's test outcomes, its log, lint and packaging.

Prints a summary and, as its last line, ``N passed, N failed`` over every run
given. Exits non-zero when a test failed, errored or was skipped, when an
addon did not install, when a log holds a warning or an error (as OCA's
checklog-odoo does; known harmless lines of Odoo core are listed in
checklog-ignore.txt), or when lint or a wheel build failed.

One run (the suite's database)::

    checklog.py LOG RESULTS --addons a,b --installed a,b,c --odoo-rc 0

Several runs (the main run and the coexistence run of ``./crm test``), each
``--run LABEL LOG RESULTS INSTALL TESTED RC``: INSTALL lists the addons that
must be installed, TESTED what must have run passing tests: addons
(``a,b``), or ``@FILE``, a file of ``--test-tags`` specs (tools/compat-tests.txt)
each of which must have selected a passing test.
"""

import argparse
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).parent
LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): (?P<msg>.*)"
)
OUTCOMES = ("passed", "failed", "error", "skipped")


def read_specs(path):
    """The including specs of a test-tags file, as test id prefixes:
    ``/base/tests/test_res_partner.py`` -> ``odoo.addons.base.tests.test_res_partner.``,
    ``/hr:TestHrEmployee`` -> ``odoo.addons.hr.`` + ``.TestHrEmployee.``."""
    specs = []
    for line in pathlib.Path(path).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "-")):
            continue
        spec = line.lstrip("+").split("[")[0]
        module, _, klass = spec.lstrip("/").partition(":")
        klass, _, method = klass.partition(".")
        if module.endswith(".py"):
            prefix = "odoo.addons." + module[:-3].replace("/", ".") + "."
        else:
            prefix = f"odoo.addons.{module}."
        specs.append((line, prefix, klass, method))
    return specs


def spec_matches(spec, test_id):
    _line, prefix, klass, method = spec
    if not test_id.startswith(prefix):
        return False
    parts = test_id.split(".")
    if klass and (len(parts) < 2 or parts[-2] != klass):
        return False
    return not method or parts[-1] == method


def log_problems(path, ignores):
    problems = []
    try:
        lines = pathlib.Path(path).read_text(errors="replace").splitlines()
    except OSError:
        return [f"no log file {path}"]
    for raw in lines:
        m = LINE.match(raw)
        if not m or m["level"] not in ("WARNING", "ERROR", "CRITICAL"):
            continue
        text = f"{m['logger']}: {m['msg']}"
        if any(p.search(text) for p in ignores):
            continue
        problems.append(f"{m['level']} {text}"[:400])
    return problems


def judge_run(label, log, results, install, tested, odoo_rc, installed, ignores):
    """Print one run's summary; return (passed, failed) counts."""
    try:
        outcomes = json.loads(pathlib.Path(results).read_text())
    except (OSError, ValueError):
        outcomes = {}
    counts = dict.fromkeys(OUTCOMES, 0)
    for outcome in outcomes.values():
        counts[outcome] += 1

    if tested.startswith("@"):
        specs = read_specs(tested[1:])
        units = [spec[0] for spec in specs]

        def unit_of(test_id):
            return next((s[0] for s in specs if spec_matches(s, test_id)), "other")
    else:
        units = [a for a in tested.split(",") if a]

        def unit_of(test_id):
            return next((a for a in units if f".{a}." in f".{test_id}"), "other")

    per_unit = {}
    for test_id, outcome in outcomes.items():
        unit = per_unit.setdefault(unit_of(test_id), dict.fromkeys(OUTCOMES, 0))
        unit[outcome] += 1

    must_install = [a for a in install.split(",") if a]
    missing = [a for a in must_install if a not in installed]
    no_tests = [u for u in units if not per_unit.get(u, {}).get("passed")]
    problems = log_problems(log, ignores)

    print(f"\n=== {label} ===")
    width = max([22] + [len(u) for u in units])
    for unit in units + (["other"] if "other" in per_unit else []):
        c = per_unit.get(unit, {})
        print(
            f"  {unit:{width}} {c.get('passed', 0):4} passed {c.get('failed', 0):3} "
            f"failed {c.get('error', 0):3} errors {c.get('skipped', 0):3} skipped"
        )
    for t in sorted(t for t, o in outcomes.items() if o in ("failed", "error")):
        print(f"  FAILED  {t}")
    for t in sorted(t for t, o in outcomes.items() if o == "skipped"):
        print(f"  SKIPPED {t} (a skipped test fails the run)")
    checks = {
        "odoo exit code": odoo_rc == 0,
        "every addon installed": not missing,
        "every addon (or test spec) ran tests": not no_tests,
        "log free of warnings and errors (checklog)": not problems,
    }
    for name, ok in checks.items():
        print(f"  {'ok  ' if ok else 'FAIL'} {name}")
    if missing:
        print(f"       not installed: {', '.join(missing)}")
    if no_tests:
        print(f"       no passing test: {', '.join(no_tests)}")
    for p in problems[:60]:
        print(f"       log: {p}")
    if len(problems) > 60:
        print(f"       ... and {len(problems) - 60} more log problems")
    print(
        f"  {counts['passed']} passed, {counts['failed'] + counts['error']} failed, "
        f"{counts['skipped']} skipped"
    )
    bad_checks = sum(1 for ok in checks.values() if not ok)
    failed = counts["failed"] + counts["error"] + counts["skipped"] + bad_checks
    return counts["passed"], failed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("log", nargs="?")
    parser.add_argument("results", nargs="?")
    parser.add_argument("--addons", default="")
    parser.add_argument("--installed", default="")
    parser.add_argument("--odoo-rc", type=int, default=0)
    parser.add_argument(
        "--run",
        nargs=7,
        action="append",
        default=[],
        metavar=("LABEL", "LOG", "RESULTS", "INSTALL", "TESTED", "RC", "INSTALLED"),
        help="a run to judge; INSTALLED: the addons installed in its database",
    )
    parser.add_argument("--lint-rc", type=int, default=0)
    parser.add_argument("--wheel-rc", type=int, default=0)
    parser.add_argument("--seconds", type=int, default=0)
    args = parser.parse_args()

    runs = list(args.run)
    if args.log:
        runs.insert(
            0,
            [
                "crm suite test run",
                args.log,
                args.results,
                args.addons,
                args.addons,
                str(args.odoo_rc),
                args.installed,
            ],
        )
    if not runs:
        parser.error("give LOG RESULTS or at least one --run")

    ignores = [
        re.compile(line.strip())
        for line in (HERE / "checklog-ignore.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    passed = failed = 0
    for label, log, results, install, tested, rc, installed in runs:
        installed_set = set(filter(None, installed.split(",")))
        p, f = judge_run(
            label, log, results, install, tested, int(rc), installed_set, ignores
        )
        passed += p
        failed += f

    print("\n=== whole run ===")
    checks = {
        "lint (ruff, pylint-odoo, complete zh_CN translations)": args.lint_rc,
        "wheels of every addon and the metapackage": args.wheel_rc,
    }
    for name, rc in checks.items():
        # a negative code: the step was skipped (--fast)
        print(f"  {'skip' if rc < 0 else 'ok  ' if rc == 0 else 'FAIL'} {name}")
    failed += sum(1 for rc in checks.values() if rc > 0)
    print(f"  wall time {args.seconds}s")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
