"""Measurements around a load run (``./crm load`` calls it; not a test).

    python load/report.py snapshot --db DB --out before.json [--replica-port N]
    python load/report.py trigger  --db DB            # run the scheduled jobs now
    python load/report.py sample   --db DB --out samples.jsonl --seconds N
    python load/report.py wait     --db DB --seconds N  # until the jobs ran to the end
    python load/report.py checks   -c odoo.conf --db DB --since ISO --out checks.json
    python load/report.py table    --stats locust_stats.csv --before b.json
        --after a.json --samples s.jsonl --odoo-log odoo.log --pg-log pg.log
        --pg-log-offset N --summary locust_summary.json --checks checks.json

Runs with the project's virtual environment (psycopg2; ``checks`` loads Odoo).
"""

import argparse
import csv
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict

import psycopg2

PG = {"host": "127.0.0.1", "user": "crm"}
CRONS = (
    "crm_sales_contract.ir_cron_crm_contract_reminders",
    "crm_customer.ir_cron_crm_customer_return_to_pool",
    "crm_service.ir_cron_crm_service_deadlines",
    "crm_worklog.ir_cron_crm_work_task_deadlines",
)


def connect(db, port):
    cnx = psycopg2.connect(dbname=db, port=port, **PG)
    cnx.autocommit = True
    return cnx


def query(db, port, sql, params=()):
    with connect(db, port) as cnx, cnx.cursor() as cr:
        cr.execute(sql, params)
        return cr.fetchall()


STAT_COLS = (
    "xact_commit",
    "xact_rollback",
    "tup_returned",
    "tup_fetched",
    "tup_inserted",
    "tup_updated",
    "tup_deleted",
    "deadlocks",
    "conflicts",
    "blks_read",
    "blks_hit",
)


def db_stats(db, port):
    cols = ", ".join(STAT_COLS)
    row = query(
        db, port, f"SELECT {cols} FROM pg_stat_database WHERE datname = %s", (db,)
    )[0]  # noqa: SQL001 (constant column names)
    return dict(zip(STAT_COLS, row, strict=True))


def cmd_snapshot(args):
    snap = {"time": time.time(), "primary": db_stats(args.db, args.port)}
    if args.replica_port:
        snap["replica"] = db_stats(args.db, args.replica_port)
    snap["pg_log_size"] = os.path.getsize(args.pg_log) if args.pg_log else 0
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(snap, f)


def cmd_trigger(args):
    """Make the suite's scheduled jobs due now and wake the cron workers."""
    with connect(args.db, args.port) as cnx, cnx.cursor() as cr:
        # a job that is running holds its row: it is due anyway, skip it
        cr.execute(
            """
            UPDATE ir_cron c SET nextcall = now() at time zone 'UTC', active = TRUE
              FROM ir_model_data d
             WHERE d.model = 'ir.cron' AND d.res_id = c.id
               AND d.module || '.' || d.name = ANY(%s)
               AND c.id IN (SELECT id FROM ir_cron FOR NO KEY UPDATE SKIP LOCKED)
            RETURNING d.name
            """,
            (list(CRONS),),
        )
        names = [r[0] for r in cr.fetchall()]
        cr.execute("NOTIFY cron_trigger, %s", (args.db,))
    print(f"[load] scheduled jobs due now: {', '.join(names)}", file=sys.stderr)


def cmd_wait(args):
    """Wait (at most --seconds) until none of the suite's jobs is due any
    more: each ran to the end (a job that has work left is called again)."""
    end = time.time() + args.seconds
    while True:
        [(due,)] = query(
            args.db,
            args.port,
            """
            SELECT count(*) FROM ir_cron c JOIN ir_model_data d
                ON d.model = 'ir.cron' AND d.res_id = c.id
             WHERE d.module || '.' || d.name = ANY(%s)
               AND c.active AND c.nextcall <= now() at time zone 'UTC'
            """,
            (list(CRONS),),
        )
        if not due or time.time() > end:
            print(f"[load] scheduled jobs still due: {due}", file=sys.stderr)
            return
        time.sleep(5)


