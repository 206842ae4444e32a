"""Benchmark of the customer lists within scope (not a test).

    .venv/bin/python crm_customer/benchmarks/bench.py --db bench_customer [--reseed]

Seeds the database with ``seed.py`` unless done already (commits), then measures
server side, in-process, for each role: ``web_search_read`` of the *Customers in
My Scope* action with the list view's fields (limit 80, count limit 10001, as
the web client asks) and ``search_count`` (limit 10001); 20 runs after a
warm-up, median and p95, ratio to an unrestricted administrator.
"""

import argparse
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

LIST_SPEC = {
    "crm_customer_code": {},
    "name": {},
    "crm_customer_type_id": {"fields": {"display_name": {}}},
    "crm_customer_category_id": {"fields": {"display_name": {}}},
    "crm_level": {},
    "user_id": {"fields": {"display_name": {}}},
    "crm_department_id": {"fields": {"display_name": {}}},
    "phone": {},
    "crm_region": {},
    "city": {},
    "crm_last_followup_date": {},
    "crm_days_no_followup": {},
    "create_date": {},
}
SCOPE_DOMAIN = [
    ("crm_is_customer", "=", True),
    ("parent_id", "=", False),
    ("crm_in_scope", "=", True),
]
ROLES = [
    ("admin", "unrestricted administrator", "admin"),
    ("bench_rep", "salesperson (own)", None),
    ("bench_lead", "team lead (subordinates)", None),
    ("bench_mgr4", "department manager (4 departments)", None),
    ("bench_div", "division head (department tree)", None),
    ("bench_small", "manager who sees ~50 customers", None),
    ("bench_director", "director (All)", None),
]


def _pct(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * len(values)) - 1))
    return values[k]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--config", default=os.path.join(ROOT, ".run", "odoo.conf"))
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()

    sys.path.insert(0, HERE)
    import odoo
    from odoo import api
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.db])
    import seed as seeder  # noqa: E402 (needs odoo configured)

    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        if args.reseed or not seeder.is_seeded(env):
            t0 = time.perf_counter()
            seeder.seed(env)
            cr.commit()
            # the steady state of a table autovacuum looks after: visibility
            # map set (index-only counts), statistics fresh
            cr._cnx.autocommit = True
            try:
                cr.execute("VACUUM (ANALYZE) res_partner")
            finally:
                cr._cnx.autocommit = False
            print(f"seeded (and vacuumed) in {time.perf_counter() - t0:.1f} s")
        env.cr.execute("SELECT count(*) FROM res_partner WHERE crm_is_customer")
        print(f"{env.cr.fetchone()[0]} customer partners")

    rows = []
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        for login, label, _x in ROLES:
            user = env["res.users"].search([("login", "=", login)])
            uenv = api.Environment(cr, user.id, {"lang": "en_US", "tz": "UTC"})
            Partner = uenv["res.partner"]
            visible = Partner.search_count(SCOPE_DOMAIN)
            list_times, count_times = [], []
            for i in range(args.runs + 3):
                uenv.invalidate_all()
                t0 = time.perf_counter()
                Partner.web_search_read(
                    SCOPE_DOMAIN, LIST_SPEC, limit=80, count_limit=10001
                )
                t1 = time.perf_counter()
                Partner.search_count(SCOPE_DOMAIN, limit=10001)
                t2 = time.perf_counter()
                if i >= 3:  # warm-up
                    list_times.append((t1 - t0) * 1000)
                    count_times.append((t2 - t1) * 1000)
            rows.append((label, visible, list_times, count_times))
        cr.rollback()

    admin_p95 = _pct(rows[0][2], 95)
    print()
    print(
        "| role | visible | list median ms | list p95 ms | x admin p95 "
        "| count median ms | count p95 ms |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, visible, lt, ct in rows:
        print(
            f"| {label} | {visible:,} | {statistics.median(lt):.1f} | "
            f"{_pct(lt, 95):.1f} | {_pct(lt, 95) / admin_p95:.2f} | "
            f"{statistics.median(ct):.1f} | {_pct(ct, 95):.1f} |"
        )


if __name__ == "__main__":
    main()
