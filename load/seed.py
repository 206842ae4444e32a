"""Seed the load-test database (not a test; ``./crm load`` runs it).

    .venv/bin/python load/seed.py -c .run/odoo.conf -d load_bench \\
        --plan .run/load/plan.json [--customers 1000000] [--contracts 100000] \\
        [--requests 200000] [--logs 200000]

Each step is done once (its marker is an ``ir.config_parameter``) and
committed, so an interrupted seeding resumes and a rerun only rewrites the plan:

1. the organisation and the customers of crm_customer's benchmark
   (``crm_customer/benchmarks/seed.py``: 200 departments, 2,000 users with
   employees, ``--customers`` customer accounts, 80% owned, 20% in the pool);
   then every owned customer followed up in the last 10 days but 1 in 400
   (so that the pool-return job has ~2,000 customers to return, not 760,000);
2. the load roles on those users (password ``load`` for all): salespeople
   (Own), managers at the four other sales levels, cashiers (finance All),
   service agents and service managers, work-log writers and leads; plus 25
   "anchor" users with Odoo's internal-user and contact-creation rights and
   sales All (whose rule is ``(1, '=', 1)``: no scope narrows what they read)
   for the plain-Odoo comparison;
3. volume by batched SQL: ``--contracts`` confirmed contracts of the owned
   customers with 4 installments each (1 contract in 50 with an installment
   due in 2 days, for the reminder job), the same number of confirmed receipts
   (unallocated advances, no allocation rows), and
   ``--requests`` service requests (300 overdue, for the escalation job) and
   ``--logs`` daily work logs of the past days.

The plan (JSON) lists the logins per role for ``load/locustfile.py``.
"""

import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PASSWORD = "load"


T0 = time.perf_counter()


def log(msg):
    print(f"[seed {time.perf_counter() - T0:7.1f} s] {msg}", flush=True)


def done(env, step):
    return env["ir.config_parameter"].sudo().get_param(f"crm_load.seeded.{step}")


def mark(env, step, value="1"):
    env["ir.config_parameter"].sudo().set_param(f"crm_load.seeded.{step}", value)
    env.cr.commit()


def group_ids(env, xmlids):
    groups = env["res.groups"]
    for xmlid in xmlids:
        group = env.ref(xmlid, raise_if_not_found=False)
        if group:
            groups |= group | group.trans_implied_ids
    return groups.ids


def bench_users(env):
    """The 2,000 benchmark users in creation order (index n belongs to
    department n // 10; the first of each department manages it)."""
    env.cr.execute(
        "SELECT id FROM res_users WHERE login LIKE 'bench\\_%%' AND id IN "
        "(SELECT user_id FROM hr_employee WHERE name LIKE 'Bench User %%') "
        "ORDER BY id"
    )
    return [r[0] for r in env.cr.fetchall()]


# index ranges in the benchmark organisation: L1 departments 0-3 (users 0-39),
# L2 4-19 (40-199), L3 20-99 (200-999), L4 100-199 (1000-1999)
def roles_by_index():
    sales = [1000 + 10 * d + 1 + d % 9 for d in range(10, 90)]
    managers = (
        [(1000 + 10 * d, "subordinates") for d in range(10, 30)]
        + [(200 + 10 * d, "department") for d in range(0, 15)]
        + [(40 + 10 * d, "department_tree") for d in range(0, 10)]
        + [(10 * d, "all") for d in range(1, 4)]
    )
    cashiers = [200 + 10 * d + 5 for d in range(20, 40)]
    agents = [(300 + 10 * d + 3, "own") for d in range(0, 16)] + [
        (300 + 10 * d, "department") for d in range(0, 4)
    ]
    writers = [(600 + 10 * d + 4, "own") for d in range(0, 16)] + [
        (600 + 10 * d, "subordinates") for d in range(0, 4)
    ]
    return sales, managers, cashiers, agents, writers


def seed_customers(env, n_customers):
    sys.path.insert(0, os.path.join(ROOT, "crm_customer", "benchmarks"))
    import seed as customer_seed  # noqa: PLC0415 (needs odoo configured)

    if not customer_seed.is_seeded(env):
        customer_seed.N_CUSTOMERS = n_customers
        log(f"crm_customer's benchmark organisation and {n_customers} customers")
        customer_seed.seed(env, log=lambda m: log("  " + m))
        env.cr.commit()
    mark(env, "customers", str(n_customers))


