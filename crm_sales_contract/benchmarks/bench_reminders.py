"""Benchmark of the collection reminder job (not a test).

Seeds 100,000 open installments of confirmed contracts with batched SQL, of
which 10,000 are due within the reminder window, runs the reminder job the way
the cron runner does (batches until nothing remains), measures the activities
created per second, then runs it again (must create nothing, in under half a
second) and prints a table. It seeds its own customer and sales users, so it
runs on any database with the addon, with demo data or without. Everything is
rolled back unless --keep; --profile prints the top lines of a cProfile of the
first run.

    .venv/bin/python crm_sales_contract/benchmarks/bench_reminders.py \\
        -c .run/odoo.conf -d <database with crm_sales_contract installed>
"""

import argparse
import cProfile
import pstats
import threading
import time

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL, config, mute_logger


def seed(env, installments, due, per_contract=100):
    """Contracts and open installments by INSERT ... SELECT; ``due`` of them
    are due within the next 3 days, the others in 100+ days."""
    cr = env.cr
    today = fields.Date.context_today(env["res.users"])
    company = env.company
    # its own customer and sales users, so that it runs on any database with
    # the addon, with demo data or without
    partner = env["res.partner"].create(
        {
            "name": f"BENCH Customer {time.time_ns()}",
            "is_company": True,
            "crm_is_customer": True,
        }
    )
    users = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            [
                {
                    "name": f"BENCH Rep {i}",
                    "login": f"bench_rep_{i}_{time.time_ns()}",
                    "company_id": company.id,
                    "company_ids": [(6, 0, company.ids)],
                    "groups_id": [
                        (
                            6,
                            0,
                            env.ref(
                                "crm_masterdata.crm_masterdata_group_sales_own"
                            ).ids,
                        )
                    ],
                }
                for i in range(10)
            ]
        )
    )
    n_contracts = installments // per_contract
    due_per_contract = due // n_contracts
    contract_ids = env.execute_query(
        SQL(
            """
            INSERT INTO crm_contract
                (name, kind, partner_id, user_id, company_id, currency_id, state,
                 date_signed, amount_total, amount_tax, amount_untaxed, cost_total,
                 margin, amount_received, amount_outstanding, received_percent,
                 installment_count, was_confirmed, has_overdue,
                 create_uid, create_date, write_uid, write_date)
            SELECT 'BENCH-' || g, 'contract', %(partner)s,
                   (%(users)s::int[])[1 + mod(g, %(n_users)s)],
                   %(company)s, %(currency)s,
                   'confirmed', %(signed)s, 100.0 * %(per)s, 0, 100.0 * %(per)s,
                   0, 0, 0, 100.0 * %(per)s, 0, %(per)s, true, false,
                   1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
              FROM generate_series(1, %(n)s) g
            RETURNING id
            """,
            partner=partner.id,
            users=users.ids,
            n_users=len(users),
            company=company.id,
            currency=company.currency_id.id,
            signed=fields.Date.subtract(today, days=10),
            per=per_contract,
            n=n_contracts,
        )
    )
    ids = [row[0] for row in contract_ids]
    cr.execute(
        SQL(
            """
            INSERT INTO crm_contract_installment
                (contract_id, sequence, name, trigger, due_date, amount, paid_amount,
                 residual_amount, state, is_cancelled, contract_state, kind,
                 date_signed, partner_id, user_id, department_id, company_id,
                 currency_id, percentage, create_uid, create_date, write_uid,
                 write_date)
            SELECT c.id, s, 'Bench ' || s, 'signing',
                   CASE WHEN s <= %(due_per)s THEN %(today)s::date + mod(s, 4)
                        ELSE %(today)s::date + 100 + s END,
                   100.0, 0.0, 100.0, 'open', false, 'confirmed', 'contract',
                   c.date_signed, c.partner_id, c.user_id, c.department_id,
                   c.company_id, c.currency_id, 1.0,
                   1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
              FROM crm_contract c
             CROSS JOIN generate_series(1, %(per)s) s
             WHERE c.id = ANY(%(ids)s)
            """,
            due_per=due_per_contract,
            today=today,
            per=per_contract,
            ids=ids,
        )
    )
    cr.execute("ANALYZE crm_contract")
    cr.execute("ANALYZE crm_contract_installment")
    cr.execute("ANALYZE crm_reminder")
    [(count,)] = env.execute_query(
        SQL(
            "SELECT count(*) FROM crm_contract_installment WHERE contract_id = ANY(%s)",
            ids,
        )
    )
    return n_contracts, count, ids, partner, users


def run_job(env, batch_size):
    """Call the job as the cron runner does (it commits and calls again while
    work remains); returns (seconds, reminders logged, calls)."""
    Installment = env["crm.contract.installment"]
    Reminder = env["crm.reminder"]
    before = Reminder.search_count([])
    calls = 0
    start = time.perf_counter()
    while True:
        calls += 1
        _done, remaining = Installment._cron_send_reminders(batch_size=batch_size)
        env.flush_all()
        if not remaining:
            break
    seconds = time.perf_counter() - start
    return seconds, Reminder.search_count([]) - before, calls