def cmd_sample(args):
    """Once a second: load average, and what the database's active sessions
    wait on and run (the top of the run's activity)."""
    end = time.time() + args.seconds
    with open(args.out, "a", encoding="utf-8") as out:
        while time.time() < end:
            with open("/proc/loadavg", encoding="ascii") as f:
                load1 = float(f.read().split()[0])
            rows = []
            for port, where in ((args.port, "primary"), (args.replica_port, "replica")):
                if not port:
                    continue
                try:
                    for state, wtype, wevent, q in query(
                        args.db,
                        port,
                        """
                        SELECT state, wait_event_type, wait_event, left(query, 160)
                          FROM pg_stat_activity
                         WHERE datname = %s AND pid <> pg_backend_pid()
                           AND state = 'active'
                        """,
                        (args.db,),
                    ):
                        rows.append([where, state, wtype, wevent, q])
                except psycopg2.Error:
                    pass
            out.write(json.dumps({"t": time.time(), "load1": load1, "active": rows}))
            out.write("\n")
            out.flush()
            time.sleep(1)


def cmd_checks(args):
    """After the run: the scheduled jobs ran, sent nothing twice, left
    nothing behind."""
    import odoo  # noqa: PLC0415
    from odoo import SUPERUSER_ID, api, fields  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.db])
    res = {}
    with Registry(args.db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        jobs = {}
        for xmlid in CRONS:
            cron = env.ref(xmlid, raise_if_not_found=False)
            if cron:
                jobs[xmlid] = {
                    "lastcall": str(cron.lastcall),
                    "ran_during_run": bool(
                        cron.lastcall and str(cron.lastcall) >= args.since
                    ),
                }
        res["jobs"] = jobs
        cr.execute(
            """
            SELECT count(*) FROM (
                SELECT 1 FROM crm_reminder
                 GROUP BY res_model, res_id, key, user_id HAVING count(*) > 1) d
            """
        )
        res["duplicate_reminder_keys"] = cr.fetchone()[0]
        cr.execute(
            """
            SELECT count(*), coalesce(sum(n - 1), 0) FROM (
                SELECT count(*) AS n FROM mail_activity
                 WHERE create_date >= %s
                 GROUP BY res_model, res_id, user_id, activity_type_id,
                          date_deadline, summary HAVING count(*) > 1) d
            """,
            (args.since,),
        )
        groups, extra = cr.fetchone()
        res["duplicate_activities_created_during_run"] = {
            "groups": groups,
            "extra": extra,
        }
        cr.execute(
            """
            SELECT res_model, count(*) FROM crm_reminder
             WHERE create_date >= %s GROUP BY res_model ORDER BY 1
            """,
            (args.since,),
        )
        res["reminders_sent_during_run"] = dict(cr.fetchall())
        # nothing lost: the overdue requests got their escalation, the due
        # installments their reminder, the due customers went to the pool
        cr.execute(
            """
            SELECT count(*) FROM crm_service_request r
             WHERE r.name LIKE 'LSR-%%'
               AND r.state IN ('new', 'assigned', 'in_progress')
               AND r.deadline < %s
               AND NOT EXISTS (SELECT 1 FROM crm_reminder m
                                WHERE m.res_model = 'crm.service.request'
                                  AND m.res_id = r.id)
            """,
            (args.since,),
        )
        res["overdue_requests_without_reminder"] = cr.fetchone()[0]
        today = fields.Date.context_today(env["res.users"])
        cr.execute(
            """
            SELECT count(*) FROM crm_contract_installment i
             WHERE i.state IN ('open', 'partial') AND i.contract_state = 'confirmed'
               AND i.due_date BETWEEN %s AND %s
               AND NOT EXISTS (SELECT 1 FROM crm_reminder m
                                WHERE m.res_model = 'crm.contract.installment'
                                  AND m.res_id = i.id)
            """,
            (today, fields.Date.add(today, days=2)),
        )
        res["installments_due_in_2_days_without_reminder"] = cr.fetchone()[0]
        Partner = env["res.partner"]
        types = env["crm.customer.type"].search([("pool_return_days", ">", 0)])
        domain = Partner._crm_pool_all_due_domain(types, today)
        due = Partner.search(domain) if domain else Partner
        kept = set(Partner._crm_pool_return_protected_ids(due))
        res["customers_due_to_pool_still_owned"] = len(due) - len(kept & set(due.ids))
        res["customers_due_but_kept_by_open_installments"] = len(kept & set(due.ids))
        cr.execute("SELECT count(*) FROM res_partner WHERE crm_is_pool")
        res["customers_in_pool"] = cr.fetchone()[0]
        cr.rollback()
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(res, f, indent=1)


# ---------------------------------------------------------------- the table
def load_stats(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["Name"] == "Aggregated":
                continue
            rows.append(row)
    return rows


def fnum(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return 0.0


def cmd_table(args):  # noqa: C901 (one report)
    rows = load_stats(args.stats)
    before = json.load(open(args.before, encoding="utf-8"))
    after = json.load(open(args.after, encoding="utf-8"))
    seconds = after["time"] - before["time"]
    summary = {}
    if args.summary and os.path.exists(args.summary):
        summary = json.load(open(args.summary, encoding="utf-8"))
    # the rates of the steady state (after the ramp-up: --reset-stats)
    measured = summary.get("measured_seconds") or seconds
    out = []
    p = out.append
    p(f"## Load run: {args.title}")
    p("")
    p(
        f"Statistics of the steady state: {measured:.0f} s after every user "
        "logged in (the ramp-up is left out, see the logins below)."
    )
    p("")
    p(
        "| side | kind | request | count | req/s | p50 ms | p95 ms | max ms "
        "| failures |"
    )
    p("|---|---|---|---:|---:|---:|---:|---:|---:|")
    by_side = defaultdict(lambda: Counter())
    kinds = defaultdict(list)
    order = {"anchor": 0, "suite": 1}
    for row in sorted(
        rows, key=lambda r: (order.get(r["Name"].split(" ")[0], 2), r["Name"])
    ):
        side, kind, what = (row["Name"].split(" ", 2) + ["", ""])[:3]
        n = int(fnum(row["Request Count"]))
        fails = int(fnum(row["Failure Count"]))
        p(
            f"| {side} | {kind} | {what} | {n} | {fnum(row['Requests/s']):.2f} "
            f"| {fnum(row['50%']):.0f} | {fnum(row['95%']):.0f} "
            f"| {fnum(row['Max Response Time']):.0f} | {fails} |"
        )
        by_side[side]["requests"] += n
        by_side[side]["failures"] += fails
        kinds[(side, kind)].append(row)
    p("")
    p("Per side and kind (p50/p95 are the worst request of that kind):")
    p("")
    p("| side | kind | requests | req/s | worst p50 ms | worst p95 ms | failures |")
    p("|---|---|---:|---:|---:|---:|---:|")
    for (side, kind), krows in sorted(
        kinds.items(), key=lambda x: (order.get(x[0][0], 2), x[0][1])
    ):
        n = sum(int(fnum(r["Request Count"])) for r in krows)
        p(
            f"| {side} | {kind} | {n} "
            f"| {sum(fnum(r['Requests/s']) for r in krows):.2f} "
            f"| {max(fnum(r['50%']) for r in krows):.0f} "
            f"| {max(fnum(r['95%']) for r in krows):.0f} "
            f"| {sum(int(fnum(r['Failure Count'])) for r in krows)} |"
        )
    logins = summary.get("logins", {})
    if logins:
        p("")
        p(
            "Logins (during the ramp-up, before the statistics above were reset; "
            "each costs Odoo 18's 600,000 PBKDF2 rounds of CPU):"
        )
        p("")
        p("| side | logins | p50 s | p95 s | max s |")
        p("|---|---:|---:|---:|---:|")
        for side in ("anchor", "suite"):
            v = sorted(logins.get(side, []))
            if v:
                p(
                    f"| {side} | {len(v)} | {v[len(v) // 2]:.1f} "
                    f"| {v[min(len(v) - 1, int(len(v) * 0.95))]:.1f} | {v[-1]:.1f} |"
                )
    users = summary.get("logged_in", {})
    per_side_users = Counter()
    for key, n in users.items():
        per_side_users["anchor" if key.startswith("anchor") else "suite"] += n
    p("")
    p("| side | users | requests | req/s | req/s per user | failures |")
    p("|---|---:|---:|---:|---:|---:|")
    per_user = {}
    for side in ("anchor", "suite"):
        n = by_side[side]["requests"]
        u = per_side_users[side] or 1
        per_user[side] = n / measured / u
        p(
            f"| {side} | {per_side_users[side]} | {n} | {n / measured:.2f} "
            f"| {per_user[side]:.3f} | {by_side[side]['failures']} |"
        )
    tasks = summary.get("tasks", {})
    if tasks:
        p("")
        p(
            "Tasks (one thing a person does: a list and a form, a follow-up, a "
            "receipt...; then 5-10 s of thinking):"
        )
        p("")
        p("| side | tasks done | tasks per user per minute | mean task time s |")
        p("|---|---:|---:|---:|")
        rate = {}
        for side in ("anchor", "suite"):
            done, spent = tasks.get(side, [0, 0.0])
            u = per_side_users[side] or 1
            rate[side] = done / u / (measured / 60)
            p(
                f"| {side} | {done} | {rate[side]:.2f} "
                f"| {spent / done if done else 0:.2f} |"
            )
        if rate.get("anchor"):
            p("")
            p(
                f"Suite throughput (tasks per user and minute): "
                f"{100 * rate['suite'] / rate['anchor']:.0f}% of the anchor's."
            )
    p("")
    p(f"Users logged in per role and level: {json.dumps(users, ensure_ascii=False)}")
    if summary.get("refusals"):
        p("")
        p("Business refusals (UserError answers, not failures):")
        for k, n in sorted(summary["refusals"].items(), key=lambda x: -x[1])[:12]:
            p(f"- {n} x {k}")
    if summary.get("errors"):
        p("")
        p("Failures:")
        for k, n in sorted(summary["errors"].items(), key=lambda x: -x[1])[:12]:
            p(f"- {n} x {k}")
    # database: primary vs replica
    p("")
    p(f"Database activity during the run ({seconds:.0f} s), database {args.db}:")
    p("")
    p(
        "| cluster | transactions | rows returned | rows fetched | rows written "
        "| deadlocks | conflicts |"
    )
    p("|---|---:|---:|---:|---:|---:|---:|")
    totals = {}
    for where in ("primary", "replica"):
        if where not in before or where not in after:
            continue
        d = {k: after[where][k] - before[where][k] for k in STAT_COLS}
        totals[where] = d
        p(
            f"| {where} | {d['xact_commit'] + d['xact_rollback']} "
            f"| {d['tup_returned']} "
            f"| {d['tup_fetched']} "
            f"| {d['tup_inserted'] + d['tup_updated'] + d['tup_deleted']} "
            f"| {d['deadlocks']} | {d['conflicts']} |"
        )
    if len(totals) == 2:
        tx = {w: totals[w]["xact_commit"] + totals[w]["xact_rollback"] for w in totals}
        rows_read = {
            w: totals[w]["tup_returned"] + totals[w]["tup_fetched"] for w in totals
        }
        p("")
        p(
            "Share on the replica: "
            f"{100 * tx['replica'] / max(1, sum(tx.values())):.0f}% "
            f"of the transactions, "
            f"{100 * rows_read['replica'] / max(1, sum(rows_read.values())):.0f}% "
            "of the rows read."
        )
    # retries and deadlocks in the logs
    retries = Counter()
    sql_time = defaultdict(lambda: [0, 0.0, 0.0, 0])
    access = re.compile(r'"POST (/web/[^ ?]*)[^"]*" (\d+) - (\d+) ([\d.]+) ([\d.]+)')
    jobs = {}
    if args.odoo_log and os.path.exists(args.odoo_log):
        with open(args.odoo_log, encoding="utf-8", errors="replace") as f:
            for line in f:
                if "tries left, try again" in line:
                    m = re.search(r"INFO \S+ \S+: (\w+), \d+ tries left", line)
                    retries[m.group(1) if m else "retry"] += 1
                elif "ir_cron: Job 'CRM" in line:
                    m = re.search(r"Job '([^']+)' \(\d+\) (.*)", line)
                    if m:
                        job = jobs.setdefault(
                            m.group(1),
                            {
                                "first": line[:19],
                                "batches": 0,
                                "records": 0,
                                "seconds": 0.0,
                                "completed": None,
                            },
                        )
                        rest = m.group(2)
                        if rest.startswith("done in"):
                            job["seconds"] += float(rest.split()[2].rstrip("s"))
                            job["batches"] += 1
                        elif rest.startswith("processed"):
                            job["records"] += int(rest.split()[1])
                        elif rest.startswith("completed"):
                            job["completed"] = line[:19]
                m = access.search(line)
                if m:
                    path = m.group(1)
                    path = "/".join(path.split("/")[:6])
                    s = sql_time[path]
                    s[0] += 1
                    s[1] += int(m.group(3))
                    s[2] += float(m.group(4))
                    s[3] += float(m.group(5))
    pg = Counter()
    if args.pg_log and os.path.exists(args.pg_log):
        with open(args.pg_log, encoding="utf-8", errors="replace") as f:
            f.seek(before.get("pg_log_size", 0))
            for line in f:
                if "deadlock detected" in line:
                    pg["deadlock detected"] += 1
                elif "could not serialize access" in line:
                    pg["could not serialize access"] += 1
                elif "canceling statement due to conflict with recovery" in line:
                    pg["replica query cancelled (conflict)"] += 1
                elif "lock timeout" in line or "could not obtain lock" in line:
                    pg["lock not obtained"] += 1
    p("")
    p(
        "Concurrency errors: Odoo retried "
        + (", ".join(f"{n} {k}" for k, n in retries.items()) or "nothing")
        + "; PostgreSQL log (whole cluster, shared with other work) during the run: "
        + (", ".join(f"{n} {k}" for k, n in pg.items()) or "none")
        + "."
    )
    if sql_time:
        p("")
        p(
            "Server time per endpoint (Odoo's access log: SQL vs Python), "
            "top 12 by total time:"
        )
        p("")
        p("| endpoint | requests | queries/req | SQL ms/req | other ms/req |")
        p("|---|---:|---:|---:|---:|")
        top = sorted(sql_time.items(), key=lambda x: -(x[1][2] + x[1][3]))[:12]
        for path, (n, q, st, ot) in top:
            p(
                f"| {path} | {n} | {q / n:.0f} | {1000 * st / n:.0f} "
                f"| {1000 * ot / n:.0f} |"
            )
    if args.samples and os.path.exists(args.samples):
        loads, waits, queries, actives = [], Counter(), Counter(), []
        with open(args.samples, encoding="utf-8") as f:
            for line in f:
                s = json.loads(line)
                loads.append(s["load1"])
                actives.append(len(s["active"]))
                for where, _state, wtype, wevent, q in s["active"]:
                    waits[f"{where}: {wtype or 'CPU'}/{wevent or '-'}"] += 1
                    queries[re.sub(r"\s+", " ", q)[:110]] += 1
        if loads:
            p("")
            p(
                f"Load average (1 min) during the run: min {min(loads):.1f}, "
                f"median {sorted(loads)[len(loads) // 2]:.1f}, max {max(loads):.1f} "
                f"on {os.cpu_count()} cores; active database sessions per second: "
                f"median {sorted(actives)[len(actives) // 2]}, max {max(actives)}."
            )
            p("")
            p("What the active sessions were doing (samples, once a second):")
            for k, n in waits.most_common(6):
                p(f"- {n} x {k}")
            p("")
            p("Most frequently running statements (samples):")
            for k, n in queries.most_common(6):
                p(f"- {n} x `{k}`")
    if jobs:
        p("")
        p("The suite's scheduled jobs during the run (Odoo's log):")
        p("")
        p("| job | first start | batches | records | seconds | last completed |")
        p("|---|---|---:|---:|---:|---|")
        for name, job in jobs.items():
            p(
                f"| {name} | {job['first'][11:]} | {job['batches']} | {job['records']} "
                f"| {job['seconds']:.1f} | {(job['completed'] or '-')[11:]} |"
            )
    if args.checks and os.path.exists(args.checks):
        p("")
        p("After the run:")
        p("")
        p("```")
        p(open(args.checks, encoding="utf-8").read().strip())
        p("```")
    text = "\n".join(out)
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "command", choices=["snapshot", "trigger", "sample", "wait", "checks", "table"]
    )
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, default=55432)
    parser.add_argument("--replica-port", type=int, default=0)
    parser.add_argument("--out")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("-c", "--config")
    parser.add_argument("--since")
    parser.add_argument("--stats")
    parser.add_argument("--before")
    parser.add_argument("--after")
    parser.add_argument("--samples")
    parser.add_argument("--odoo-log")
    parser.add_argument("--pg-log")
    parser.add_argument("--summary")
    parser.add_argument("--checks")
    parser.add_argument("--title", default="")
    args = parser.parse_args()
    globals()[f"cmd_{args.command}"](args)


if __name__ == "__main__":
    main()
