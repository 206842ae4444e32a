"""Judge a test run: Odoo's test outcomes, its log, lint and packaging.

Prints a summary and, as its last line, ``N passed, N failed``. Exits non-zero
when a test failed, errored or was skipped, when an addon did not install, when
the log holds a warning or an error (as OCA's checklog-odoo does; known
harmless lines of Odoo core are listed in checklog-ignore.txt), or when lint or
a wheel build failed.
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("log")
    parser.add_argument("results")
    parser.add_argument("--addons", required=True)
    parser.add_argument("--lint-rc", type=int, default=0)
    parser.add_argument("--wheel-rc", type=int, default=0)
    parser.add_argument("--odoo-rc", type=int, default=0)
    parser.add_argument("--seconds", type=int, default=0)
    parser.add_argument("--installed", default="")
    args = parser.parse_args()
    addons = args.addons.split(",")

    ignores = [
        re.compile(line.strip())
        for line in (HERE / "checklog-ignore.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    problems = []
    log_lines = pathlib.Path(args.log).read_text(errors="replace").splitlines()
    for raw in log_lines:
        m = LINE.match(raw)
        if not m or m["level"] not in ("WARNING", "ERROR", "CRITICAL"):
            continue
        text = f"{m['logger']}: {m['msg']}"
        if any(p.search(text) for p in ignores):
            continue
        problems.append(f"{m['level']} {text}"[:400])

    try:
        outcomes = json.loads(pathlib.Path(args.results).read_text())
    except (OSError, ValueError):
        outcomes = {}
    counts = {"passed": 0, "failed": 0, "error": 0, "skipped": 0}
    per_addon = {}
    for test_id, outcome in outcomes.items():
        counts[outcome] += 1
        addon = next((a for a in addons if f".{a}." in f".{test_id}"), "other")
        per_addon.setdefault(
            addon, {"passed": 0, "failed": 0, "error": 0, "skipped": 0}
        )
        per_addon[addon][outcome] += 1

    # every addon must be installed and must have run tests
    installed = set(filter(None, args.installed.split(",")))
    missing = [a for a in addons if a not in installed]
    no_tests = [a for a in addons if not per_addon.get(a, {}).get("passed")]

    print("\n=== crm suite test run ===")
    for addon in addons:
        c = per_addon.get(addon, {})
        print(
            f"  {addon:22} {c.get('passed', 0):4} passed {c.get('failed', 0):3} failed "
            f"{c.get('error', 0):3} errors {c.get('skipped', 0):3} skipped"
        )
    failed_ids = sorted(t for t, o in outcomes.items() if o in ("failed", "error"))
    skipped_ids = sorted(t for t, o in outcomes.items() if o == "skipped")
    for t in failed_ids:
        print(f"  FAILED  {t}")
    for t in skipped_ids:
        print(f"  SKIPPED {t} (a skipped test fails the run)")
    checks = {
        "lint (ruff, pylint-odoo, complete zh_CN translations)": args.lint_rc == 0,
        "wheels of every addon and the metapackage": args.wheel_rc == 0,
        "odoo exit code": args.odoo_rc == 0,
        "every addon installed": not missing,
        "every addon ran tests": not no_tests,
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
    print(f"  wall time {args.seconds}s")
    bad_checks = sum(1 for ok in checks.values() if not ok)
    failed = counts["failed"] + counts["error"] + counts["skipped"] + bad_checks
    print(f"{counts['passed']} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
