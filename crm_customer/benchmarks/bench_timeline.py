"""Benchmark of the customer's timeline (not a test).

Seeds one customer with ``--items`` timeline items (follow-up notes, and the
contracts, receipts, service requests and visits, work logs and tasks of the
addons installed),
half of the records owned by a colleague the salesperson does not see, and
``--background`` items of the same kinds over ``--others`` other customers,
with batched SQL (each row a copy of a record made with the ORM, with its
own number, date, owner and customer). Then it measures the first page of the
timeline (``crm_timeline(limit=21)``, as the web client asks) for each role,
``--runs`` times after a warm-up: p50 and p95 in ms, and the items shown.

Everything is rolled back unless --keep.

    .venv/bin/python crm_customer/benchmarks/bench_timeline.py \\
        -c .run/odoo.conf -d <database with the suite installed>
"""

import argparse
import statistics
import time
from datetime import date, datetime

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL, config

SALES = "crm_masterdata.crm_masterdata_group_sales_"


def columns(env, table):
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id'",
        (table,),
    )
    return [row[0] for row in env.cr.fetchall()]


def clone(env, record, count, overrides):
    """Insert ``count`` copies of ``record`` with batched SQL; ``overrides``
    maps a column to an SQL expression of the series index ``g`` (0-based)."""
    if count <= 0:
        return []
    env.flush_all()
    table = record._table
    cols = columns(env, table)
    select = [
        SQL(overrides[col]) if col in overrides else SQL.identifier("t", col)
        for col in cols
    ]
    env.cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s t, generate_series(0, %s) g "
            "WHERE t.id = %s RETURNING id",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(col) for col in cols),
            SQL(", ").join(select),
            SQL.identifier(table),
            count - 1,
            record.id,
        )
    )
    return [row[0] for row in env.cr.fetchall()]


def seed_contracts(env, ctx):
    customer = ctx["customer"]
    other_ids = ctx["other_ids"]
    n_items = ctx["n_items"]
    n_background = ctx["n_background"]
    stamp = ctx["stamp"]
    share = ctx["share"]
    pick = ctx["pick"]
    owner = ctx["owner"]
    seeded = ctx["seeded"]
    rep = ctx["users"]["rep"]
    contract = env["crm.contract"].create(
        {"partner_id": customer.id, "user_id": rep.id, "title": "BENCH"}
    )
    for partners, total, tag in (
        ([customer.id], n_items, "T"),
        (other_ids, n_background, "O"),
    ):
        n = share("contract", total)
        clone(
            env,
            contract,
            n,
            {
                "name": f"'BENCH-{tag}-{stamp}-' || g",
                "partner_id": pick(partners),
                "user_id": owner,
                "date_signed": "current_date - mod(g, 2000)",
            },
        )
        seeded.setdefault("contract", []).append(n)


def seed_receipts(env, ctx):
    customer = ctx["customer"]
    other_ids = ctx["other_ids"]
    n_items = ctx["n_items"]
    n_background = ctx["n_background"]
    stamp = ctx["stamp"]
    share = ctx["share"]
    pick = ctx["pick"]
    owner = ctx["owner"]
    seeded = ctx["seeded"]
    rep = ctx["users"]["rep"]
    method = env["crm.payment.method"].create(
        {"name": f"BENCH {stamp}", "code": f"B{stamp}", "kind": "bank"}
    )
    receipt = env["crm.receipt"].create(
        {
            "partner_id": customer.id,
            "user_id": rep.id,
            "amount": 100.0,
            "date": date.today(),
            "payment_method_id": method.id,
        }
    )
    for partners, total, tag in (
        ([customer.id], n_items, "T"),
        (other_ids, n_background, "O"),
    ):
        n = share("receipt", total)
        clone(
            env,
            receipt,
            n,
            {
                "name": f"'BENCH-{tag}-{stamp}-' || g",
                "partner_id": pick(partners),
                "user_id": owner,
                "date": "current_date - mod(g, 2000)",
            },
        )
        seeded.setdefault("receipt", []).append(n)


def seed_service(env, ctx):
    customer = ctx["customer"]
    target_ids = ctx["target_ids"]
    other_ids = ctx["other_ids"]
    n_items = ctx["n_items"]
    n_background = ctx["n_background"]
    stamp = ctx["stamp"]
    share = ctx["share"]
    pick = ctx["pick"]
    seeded = ctx["seeded"]
    users = ctx["users"]
    rep2 = ctx["users"]["rep2"]
    agent = users["agent"]
    request = env["crm.service.request"].create(
        {
            "title": "BENCH",
            "partner_id": customer.id,
            "user_id": agent.id,
            "type_id": env.ref("crm_service.crm_service_type_remote").id,
        }
    )
    visit = env["crm.service.visit"].create(
        {
            "request_id": request.id,
            "date": datetime.now(),
            "user_id": agent.id,
            "satisfaction": "satisfied",
            "feedback": "BENCH",
        }
    )
    agent_owner = f"CASE WHEN mod(g, 2) = 0 THEN {agent.id} ELSE {rep2.id} END"
    for partners, total, tag in (
        (target_ids, n_items, "T"),
        (other_ids, n_background, "O"),
    ):
        n = share("request", total)
        clone(
            env,
            request,
            n,
            {
                "name": f"'BENCH-{tag}-{stamp}-' || g",
                "partner_id": pick(partners),
                "user_id": agent_owner,
                "handler_id": "NULL",
                "create_date": "now() at time zone 'UTC' - g * interval '3 hours'",
            },
        )
        seeded.setdefault("request", []).append(n)
    n = share("visit", n_items)
    clone(
        env,
        visit,
        n,
        {"date": "now() at time zone 'UTC' - g * interval '5 hours'"},
    )
    seeded["visit"] = [n, 0]