def race(registry, env, args):
    """``args.workers`` workers on the same work; nothing may be sent twice."""
    _n, n_installments, ids, partner, users = seed(env, args.installments, args.due)
    env.cr.commit()
    model = "crm.contract.installment"
    stats = []

    def worker():
        calls = retries = 0
        # a worker whose claim meets another's newer one gets a serialization
        # error, which the database layer logs with the whole statement
        with registry.cursor() as cr, mute_logger("odoo.sql_db"):
            wenv = api.Environment(cr, SUPERUSER_ID, {})
            while calls < 1000:
                calls += 1
                try:
                    _done, remaining = wenv[model]._cron_send_reminders(
                        batch_size=args.batch_size
                    )
                    cr.commit()
                except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                    # what the cron runner does: roll back, try again later
                    cr.rollback()
                    wenv.invalidate_all()
                    retries += 1
                    continue
                if not remaining:
                    break
        stats.append((calls, retries))

    start = time.perf_counter()
    threads = [threading.Thread(target=worker) for _i in range(args.workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    try:
        installments = SQL(
            "SELECT id FROM crm_contract_installment WHERE contract_id = ANY(%s)", ids
        )
        [(logged, activities, twice, log_twice)] = env.execute_query(
            SQL(
                """
                SELECT (SELECT count(*) FROM crm_reminder
                         WHERE res_model = %(model)s AND res_id IN (%(inst)s)),
                       (SELECT count(*) FROM mail_activity
                         WHERE res_model = %(model)s AND res_id IN (%(inst)s)),
                       (SELECT count(*) FROM (
                            SELECT 1 FROM mail_activity
                             WHERE res_model = %(model)s AND res_id IN (%(inst)s)
                             GROUP BY res_id, user_id, activity_type_id
                            HAVING count(*) > 1) d),
                       (SELECT count(*) FROM (
                            SELECT 1 FROM crm_reminder
                             WHERE res_model = %(model)s AND res_id IN (%(inst)s)
                             GROUP BY res_id, key, user_id
                            HAVING count(*) > 1) d)
                """,
                model=model,
                inst=installments,
            )
        )
        print(
            f"{args.workers} workers, {n_installments} installments: {logged} "
            f"reminders logged, {activities} activities in {seconds:.2f} s; "
            f"(calls, retries after a concurrency error) per worker: {stats}"
        )
        ok = logged == activities == args.due and not twice and not log_twice
        print("sent twice:", twice, "| logged twice:", log_twice)
        print("result:", "OK" if ok else "FAILED")
    finally:
        # the seeded data was committed: take it away again
        for query in (
            "DELETE FROM mail_activity WHERE res_model = %(model)s"
            " AND res_id IN (%(inst)s)",
            "DELETE FROM crm_reminder WHERE res_model = %(model)s"
            " AND res_id IN (%(inst)s)",
            "DELETE FROM crm_contract_installment WHERE contract_id = ANY(%(ids)s)",
            "DELETE FROM crm_contract WHERE id = ANY(%(ids)s)",
        ):
            env.execute_query(SQL(query, model=model, inst=installments, ids=ids))
        env.invalidate_all()
        partner.action_archive()
        users.action_archive()
        env.cr.commit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--installments", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--keep", action="store_true", help="commit the seeded data")
    parser.add_argument(
        "--profile",
        type=int,
        nargs="?",
        const=25,
        metavar="N",
        help="profile the first run with cProfile and print its top N lines",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        metavar="N",
        help="instead: N workers run the job at the same time on committed data "
        "(each with its own connection, committing after each call as the cron "
        "runner does); checks that nothing was sent twice, then deletes the data",
    )
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        t0 = time.perf_counter()
        if args.workers:
            return race(registry, env, args)
        n_contracts, n_installments, *_seeded = seed(env, args.installments, args.due)
        seed_seconds = time.perf_counter() - t0
        if args.profile:
            profiler = cProfile.Profile()
            first = profiler.runcall(run_job, env, args.batch_size)
        else:
            first = run_job(env, args.batch_size)
        second = run_job(env, args.batch_size)
        rows = [
            (
                "seed",
                f"{n_contracts} contracts, {n_installments} installments",
                seed_seconds,
                "",
                "",
            ),
            (
                "run 1",
                f"{first[1]} reminders in {first[2]} calls",
                first[0],
                f"{first[1] / first[0]:.0f}/s",
                "target >= 500/s",
            ),
            (
                "run 2",
                f"{second[1]} reminders in {second[2]} calls",
                second[0],
                "",
                "target 0 in < 0.5 s",
            ),
        ]
        print(f"{'step':<6} | {'work':<42} | {'seconds':>8} | {'rate':>8} | note")
        print("-" * 90)
        for step, work, seconds, rate, note in rows:
            print(f"{step:<6} | {work:<42} | {seconds:>8.2f} | {rate:>8} | {note}")
        ok = first[1] / first[0] >= 500 and second[1] == 0 and second[0] < 0.5
        print("result:", "OK" if ok else "BELOW TARGET")
        if args.profile:
            for sort in ("cumulative", "tottime"):
                print(f"\nprofile of run 1 (wall clock, profiler overhead), by {sort}:")
                pstats.Stats(profiler).sort_stats(sort).print_stats(args.profile)
        if args.keep:
            cr.commit()
        else:
            cr.rollback()


if __name__ == "__main__":
    main()