def seed_followups(env):
    """Every owned customer followed up in the last 10 days but 1 in 400:
    the indexes of res_partner dropped during the update and built again
    (much faster than updating 36 indexes row by row)."""
    cr = env.cr
    cr.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'res_partner' "
        "AND indexname <> 'res_partner_pkey'"
    )
    indexes = cr.fetchall()
    for name, _definition in indexes:
        cr.execute(f'DROP INDEX "{name}"')  # noqa: SQL001 (names from pg_indexes)
    cr.execute(
        """
        UPDATE res_partner
           SET crm_last_followup_date = CURRENT_DATE - mod(id, 10)
         WHERE crm_is_customer AND parent_id IS NULL AND user_id IS NOT NULL
           AND mod(id, 400) <> 0
        """
    )
    log(f"{cr.rowcount} owned customers followed up in the last 10 days")
    cr.execute("SET maintenance_work_mem = '256MB'")
    for _name, definition in indexes:
        cr.execute(definition)
    log(f"{len(indexes)} indexes of res_partner rebuilt")
    cr.commit()
    cr._cnx.autocommit = True
    try:
        cr.execute("VACUUM (ANALYZE) res_partner")
    finally:
        cr._cnx.autocommit = False
    log("res_partner vacuumed and analysed")


def seed_roles(env):
    users = bench_users(env)
    assert len(users) >= 2000, f"{len(users)} benchmark users"
    sales, managers, cashiers, agents, writers = roles_by_index()
    G = "crm_masterdata.crm_masterdata_group_sales_"

    def grant(uid, xmlids):
        env.cr.execute(
            """
            INSERT INTO res_groups_users_rel (gid, uid)
            SELECT g, %s FROM unnest(%s::int[]) g ON CONFLICT DO NOTHING
            """,
            (uid, group_ids(env, xmlids)),
        )

    plan = {"password": PASSWORD, "roles": {}}

    def login_of(uid):
        env.cr.execute("SELECT login FROM res_users WHERE id = %s", (uid,))
        return env.cr.fetchone()[0]

    plan["roles"]["sales"] = [
        {"login": login_of(users[i]), "level": "own"} for i in sales
    ]
    plan["roles"]["manager"] = []
    for i, level in managers:
        extra = [G + "edit_scope"] if level in ("department", "department_tree") else []
        grant(users[i], [G + level, *extra])
        plan["roles"]["manager"].append({"login": login_of(users[i]), "level": level})
    plan["roles"]["cashier"] = []
    for i in cashiers:
        grant(
            users[i],
            [
                "crm_finance_light.crm_finance_light_group_all",
                "crm_finance_light.crm_finance_light_group_edit_scope",
            ],
        )
        plan["roles"]["cashier"].append({"login": login_of(users[i]), "level": "all"})
    plan["roles"]["agent"] = []
    for i, level in agents:
        xmlids = [f"crm_service.crm_service_group_{level}"]
        if level != "own":
            xmlids.append("crm_service.crm_service_group_edit_scope")
        grant(users[i], xmlids)
        plan["roles"]["agent"].append({"login": login_of(users[i]), "level": level})
    plan["roles"]["writer"] = []
    if env.ref("crm_worklog.crm_worklog_group_own", raise_if_not_found=False):
        for i, level in writers:
            grant(users[i], [f"crm_worklog.crm_worklog_group_{level}"])
            plan["roles"]["writer"].append(
                {"login": login_of(users[i]), "level": level}
            )
    # anchor: Odoo's internal users with contact creation; the suite's
    # "no sales role" rule would hide every customer from them
    anchors = []
    for k in range(25):
        login = f"load_anchor_{k}"
        user = env["res.users"].search([("login", "=", login)])
        if not user:
            user = (
                env["res.users"]
                .with_context(no_reset_password=True, mail_create_nolog=True)
                .create(
                    {
                        "name": f"Load Anchor {k}",
                        "login": login,
                        "groups_id": [
                            (
                                6,
                                0,
                                [
                                    env.ref("base.group_user").id,
                                    env.ref("base.group_partner_manager").id,
                                ],
                            )
                        ],
                    }
                )
            )
        # read every partner like an administrator: no scope rule narrows
        # the plain screens (sales All's rule is (1, '=', 1))
        grant(user.id, [G + "all"])
        anchors.append({"login": login, "level": "plain Odoo"})
    plan["roles"]["anchor"] = anchors
    # Locust takes the accounts of a role in order: interleave the levels so
    # that any number of users of a role covers all of them
    for role, accounts in plan["roles"].items():
        by_level = {}
        for account in accounts:
            by_level.setdefault(account["level"], []).append(account)
        queues = list(by_level.values())
        mixed = []
        while any(queues):
            for queue in queues:
                if queue:
                    mixed.append(queue.pop(0))
        plan["roles"][role] = mixed
    # one password hash for every load user
    logins = [u["login"] for role in plan["roles"].values() for u in role]
    # hashed as Odoo hashes it (600,000 PBKDF2 rounds), as in a database in
    # use. A cheaper hash saves nothing: Odoo verifies it, then re-hashes it
    # with its own rounds at the first login, and that write on res_users
    # clears every worker's caches and, with a read replica, logged the person
    # out again at the next read-only request (the session token was computed
    # from the replica, which had not replayed the new hash yet)
    hashed = env["res.users"]._crypt_context().hash(PASSWORD)
    env.cr.execute(
        "UPDATE res_users SET password = %s WHERE login = ANY(%s)", (hashed, logins)
    )
    env.cr.execute(
        "UPDATE res_partner SET tz = 'Asia/Shanghai', lang = 'en_US' WHERE id IN "
        "(SELECT partner_id FROM res_users WHERE login = ANY(%s))",
        (logins,),
    )
    env.cr.commit()
    env.registry.clear_cache()
    log(
        "roles: "
        + ", ".join(f"{len(v)} {k}" for k, v in plan["roles"].items())
        + f" (password {PASSWORD!r})"
    )
    return plan


