"""Benchmark of the work logs and tasks (not a test).

Seeds ``--logs`` daily logs and ``--tasks`` tasks over ``--users`` people
(Work Own level) in ``--departments`` departments (two levels: every fifth
department has four sub-departments), each department managed by its first
member, every twentieth log addressed to another person, with batched SQL;
then measures:

* the first page (80 rows of the list view's fields, default order) of the
  logs and of the tasks within scope, as an unrestricted administrator, an All
  reader, a Department-tree head, a Department manager, a lead (Own and
  subordinates) and a person (Own), ``--runs`` times each: p50 and p95 in ms,
  and each role's p95 against the unrestricted one;
* yesterday's submission completeness of every person (one SQL query), as
  superuser and as the All reader.

Everything is rolled back unless --keep.

    .venv/bin/python crm_worklog/benchmarks/bench_worklog.py \\
        -c .run/odoo.conf -d <database with crm_worklog installed> \\
        --logs 1000000 --tasks 200000 --users 2000
"""

import argparse
import statistics
import time
from datetime import timedelta

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.tools import SQL, config

LOG_FIELDS = [
    "date",
    "kind",
    "user_id",
    "department_id",
    "partner_ids",
    "comment_count",
]
TASK_FIELDS = [
    "priority",
    "name",
    "kind",
    "partner_ids",
    "user_id",
    "date_deadline",
    "progress",
    "next_step",
    "state",
]


VACUUMED = (
    "crm_work_log",
    "crm_work_task",
    "crm_work_log_recipient_user_rel",
    "crm_work_log_partner_rel",
    "crm_work_log_receipt",
    "crm_work_task_collaborator_rel",
)