def seed_work(env, ctx):
    """Work logs and tasks linked to the customer (and to the others)."""
    customer, other_ids = ctx["customer"], ctx["other_ids"]
    share, pick, seeded = ctx["share"], ctx["pick"], ctx["seeded"]
    users = ctx["users"]
    rep, rep2 = users["rep"], users["rep2"]
    work = "crm_worklog.crm_worklog_group_"
    for key, level in (
        ("rep", "own"),
        ("rep2", "own"),
        ("mgr", "department"),
        ("director", "all"),
    ):
        users[key].groups_id = [(4, env.ref(work + level).id)]
    log = env["crm.work.log"].create(
        {
            "kind": "daily",
            "date": date(2000, 1, 1),
            "user_id": rep.id,
            "done": "<p>BENCH visited the customer</p>",
            "partner_ids": [(6, 0, customer.ids)],
        }
    )
    task = env["crm.work.task"].create(
        {
            "name": "BENCH task",
            "user_id": rep.id,
            "partner_ids": [(6, 0, customer.ids)],
        }
    )
    # one log a day per author and kind: (user, kind, date) stay unique
    kinds = "(ARRAY['daily', 'weekly', 'monthly'])[1 + mod(g, 3)]"
    for partners, total, start in (
        ([customer.id], ctx["n_items"], 0),
        (other_ids, ctx["n_background"], 0),
    ):
        for model, record, rel, col, kind_values in (
            (
                "log",
                log,
                "crm_work_log_partner_rel",
                "log_id",
                {
                    "kind": kinds,
                    "date": f"current_date - {start} - (g / 6)",
                    "user_id": f"CASE WHEN mod(g / 3, 2) = 0 THEN {rep.id} "
                    f"ELSE {rep2.id} END",
                },
            ),
            (
                "task",
                task,
                "crm_work_task_partner_rel",
                "task_id",
                {
                    "user_id": ctx["owner"],
                    "create_date": "now() at time zone 'UTC' - g * interval '7 hours'",
                },
            ),
        ):
            ids = clone(env, record, share(model, total), kind_values)
            env.cr.execute(
                SQL(
                    "INSERT INTO %s (%s, partner_id) "
                    "SELECT id, %s FROM unnest(%s::int[]) WITH ORDINALITY AS u(id, g)",
                    SQL.identifier(rel),
                    SQL.identifier(col),
                    SQL(pick(partners)),
                    ids,
                )
            )
            seeded.setdefault(model, []).append(len(ids))
    for table in (
        "crm_work_log",
        "crm_work_task",
        "crm_work_log_partner_rel",
        "crm_work_task_partner_rel",
    ):
        env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))