def seed_contracts(env, n_contracts):
    company = env.company
    env.cr.execute("SELECT CURRENT_DATE")
    today = env.cr.fetchone()[0]
    env.cr.execute(
        """
        INSERT INTO crm_contract
            (name, kind, title, partner_id, user_id, department_id, company_id,
             currency_id, state, date_signed, date_confirmed, amount_total,
             amount_tax, amount_untaxed, cost_total, margin, amount_received,
             amount_outstanding, received_percent, installment_count,
             was_confirmed, has_overdue, create_uid, create_date, write_uid,
             write_date)
        SELECT 'LOAD-' || lpad(c.rn::text, 7, '0'), 'contract',
               'Load contract ' || c.rn, c.id, c.user_id, c.crm_department_id,
               %(company)s, %(currency)s, 'confirmed',
               %(today)s::date - 30 - mod(c.rn, 300)::int, %(today)s::date - 30,
               4000, 0, 4000, 0, 0, 0, 4000, 0, 4, true, false,
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM (SELECT id, user_id, crm_department_id,
                       row_number() OVER (ORDER BY id) AS rn
                  FROM res_partner
                 WHERE crm_is_customer AND parent_id IS NULL
                   AND user_id IS NOT NULL
                 ORDER BY id LIMIT %(n)s) c
        """,
        {
            "company": company.id,
            "currency": company.currency_id.id,
            "today": today,
            "n": n_contracts,
        },
    )
    log(f"{env.cr.rowcount} confirmed contracts")
    # installment s of 4: due in 2 days for 1 contract in 50 (reminders),
    # else 30 * s days ahead
    env.cr.execute(
        """
        INSERT INTO crm_contract_installment
            (contract_id, sequence, name, trigger, due_date, amount, paid_amount,
             residual_amount, state, is_cancelled, contract_state, kind,
             date_signed, partner_id, user_id, department_id, company_id,
             currency_id, percentage, create_uid, create_date, write_uid,
             write_date)
        SELECT c.id, s, 'Installment ' || s, 'signing',
               CASE WHEN s = 1 AND mod(c.id, 50) = 0 THEN %(today)s::date + 2
                    ELSE %(today)s::date + 30 * s END,
               1000.0, 0.0, 1000.0, 'open', false, 'confirmed', 'contract',
               c.date_signed, c.partner_id, c.user_id, c.department_id,
               c.company_id, c.currency_id, 25.0,
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM crm_contract c CROSS JOIN generate_series(1, 4) s
         WHERE c.name LIKE 'LOAD-%%'
        """,
        {"today": today},
    )
    log(f"{env.cr.rowcount} open installments")
    env.cr.execute(
        """
        UPDATE crm_contract c SET next_due_date = i.due
          FROM (SELECT contract_id, min(due_date) AS due
                  FROM crm_contract_installment GROUP BY contract_id) i
         WHERE i.contract_id = c.id AND c.name LIKE 'LOAD-%%'
        """
    )
    method = env["crm.payment.method"].search([], limit=1) or env[
        "crm.payment.method"
    ].create({"name": "Bank Transfer"})
    env.cr.execute(
        """
        INSERT INTO crm_receipt
            (name, partner_id, user_id, department_id, company_id, currency_id,
             date, amount,
             payment_method_id, state, was_confirmed, allocated_amount,
             unallocated_amount, create_uid, create_date, write_uid, write_date)
        SELECT 'LRC-' || lpad(c.id::text, 8, '0'), c.partner_id, c.user_id,
               c.department_id, c.company_id, c.currency_id, c.date_signed + 5, 500.0,
               %(method)s, 'confirmed', true, 0, 500.0,
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM crm_contract c WHERE c.name LIKE 'LOAD-%%'
        """,
        {"method": method.id},
    )
    log(f"{env.cr.rowcount} confirmed receipts (advances)")
    for table in ("crm_contract", "crm_contract_installment", "crm_receipt"):
        env.cr.execute(f"ANALYZE {table}")  # noqa: SQL001 (constant names)
    env.cr.commit()


