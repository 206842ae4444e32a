"""Benchmark of the workbench (工作台): server time of one render (not a test).

Seeds with the suite's own seeders (batched SQL), as many as are installed:

* crm_customer/benchmarks/seed.py: 200 departments, 2,000 users and
  ``--customers`` customer accounts (its default is 1,000,000);
* crm_sales_contract/benchmarks/bench_reminders.py: ``--installments`` open
  installments of confirmed contracts;
* crm_service/benchmarks/bench_service.py: ``--requests`` service requests;
* crm_worklog/benchmarks/bench_worklog.py: ``--logs`` daily logs and
  ``--tasks`` tasks;

gives the customer seeder's people (bench_rep, bench_lead, bench_mgr4,
bench_director) the matching service, work and finance levels, and measures
``crm.workbench.crm_workbench_data()`` as each of them (caches emptied before
each call), ``--runs`` times: p50 and p95 in ms and the SQL queries of one
render. Everything is rolled back unless --keep.

    .venv/bin/python crm_masterdata/benchmarks/bench_workbench.py \\
        -c .run/odoo.conf -d <database with the suite installed> \\
        --customers 100000
"""

import argparse
import importlib.util
import os
import statistics
import time

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL, config

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# login, label, extra groups (those of installed addons only)
ROLES = (
    (
        "bench_rep",
        "Own (salesperson)",
        ("crm_service.crm_service_group_own", "crm_worklog.crm_worklog_group_own"),
    ),
    (
        "bench_lead",
        "Own and subordinates (lead)",
        (
            "crm_service.crm_service_group_subordinates",
            "crm_worklog.crm_worklog_group_subordinates",
            "crm_finance_light.crm_finance_light_group_subordinates",
        ),
    ),
    (
        "bench_mgr4",
        "Department (manager)",
        (
            "crm_service.crm_service_group_department",
            "crm_worklog.crm_worklog_group_department",
            "crm_finance_light.crm_finance_light_group_department",
        ),
    ),
    (
        "bench_director",
        "All (director)",
        (
            "crm_service.crm_service_group_all",
            "crm_worklog.crm_worklog_group_all",
            "crm_finance_light.crm_finance_light_group_all",
            "crm_docs.crm_docs_group_knowledge_manager",
        ),
    ),
)


# (table, user column, label): the user with the most rows is measured too
BUSIEST = (
    ("crm_contract_installment", "user_id", "Most installments (sales)"),
    ("crm_service_request", "handler_id", "Most requests (service agent)"),
    ("crm_work_task", "user_id", "Most tasks (work)"),
)


def load(addon, name):
    path = os.path.join(ROOT, addon, "benchmarks", f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"{addon}_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def installed(env, addon):
    return bool(
        env["ir.module.module"].search_count(
            [("name", "=", addon), ("state", "=", "installed")]
        )
    )


def seed(env, args):
    if args.seeded:
        return grant(env)
    t0 = time.perf_counter()
    seeder = load("crm_customer", "seed")
    if not seeder.is_seeded(env):
        seeder.N_CUSTOMERS = args.customers
        seeder.seed(env, log=lambda message: None)
        print(f"customers: {args.customers} seeded ({time.perf_counter() - t0:.1f} s)")
    else:
        print("customers: already seeded")
    if installed(env, "crm_sales_contract") and args.installments:
        t0 = time.perf_counter()
        load("crm_sales_contract", "bench_reminders").seed(
            env, args.installments, args.installments // 10
        )
        print(
            f"installments: {args.installments} seeded "
            f"({time.perf_counter() - t0:.1f} s)"
        )
    if installed(env, "crm_service") and args.requests:
        t0 = time.perf_counter()
        load("crm_service", "bench_service").seed(
            env, args.requests, 200, 20, args.requests // 50
        )
        print(f"requests: {args.requests} seeded ({time.perf_counter() - t0:.1f} s)")
    if installed(env, "crm_worklog") and args.logs:
        t0 = time.perf_counter()
        load("crm_worklog", "bench_worklog").seed(env, args.logs, args.tasks, 200, 50)
        print(
            f"work logs: {args.logs} logs and {args.tasks} tasks seeded "
            f"({time.perf_counter() - t0:.1f} s)"
        )
    return grant(env)


def grant(env):
    users = []
    for login, label, groups in ROLES:
        user = env["res.users"].search([("login", "=", login)])
        extra = [env.ref(xmlid, raise_if_not_found=False) for xmlid in groups]
        user.write({"groups_id": [(4, group.id) for group in extra if group]})
        users.append((label, user))
    # the busiest people of the other seeders, with their own roles only
    for table, column, label in BUSIEST:
        env.cr.execute(
            SQL(
                "SELECT %s FROM %s WHERE %s IS NOT NULL GROUP BY 1 "
                "ORDER BY count(*) DESC LIMIT 1",
                SQL.identifier(column),
                SQL.identifier(table),
                SQL.identifier(column),
            )
        )
        row = env.cr.fetchone()
        if row:
            users.append((label, env["res.users"].browse(row[0])))
    env.flush_all()
    env.registry.clear_cache()
    return users


def measure(env, user, runs):
    uenv = api.Environment(env.cr, user.id, {"lang": "en_US", "tz": "Asia/Shanghai"})
    Workbench = uenv["crm.workbench"]
    times = []
    queries = 0
    data = None
    for i in range(runs + 3):
        uenv.invalidate_all()
        count0 = env.cr.sql_log_count
        start = time.perf_counter()
        data = Workbench.crm_workbench_data()
        elapsed = (time.perf_counter() - start) * 1000
        queries = env.cr.sql_log_count - count0
        if i >= 3:  # warm-up
            times.append(elapsed)
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    return statistics.median(times), p95, queries, data


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--installments", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--logs", type=int, default=100_000)
    parser.add_argument("--tasks", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--seeded",
        action="store_true",
        help="measure on a database seeded before (with --keep): no seeding",
    )
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        users = seed(env, args)
        print(
            f"\n{'role':30} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}  tiles (count)"
        )
        for label, user in users:
            p50, p95, queries, data = measure(env, user, args.runs)
            tiles = ", ".join(
                f"{t['key'].split('.')[-1]}={t['count']}" for t in data["tiles"]
            )
            figures = ", ".join(
                f"{f['key'].split('.')[-1]}={f['value']:.0f}" for f in data["figures"]
            )
            print(f"{label:30} {p50:8.1f} {p95:8.1f} {queries:8d}  {tiles}")
            if figures:
                print(f"{'':30} {'':8} {'':8} {'':8}  figures: {figures}")
        if args.keep:
            cr.commit()
        else:
            cr.rollback()


if __name__ == "__main__":
    main()