def seed(env, n_items, n_background, n_others):
    stamp = time.time_ns()
    company = env.company
    dept = env["hr.department"].create({"name": f"BENCH Timeline {stamp}"})
    base_user = env.ref("base.group_user")

    def user(key, groups):
        new = (
            env["res.users"]
            .with_context(no_reset_password=True, mail_create_nolog=True)
            .create(
                {
                    "name": f"BENCH {key}",
                    "login": f"bench_tl_{key}_{stamp}",
                    "company_id": company.id,
                    "company_ids": [(6, 0, company.ids)],
                    "groups_id": [(6, 0, [base_user.id] + [g.id for g in groups])],
                }
            )
        )
        env["hr.employee"].create(
            {"name": new.name, "user_id": new.id, "department_id": dept.id}
        )
        return new

    users = {
        "rep": user("rep", [env.ref(SALES + "own")]),
        "rep2": user("rep2", [env.ref(SALES + "own")]),
        "mgr": user("mgr", [env.ref(SALES + "department")]),
        "director": user("director", [env.ref(SALES + "all")]),
    }
    has = {
        "contract": "crm.contract" in env,
        "receipt": "crm.receipt" in env,
        "service": "crm.service.request" in env,
        "work": "crm.work.log" in env,
    }
    if has["service"]:
        users["agent"] = user("agent", [env.ref("crm_service.crm_service_group_own")])
    if has["receipt"]:
        users["clerk"] = user(
            "clerk", [env.ref("crm_finance_light.crm_finance_light_group_all")]
        )
    rep, rep2 = users["rep"], users["rep2"]
    Partner = env["res.partner"].with_context(mail_create_nolog=True)
    customer = Partner.create(
        {
            "name": f"BENCH Timeline Customer {stamp}",
            "is_company": True,
            "crm_is_customer": True,
            "user_id": rep.id,
            "child_ids": [(0, 0, {"name": f"BENCH Contact {i}"}) for i in range(3)],
        }
    )
    others = Partner.create(
        [
            {
                "name": f"BENCH Other {i} {stamp}",
                "is_company": True,
                "crm_is_customer": True,
                "user_id": (rep if i % 2 else rep2).id,
            }
            for i in range(n_others)
        ]
    )
    target_ids = [customer.id] + customer.child_ids.ids
    other_ids = others.ids

    # the share of each kind of item
    kinds = ["message"]
    if has["contract"]:
        kinds.append("contract")
    if has["receipt"]:
        kinds.append("receipt")
    if has["service"]:
        kinds += ["request", "visit"]
    if has["work"]:
        kinds += ["log", "task"]
    weights = {
        "message": 4,
        "contract": 2,
        "receipt": 2,
        "request": 2,
        "visit": 1,
        "log": 3,
        "task": 1,
    }
    total_weight = sum(weights[k] for k in kinds)

    def share(kind, total):
        return total * weights[kind] // total_weight

    def pick(ids):
        return f"(ARRAY{ids})[1 + mod(g, {len(ids)})]"

    owner = f"CASE WHEN mod(g, 2) = 0 THEN {rep.id} ELSE {rep2.id} END"
    seeded = {}
    # follow-up notes
    note = customer.message_post(
        body="BENCH note", message_type="comment", subtype_xmlid="mail.mt_note"
    )
    for partners, total in ((target_ids, n_items), (other_ids, n_background)):
        n = share("message", total) - (1 if partners is target_ids else 0)
        clone(
            env,
            note,
            n,
            {
                "res_id": pick(partners),
                "date": "now() at time zone 'UTC' - g * interval '37 minutes'",
                "message_id": "NULL",
            },
        )
        seeded.setdefault("message", []).append(n)
    ctx = {
        "customer": customer,
        "target_ids": target_ids,
        "other_ids": other_ids,
        "n_items": n_items,
        "n_background": n_background,
        "stamp": stamp,
        "share": share,
        "pick": pick,
        "owner": owner,
        "seeded": seeded,
        "users": users,
    }
    if has["contract"]:
        seed_contracts(env, ctx)
    if has["receipt"]:
        seed_receipts(env, ctx)
    if has["service"]:
        seed_service(env, ctx)
    if has["work"]:
        seed_work(env, ctx)
    # as autovacuum would: the rows above, and the notifications the users
    # got while being created and given customers
    tables = ["mail_message", "mail_message_res_partner_rel", "mail_notification"]
    tables += ["res_partner"]
    tables += ["crm_contract"] if has["contract"] else []
    tables += ["crm_receipt"] if has["receipt"] else []
    tables += ["crm_service_request", "crm_service_visit"] if has["service"] else []
    for table in tables:
        env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    env.registry.clear_cache()
    return customer, users, seeded


def first_page(env, customer, user, runs):
    times = []
    partner = customer.with_user(user).with_context(lang="en_US", tz="Asia/Shanghai")
    items = []
    for _i in range(runs):
        env.invalidate_all()
        start = time.perf_counter()
        items = partner.crm_timeline(limit=21)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    kinds = {}
    for item in items:
        kinds[item["kind"]] = kinds.get(item["kind"], 0) + 1
    return (
        statistics.median(times),
        times[max(0, int(len(times) * 0.95) - 1)],
        len(items),
        kinds,
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--background", type=int, default=200000)
    parser.add_argument("--others", type=int, default=500)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        t0 = time.perf_counter()
        customer, users, seeded = seed(env, args.items, args.background, args.others)
        print(
            f"seeded in {time.perf_counter() - t0:.1f}s, per kind "
            f"[the customer, {args.others} other customers]: {seeded}"
        )
        roles = [
            ("unrestricted (superuser)", env.user),
            ("administrator", env.ref("base.user_admin")),
            ("director (sales All)", users["director"]),
            ("manager (sales Department)", users["mgr"]),
            ("owner (sales Own)", users["rep"]),
        ]
        if "agent" in users:
            roles.append(("service agent (service Own)", users["agent"]))
        if "clerk" in users:
            roles.append(("finance clerk (finance All)", users["clerk"]))
        for _label, user in roles:
            first_page(env, customer, user, 2)  # warm every role's caches
        print(f"{'role':32} {'p50 ms':>8} {'p95 ms':>8} {'items':>6}  kinds")
        for label, user in roles:
            p50, p95, count, kinds = first_page(env, customer, user, args.runs)
            print(f"{label:32} {p50:8.1f} {p95:8.1f} {count:6d}  {kinds}")
        if not args.keep:
            cr.rollback()
        else:
            cr.commit()


if __name__ == "__main__":
    main()