def seed(env, n_logs, n_tasks, n_users, n_departments):
    stamp = time.time_ns()
    company = env.company
    own = env.ref("crm_worklog.crm_worklog_group_own")
    Department = env["hr.department"]
    tops = Department.create(
        [{"name": f"BENCH Work {i} {stamp}"} for i in range(max(1, n_departments // 5))]
    )
    subs = Department.create(
        [
            {"name": f"BENCH Work {t.id}-{j} {stamp}", "parent_id": t.id}
            for t in tops
            for j in range(4)
        ]
    )
    departments = tops | subs
    users = (
        env["res.users"]
        .with_context(no_reset_password=True, mail_create_nolog=True)
        .create(
            [
                {
                    "name": f"BENCH Person {i}",
                    "login": f"bench_work_{i}_{stamp}",
                    "company_id": company.id,
                    "company_ids": [(6, 0, company.ids)],
                    "groups_id": [(6, 0, [own.id, env.ref("base.group_user").id])],
                }
                for i in range(n_users)
            ]
        )
    )
    dept_of = {}
    for i, user in enumerate(users):
        dept_of[user.id] = departments[i % len(departments)].id
    employees = (
        env["hr.employee"]
        .with_context(mail_create_nolog=True)
        .create(
            [
                {
                    "name": user.name,
                    "user_id": user.id,
                    "department_id": dept_of[user.id],
                }
                for user in users
            ]
        )
    )
    # the first member of each department manages it; the others report to them
    head_of = {}
    for employee in employees:
        head_of.setdefault(employee.department_id.id, employee)
    for employee in employees:
        head = head_of[employee.department_id.id]
        if head != employee:
            employee.parent_id = head
    for dept_id, head in head_of.items():
        Department.browse(dept_id).manager_id = head
    top_head = head_of[tops[0].id].user_id
    top_head.groups_id = [
        (4, env.ref("crm_worklog.crm_worklog_group_department_tree").id)
    ]
    sub_head = head_of[subs[0].id].user_id if subs else users[3]
    sub_head.groups_id = [
        (4, env.ref("crm_worklog.crm_worklog_group_department").id),
        (4, env.ref("crm_worklog.crm_worklog_group_edit_scope").id),
    ]
    lead = head_of[subs[1].id].user_id if len(subs) > 1 else users[4]
    lead.groups_id = [(4, env.ref("crm_worklog.crm_worklog_group_subordinates").id)]
    reader_all = users[-1]
    reader_all.groups_id = [(4, env.ref("crm_worklog.crm_worklog_group_all").id)]
    person = next(u for u in users if u not in (top_head, sub_head, lead, reader_all))
    partner = env["res.partner"].create(
        {"name": f"BENCH Customer {stamp}", "is_company": True, "crm_is_customer": True}
    )
    env.flush_all()
    today = fields.Date.context_today(env["crm.work.log"])
    now = fields.Datetime.now()
    user_ids = users.ids
    depts = [dept_of[uid] for uid in user_ids]
    per_user = max(1, n_logs // n_users)
    env.cr.execute(
        SQL(
            """
            INSERT INTO crm_work_log
                (kind, date, user_id, department_id, company_id, done,
                 create_uid, create_date, write_uid, write_date)
            SELECT 'daily', %(today)s - (1 + (g - 1) / %(n_users)s)::int,
                   u.id, u.dept, %(company)s, '<p>Bench log ' || g || '</p>',
                   1, %(now)s, 1, %(now)s
              FROM generate_series(1, %(n)s) g
              JOIN (SELECT ord, id, dept
                      FROM unnest(%(users)s::int[], %(depts)s::int[])
                           WITH ORDINALITY AS t(id, dept, ord)) u
                ON u.ord = 1 + mod(g - 1, %(n_users)s)
            """,
            today=today,
            company=company.id,
            now=now,
            n=per_user * n_users,
            n_users=n_users,
            users=user_ids,
            depts=depts,
        )
    )
    # every twentieth log addressed to another person, a tenth linked to the customer
    env.cr.execute(
        SQL(
            """
            INSERT INTO crm_work_log_recipient_user_rel (log_id, user_id)
            SELECT l.id, (%(users)s::int[])[1 + mod(l.id * 7, %(n_users)s)]
              FROM crm_work_log l
             WHERE mod(l.id, 20) = 0 AND l.done LIKE %(pattern)s
            ON CONFLICT DO NOTHING
            """,
            users=user_ids,
            n_users=n_users,
            pattern="<p>Bench%",
        )
    )
    # their read receipts: what the rule reads for "addressed to me"
    env.cr.execute(
        SQL(
            """
            INSERT INTO crm_work_log_receipt
                (log_id, user_id, company_id, create_uid, create_date, write_uid,
                 write_date)
            SELECT r.log_id, r.user_id, %(company)s, 1, %(now)s, 1, %(now)s
              FROM crm_work_log_recipient_user_rel r
              JOIN crm_work_log l ON l.id = r.log_id
             WHERE l.done LIKE %(pattern)s
            ON CONFLICT DO NOTHING
            """,
            company=company.id,
            now=now,
            pattern="<p>Bench%",
        )
    )
    env.cr.execute(
        SQL(
            """
            INSERT INTO crm_work_log_partner_rel (log_id, partner_id)
            SELECT l.id, %(partner)s FROM crm_work_log l
             WHERE mod(l.id, 10) = 0 AND l.done LIKE %(pattern)s
            """,
            partner=partner.id,
            pattern="<p>Bench%",
        )
    )
    env.cr.execute(
        SQL(
            """
            INSERT INTO crm_work_task
                (name, kind, user_id, department_id, company_id, state, priority,
                 date_start, date_deadline, progress, create_uid, create_date,
                 write_uid, write_date)
            SELECT 'Bench task ' || g,
                   (ARRAY['goal', 'plan', 'task'])[1 + mod(g, 3)],
                   u.id, u.dept, %(company)s,
                   (ARRAY['draft', 'open', 'done', 'cancelled'])[1 + mod(g, 4)],
                   '0', %(today)s - 30, %(today)s + mod(g, 60) - 30, mod(g, 100),
                   1, %(now)s, 1, %(now)s
              FROM generate_series(1, %(n)s) g
              JOIN (SELECT ord, id, dept
                      FROM unnest(%(users)s::int[], %(depts)s::int[])
                           WITH ORDINALITY AS t(id, dept, ord)) u
                ON u.ord = 1 + mod(g - 1, %(n_users)s)
            """,
            company=company.id,
            today=today,
            now=now,
            n=n_tasks,
            n_users=n_users,
            users=user_ids,
            depts=depts,
        )
    )
    env.cr.execute(
        SQL(
            """
            INSERT INTO crm_work_task_collaborator_rel (task_id, user_id)
            SELECT t.id, (%(users)s::int[])[1 + mod(t.id * 11, %(n_users)s)]
              FROM crm_work_task t
             WHERE mod(t.id, 10) = 0 AND t.name LIKE %(task_pattern)s
            ON CONFLICT DO NOTHING
            """,
            users=user_ids,
            n_users=n_users,
            task_pattern="Bench task %",
        )
    )
    for table in VACUUMED:
        env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    env.registry.clear_cache()
    roles = (
        ("All", reader_all),
        ("Department tree (head)", top_head),
        ("Department (manager)", sub_head),
        ("Own and subordinates (lead)", lead),
        ("Own (person)", person),
    )
    return roles, today


def reuse(env):
    """The roles among the people a previous run kept (logins bench_work_*)."""
    users = env["res.users"].search([("login", "=like", "bench_work_%")], order="id")
    level = {u: u._crm_scope_level("work") for u in users}

    def first(wanted):
        return next(u for u in users if level[u] == wanted)

    roles = (
        ("All", first("all")),
        ("Department tree (head)", first("department_tree")),
        ("Department (manager)", first("department")),
        ("Own and subordinates (lead)", first("subordinates")),
        ("Own (person)", first("own")),
    )
    return roles, fields.Date.context_today(env["crm.work.log"])


def first_page(env, model, fields_, user, runs):
    times = []
    Model = env[model].with_user(user)
    for _i in range(runs):
        env.invalidate_all()
        start = time.perf_counter()
        Model.search_read([], fields_, limit=80)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def explain(env, model, user):
    """The plan of the first page's search as ``user``."""
    Model = env[model].with_user(user)
    query = Model._search([], limit=80, order=Model._order)
    env.cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS) %s", query.select()))
    return "\n".join(row[0] for row in env.cr.fetchall())


def report(env, model, fields_, roles, runs, show_plans=False):
    admin = env.ref("base.user_admin")
    roles = (("unrestricted (administrator)", admin),) + roles
    for _label, user in roles:
        first_page(env, model, fields_, user, 2)  # warm every role's caches
    measured = [
        (label, *first_page(env, model, fields_, user, runs)) for label, user in roles
    ]
    base95 = measured[0][2]
    print(f"\n{model}: first page (80 rows)")
    print(f"{'role':32} {'p50 ms':>8} {'p95 ms':>8} {'x unrestricted':>15}")
    for label, p50, p95 in measured:
        ratio = p95 / base95 if base95 else 0
        print(f"{label:32} {p50:8.1f} {p95:8.1f} {ratio:15.2f}")
    if show_plans:
        for label, user in roles:
            print(f"\n--- {model} as {label}\n{explain(env, model, user)}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--logs", type=int, default=100000)
    parser.add_argument("--tasks", type=int, default=20000)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--departments", type=int, default=50)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--explain", action="store_true", help="print the plans")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the people a previous --vacuum run left, without seeding",
    )
    parser.add_argument(
        "--vacuum",
        action="store_true",
        help="commit the seeded data and VACUUM ANALYZE before measuring, as "
        "autovacuum does on a live database (implies --keep: use a scratch "
        "database)",
    )
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        t0 = time.perf_counter()
        if args.reuse:
            roles, today = reuse(env)
        else:
            roles, today = seed(
                env, args.logs, args.tasks, args.users, args.departments
            )
        print(
            f"seeded {args.logs} logs and {args.tasks} tasks over {args.users} "
            f"people in {time.perf_counter() - t0:.1f}s"
        )
        if args.vacuum:
            cr.commit()
            with registry.cursor() as vcr:
                vcr._cnx.autocommit = True
                for table in VACUUMED:
                    vcr.execute(SQL("VACUUM ANALYZE %s", SQL.identifier(table)))
                vcr._cnx.autocommit = False
            print("committed and vacuumed")
        report(env, "crm.work.log", LOG_FIELDS, roles, args.runs, args.explain)
        report(env, "crm.work.task", TASK_FIELDS, roles, args.runs, args.explain)
        Log = env["crm.work.log"]
        yesterday = today - timedelta(days=1)
        for label, model in (
            ("superuser", Log.sudo()),
            ("All reader", Log.with_user(roles[0][1])),
        ):
            times = []
            for _i in range(5):
                start = time.perf_counter()
                stats = model._crm_completeness(yesterday)
                times.append(time.perf_counter() - start)
            print(
                f"\ncompleteness of {yesterday} as {label}: "
                f"{len(stats['written'])} written, {len(stats['missing'])} missing, "
                f"best {min(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms"
            )
        if not (args.keep or args.vacuum):
            cr.rollback()


if __name__ == "__main__":
    main()