def seed_requests(env, n_requests, plan):
    agents = plan["roles"]["agent"]
    env.cr.execute(
        "SELECT u.id, e.department_id FROM res_users u JOIN hr_employee e "
        "ON e.user_id = u.id WHERE u.login = ANY(%s) ORDER BY u.id",
        ([a["login"] for a in agents],),
    )
    rows = env.cr.fetchall()
    stype = env.ref("crm_service.crm_service_type_remote", raise_if_not_found=False)
    stype = stype or env["crm.service.type"].search([], limit=1)
    env.cr.execute(
        """
        INSERT INTO crm_service_request
            (name, title, partner_id, type_id, is_complaint, channel, priority,
             user_id, department_id, handling_department_id, handler_id,
             company_id, state, deadline, create_uid, create_date, write_uid,
             write_date)
        SELECT 'LSR-' || lpad(p.rn::text, 7, '0'), 'Load request ' || p.rn, p.id,
               %(type)s, mod(p.rn, 10) = 0, 'phone', '1',
               a.id, a.dept, a.dept, a.id, %(company)s,
               CASE WHEN p.rn <= 300 THEN 'in_progress'
                    ELSE (ARRAY['new', 'assigned', 'in_progress', 'resolved',
                                'closed', 'closed', 'closed'])[1 + mod(p.rn, 7)] END,
               CASE WHEN p.rn <= 300 THEN now() at time zone 'UTC' - interval '1 hour'
                    ELSE now() at time zone 'UTC' + interval '30 days' END,
               1, now() at time zone 'UTC' - mod(p.rn, 365) * interval '1 day',
               1, now() at time zone 'UTC'
          FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn
                  FROM res_partner
                 WHERE crm_is_customer AND parent_id IS NULL
                 ORDER BY id DESC LIMIT %(n)s) p
          JOIN (SELECT ord, id, dept FROM unnest(%(users)s::int[], %(depts)s::int[])
                       WITH ORDINALITY AS t(id, dept, ord)) a
            ON a.ord = 1 + mod(p.rn, %(n_agents)s)
        """,
        {
            "type": stype.id,
            "company": env.company.id,
            "n": n_requests,
            "users": [r[0] for r in rows],
            "depts": [r[1] for r in rows],
            "n_agents": len(rows),
        },
    )
    log(f"{env.cr.rowcount} service requests (300 overdue)")
    env.cr.execute("ANALYZE crm_service_request")
    env.cr.commit()


def seed_logs(env, n_logs, plan):
    writers = plan["roles"]["writer"]
    if not writers:
        return
    # every bench user writes logs; the writers' are the ones opened under load
    env.cr.execute(
        "SELECT u.id, e.department_id FROM res_users u JOIN hr_employee e "
        "ON e.user_id = u.id WHERE e.name LIKE 'Bench User %%' ORDER BY u.id"
    )
    rows = env.cr.fetchall()
    env.cr.execute(
        """
        INSERT INTO crm_work_log
            (kind, date, user_id, department_id, company_id, done,
             create_uid, create_date, write_uid, write_date)
        SELECT 'daily', CURRENT_DATE - (1 + (g - 1) / %(n_users)s)::int,
               u.id, u.dept, %(company)s, '<p>Load log ' || g || '</p>',
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM generate_series(1, %(n)s) g
          JOIN (SELECT ord, id, dept FROM unnest(%(users)s::int[], %(depts)s::int[])
                       WITH ORDINALITY AS t(id, dept, ord)) u
            ON u.ord = 1 + mod(g - 1, %(n_users)s)
        """,
        {
            "n_users": len(rows),
            "company": env.company.id,
            "n": n_logs,
            "users": [r[0] for r in rows],
            "depts": [r[1] for r in rows],
        },
    )
    log(f"{env.cr.rowcount} daily work logs (past days)")
    env.cr.execute("ANALYZE crm_work_log")
    env.cr.commit()


