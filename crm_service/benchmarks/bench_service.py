"""Benchmark of the service requests (not a test).

Seeds ``--requests`` service requests over ``--users`` service agents (Own
level) in ``--departments`` departments with batched SQL, then measures:

* the first page (80 rows of the list view's fields, default order) of the
  requests within scope, as an agent (Own), a department manager (Department),
  a service director (All) and an unrestricted administrator, ``--runs`` times
  each: p50 and p95 in ms, and each role's p95 against the unrestricted one;
* the deadline job on ``--overdue`` overdue requests: requests per second on the
  first run (each gets its manager's escalation), then a rerun with nothing to
  do (seconds).

Everything is rolled back unless --keep.

    .venv/bin/python crm_service/benchmarks/bench_service.py \\
        -c .run/odoo.conf -d <database with crm_service installed> \\
        --requests 1000000 --users 2000
"""

import argparse
import statistics
import time

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.tools import SQL, config

LIST_FIELDS = [
    "name",
    "title",
    "partner_id",
    "type_id",
    "priority",
    "user_id",
    "handler_id",
    "deadline",
    "state",
]


def seed(env, n_requests, n_users, n_departments, n_overdue):
    stamp = time.time_ns()
    company = env.company
    own = env.ref("crm_service.crm_service_group_own")
    departments = env["hr.department"].create(
        [{"name": f"BENCH Service {i} {stamp}"} for i in range(n_departments)]
    )
    users = (
        env["res.users"]
        .with_context(no_reset_password=True, mail_create_nolog=True)
        .create(
            [
                {
                    "name": f"BENCH Agent {i}",
                    "login": f"bench_agent_{i}_{stamp}",
                    "company_id": company.id,
                    "company_ids": [(6, 0, company.ids)],
                    "groups_id": [(6, 0, [own.id, env.ref("base.group_user").id])],
                }
                for i in range(n_users)
            ]
        )
    )
    env["hr.employee"].with_context(mail_create_nolog=True).create(
        [
            {
                "name": user.name,
                "user_id": user.id,
                "department_id": departments[i % n_departments].id,
            }
            for i, user in enumerate(users)
        ]
    )
    manager = users[0]
    manager.groups_id = [
        (4, env.ref("crm_service.crm_service_group_department").id),
        (4, env.ref("crm_service.crm_service_group_edit_scope").id),
    ]
    director = users[1]
    director.groups_id = [(4, env.ref("crm_service.crm_service_group_all").id)]
    departments[0].manager_id = manager.employee_ids[:1]
    partner = env["res.partner"].create(
        {"name": f"BENCH Customer {stamp}", "is_company": True, "crm_is_customer": True}
    )
    stype = env.ref("crm_service.crm_service_type_remote")
    env.flush_all()
    now = fields.Datetime.now()
    user_ids = users.ids
    dept_of = {
        user.id: departments[i % n_departments].id for i, user in enumerate(users)
    }
    env.cr.execute(
        SQL(
            """
            INSERT INTO crm_service_request
                (name, title, partner_id, type_id, is_complaint, channel, priority,
                 user_id, department_id, handling_department_id, handler_id,
                 company_id, state, deadline, create_uid, create_date, write_uid,
                 write_date)
            SELECT 'BENCH-' || g, 'Bench request ' || g, %(partner)s, %(type)s,
                   false, 'phone', '1',
                   u.id, u.dept, u.dept, u.id, %(company)s,
                   CASE WHEN g <= %(overdue)s THEN 'in_progress'
                        ELSE (ARRAY['new', 'assigned', 'in_progress', 'resolved',
                                    'closed'])[1 + mod(g, 5)] END,
                   CASE WHEN g <= %(overdue)s THEN %(now)s - interval '1 hour'
                        ELSE %(now)s + interval '30 days' END,
                   1, %(now)s - mod(g, 365) * interval '1 day', 1, %(now)s
              FROM generate_series(1, %(n)s) g
              JOIN (SELECT ord, id, dept
                      FROM unnest(%(users)s::int[], %(depts)s::int[])
                           WITH ORDINALITY AS t(id, dept, ord)) u
                ON u.ord = 1 + mod(g, %(n_users)s)
            """,
            partner=partner.id,
            type=stype.id,
            company=company.id,
            overdue=n_overdue,
            now=now,
            n=n_requests,
            users=user_ids,
            depts=[dept_of[uid] for uid in user_ids],
            n_users=len(user_ids),
        )
    )
    env.cr.execute("ANALYZE crm_service_request")
    env.registry.clear_cache()
    return users, manager, director, now


def first_page(env, user, runs):
    times = []
    Request = env["crm.service.request"].with_user(user)
    for _i in range(runs):
        env.invalidate_all()
        start = time.perf_counter()
        Request.search_read([], LIST_FIELDS, limit=80)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--requests", type=int, default=100000)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--departments", type=int, default=20)
    parser.add_argument("--overdue", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        t0 = time.perf_counter()
        users, manager, director, now = seed(
            env, args.requests, args.users, args.departments, args.overdue
        )
        print(
            f"seeded {args.requests} requests over {args.users} agents in "
            f"{time.perf_counter() - t0:.1f}s"
        )
        admin = env.ref("base.user_admin")
        roles = (
            ("unrestricted (administrator)", admin),
            ("All (service director)", director),
            ("Department (manager)", manager),
            ("Own (agent)", users[2]),
        )
        for _label, user in roles:
            first_page(env, user, 2)  # warm the caches of every role first
        measured = [(label, *first_page(env, user, args.runs)) for label, user in roles]
        base95 = measured[0][2]
        rows = [
            (label, p50, p95, p95 / base95 if base95 else 0)
            for label, p50, p95 in measured
        ]
        print(f"{'role':32} {'p50 ms':>8} {'p95 ms':>8} {'x unrestricted':>15}")
        for label, p50, p95, ratio in rows:
            print(f"{label:32} {p50:8.1f} {p95:8.1f} {ratio:15.2f}")
        Request = env["crm.service.request"]
        start = time.perf_counter()
        done = Request._cron_deadline_reminders(batch_size=500, now=now)
        first = time.perf_counter() - start
        print(
            f"deadline job, first run: {done} requests in {first:.2f}s "
            f"({done / first if first else 0:.0f} requests/s)"
        )
        start = time.perf_counter()
        again = Request._cron_deadline_reminders(batch_size=500, now=now)
        print(
            f"deadline job, rerun: {again} requests in "
            f"{time.perf_counter() - start:.3f}s"
        )
        if not args.keep:
            cr.rollback()
        else:
            cr.commit()


if __name__ == "__main__":
    main()