def prepare_jobs(env):
    """Before each run, fresh work for the scheduled jobs (a different slice
    each run, so that what earlier runs sent stays as it is): ~2,000 owned
    customers without follow-up for 100 days (pool return; those with an open
    installment are kept by crm_sales_contract), 2,000 installments due in 2
    days (reminders) and ~300 requests past their deadline (escalations)."""
    icp = env["ir.config_parameter"].sudo()
    run = int(icp.get_param("crm_load.run", "0")) + 1
    icp.set_param("crm_load.run", str(run))
    cr = env.cr
    # mod 397 (a prime): the slice spreads over the 4 customer types, which
    # the benchmark seed assigns by id mod 4 (one has no pool return)
    k = run % 397
    cr.execute(
        """
        UPDATE res_partner
           SET crm_last_followup_date = CURRENT_DATE - 100,
               crm_owner_date = LEAST(crm_owner_date, CURRENT_DATE - 100)
         WHERE crm_is_customer AND parent_id IS NULL AND user_id IS NOT NULL
           AND mod(id, 397) = %s
        """,
        (k,),
    )
    customers = cr.rowcount
    cr.execute(
        """
        UPDATE crm_contract_installment SET due_date = CURRENT_DATE + 2
         WHERE sequence = 1 AND state = 'open' AND mod(contract_id, 50) = %s
        """,
        (1 + run % 49,),
    )
    installments = cr.rowcount
    cr.execute(
        """
        UPDATE crm_service_request
           SET state = 'in_progress',
               deadline = now() at time zone 'UTC' - interval '1 hour'
         WHERE name LIKE 'LSR-%%' AND state IN ('new', 'assigned', 'in_progress')
           AND mod(id, 666) = %s
        """,
        (1 + run % 665,),
    )
    requests = cr.rowcount
    cr.commit()
    log(
        f"run {run}: work for the scheduled jobs: {customers} customers due to "
        f"return to the pool, {installments} installments due in 2 days, "
        f"{requests} requests overdue"
    )
    return {
        "run": run,
        "pool_due": customers,
        "installments_due": installments,
        "requests_overdue": requests,
    }


# the tables whose size the plan reports (those of the addons installed)
SCALE_TABLES = (
    "res_partner",
    "crm_contract",
    "crm_contract_installment",
    "crm_receipt",
    "crm_service_request",
    "crm_work_log",
)
MAIL_TABLES = ("mail_activity", "mail_message", "mail_followers")


def existing_tables(cr, tables):
    for table in tables:
        cr.execute("SELECT to_regclass(%s)", (table,))
        if cr.fetchone()[0]:
            yield table


def vacuum(cr):
    """Each run starts from the database as autovacuum keeps it between busy
    hours: the rows earlier runs and this run's preparation changed are
    vacuumed (visibility map, for index-only counts) and analysed."""
    cr.commit()
    cr._cnx.autocommit = True
    try:
        for table in existing_tables(cr, SCALE_TABLES + MAIL_TABLES):
            cr.execute(f"VACUUM (ANALYZE) {table}")  # noqa: SQL001 (constant names)
    finally:
        cr._cnx.autocommit = False
    log("tables vacuumed and analysed")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--plan", required=True, help="where to write the plan (JSON)")
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--contracts", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200_000)
    parser.add_argument("--logs", type=int, default=200_000)
    args = parser.parse_args()

    import odoo  # noqa: PLC0415
    from odoo import SUPERUSER_ID, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if not done(env, "customers"):
            seed_customers(env, args.customers)
        if not done(env, "followups"):
            seed_followups(env)
            mark(env, "followups")
        plan = seed_roles(env)
        if not done(env, "contracts") and "crm.contract" in env:
            seed_contracts(env, args.contracts)
            mark(env, "contracts", str(args.contracts))
        if not done(env, "requests") and "crm.service.request" in env:
            seed_requests(env, args.requests, plan)
            mark(env, "requests", str(args.requests))
        if not done(env, "logs") and "crm.work.log" in env:
            seed_logs(env, args.logs, plan)
            mark(env, "logs", str(args.logs))
        jobs_work = prepare_jobs(env) if "crm.service.request" in env else {}
        vacuum(cr)
        scale = {}
        for step in ("customers", "contracts", "requests", "logs"):
            scale[step] = done(env, step)
        for table in existing_tables(cr, SCALE_TABLES):
            cr.execute(f"SELECT count(*) FROM {table}")  # noqa: SQL001
            scale[table] = cr.fetchone()[0]
        plan["scale"] = scale
        plan["jobs_work"] = jobs_work
        plan["database"] = args.database
    with open(args.plan, "w", encoding="utf-8") as f:
        json.dump(plan, f, indent=1)
    log(f"plan written to {args.plan}: {json.dumps(scale)}")


if __name__ == "__main__":
    main()
