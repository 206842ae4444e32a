"""Benchmark of the documents (not a test).

Seeds ``--documents`` documents, with their indexed file text, over
``--users`` users in ``--departments`` departments (a two-level tree, each
department managed by its first member) with batched SQL, then measures, as
each role, ``--runs`` times (p50 and p95 in ms):

* a keyword search within scope: the list's first page (80 rows) and its
  count, as the web client asks them (``web_search_read`` with the
  ``keyword`` filter over the title, the summary and the files' text), for a
  rare keyword (0.5% of the documents), a common one (20%) and one of two
  characters (a trigram needs three: no index helps it);
* the first page of "My documents" (``[('user_id', '=', uid)]``).

Roles: Own (an author), Own and Subordinates (a department manager),
Department (a department manager), Department Tree (the manager of a
top-level department), All (the director), Knowledge Manager, and the
unrestricted superuser for reference. Everything is rolled back unless
--keep.

    .venv/bin/python crm_docs/benchmarks/bench_docs.py \\
        -c .run/odoo.conf -d <database with crm_docs installed> \\
        --documents 100000 --users 2000
"""

import argparse
import random
import statistics
import time

from psycopg2.extras import execute_values

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.tools import config

SCOPE = ("subordinates", "department", "department_tree", "all")
RARE = "租赁续约方案"
COMMON = "维修保养记录"
SHORT = "合同"
SPEC = {
    "date": {},
    "name": {},
    "category_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "kb_state": {},
    "grade": {},
    "file_count": {},
}
CHARS = (
    "客户销售服务合同回款发票设备复印机打印耗材碳粉硒鼓维修保养安装培训渠道"
    "代理价格折扣库存仓库采购供应商投诉回访满意度市场活动方案报告总结经验流程"
    "规范制度质量检查华东华南华北上海北京广州深圳杭州南京苏州季度年度月度计划"
    "目标任务完成情况分析问题改进建议会议纪要拜访记录需求跟进商机项目交付验收"
)


def words(rng, n):
    out = []
    for _i in range(n):
        size = rng.choice((2, 2, 3, 4))
        start = rng.randrange(0, len(CHARS) - size)
        out.append(CHARS[start : start + size])
    return "".join(out)


def seed(env, n_docs, n_users, n_departments, rng):
    stamp = time.time_ns()
    company = env.company
    group = env.ref
    top_count = max(1, n_departments // 10)
    Department = env["hr.department"].with_context(mail_create_nolog=True)
    tops = Department.create(
        [{"name": f"BENCH Docs Top {i} {stamp}"} for i in range(top_count)]
    )
    subs = Department.create(
        [
            {
                "name": f"BENCH Docs {i} {stamp}",
                "parent_id": tops[i % top_count].id,
            }
            for i in range(n_departments - top_count)
        ]
    )
    departments = tops | subs
    own = group("crm_docs.crm_docs_group_own")
    users = (
        env["res.users"]
        .with_context(no_reset_password=True, mail_create_nolog=True)
        .create(
            [
                {
                    "name": f"BENCH Docs User {i}",
                    "login": f"bench_docs_{i}_{stamp}",
                    "company_id": company.id,
                    "company_ids": [(6, 0, company.ids)],
                    "groups_id": [(6, 0, [own.id, group("base.group_user").id])],
                }
                for i in range(n_users)
            ]
        )
    )
    dept_of = {}
    employees = env["hr.employee"].with_context(mail_create_nolog=True)
    managers = {}
    for i, user in enumerate(users):
        department = departments[i % len(departments)]
        dept_of[user.id] = department.id
        employee = employees.create(
            {
                "name": user.name,
                "user_id": user.id,
                "department_id": department.id,
                "parent_id": managers[department.id].id
                if department.id in managers
                else False,
            }
        )
        if department.id not in managers:
            managers[department.id] = employee
            department.manager_id = employee
    by_level = {
        "own": users[len(departments) + 7],
        "subordinates": managers[subs[0].id].user_id,
        "department": managers[subs[1].id].user_id,
        "department_tree": managers[tops[0].id].user_id,
        "all": users[len(departments) + 8],
        "knowledge manager": users[len(departments) + 9],
    }
    by_level["subordinates"].groups_id = [
        (4, group("crm_docs.crm_docs_group_subordinates").id)
    ]
    by_level["department"].groups_id = [
        (4, group("crm_docs.crm_docs_group_department").id)
    ]
    by_level["department_tree"].groups_id = [
        (4, group("crm_docs.crm_docs_group_department_tree").id)
    ]
    by_level["all"].groups_id = [(4, group("crm_docs.crm_docs_group_all").id)]
    by_level["knowledge manager"].groups_id = [
        (4, group("crm_docs.crm_docs_group_knowledge_manager").id)
    ]
    categories = env["crm.document.category"].create(
        [{"name": f"BENCH 分类 {i} {stamp}"} for i in range(20)]
    )
    env.flush_all()
    now = fields.Datetime.now()
    user_ids = users.ids
    rows = []
    for i in range(n_docs):
        uid = user_ids[i % len(user_ids)]
        kb = rng.random()
        kb_state = (
            "draft"
            if kb < 0.90
            else "submitted"
            if kb < 0.92
            else "published"
            if kb < 0.99
            else "expired"
        )
        vis = rng.random()
        visibility = (
            "company" if vis < 0.7 else "departments" if vis < 0.9 else "managers"
        )
        content = words(rng, 90)
        if rng.random() < 0.005:
            content += RARE
        if rng.random() < 0.2:
            content += COMMON
        title, summary = f"{words(rng, 3)} 文档 {i}", words(rng, 12)
        rows.append(
            (
                title,
                summary,
                content,
                "\n".join((title, summary, content)).lower(),
                fields.Date.subtract(now.date(), days=rng.randrange(0, 730)),
                categories[rng.randrange(len(categories))].id,
                uid,
                dept_of[uid],
                company.id,
                kb_state,
                visibility,
                rng.choice(("featured", "recommended", "ordinary"))
                if kb_state == "published"
                else None,
                rng.randrange(0, 50),
                rng.randrange(0, 10),
            )
        )
    cr = env.cr
    doc_ids = []
    for start in range(0, len(rows), 5000):
        doc_ids += [
            r[0]
            for r in execute_values(
                cr,
                """
                INSERT INTO crm_document
                    (name, summary, content_text, search_text, date, category_id,
                     user_id,
                     department_id, company_id, kb_state, visibility, grade,
                     view_count, download_count, file_count, active,
                     create_uid, create_date, write_uid, write_date)
                VALUES %s RETURNING id
                """,
                rows[start : start + 5000],
                template="(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
                " 1, true, 1, now() at time zone 'UTC', 1, now() at time zone 'UTC')",
                fetch=True,
            )
        ]
    shares, dept_shares, vis_depts = [], [], []
    for doc_id, row in zip(doc_ids, rows, strict=True):
        if rng.random() < 0.10:
            for uid in rng.sample(user_ids, 2):
                shares.append((doc_id, uid))
        if rng.random() < 0.03:
            dept_shares.append(
                (doc_id, departments[rng.randrange(len(departments))].id)
            )
        if row[9] == "published" and row[10] == "departments":
            vis_depts.append((doc_id, departments[rng.randrange(len(departments))].id))
    execute_values(
        cr,
        "INSERT INTO crm_document_share_user_rel (document_id, user_id) VALUES %s"
        " ON CONFLICT DO NOTHING",
        shares,
    )
    execute_values(
        cr,
        "INSERT INTO crm_document_share_department_rel (document_id, department_id)"
        " VALUES %s ON CONFLICT DO NOTHING",
        dept_shares,
    )
    execute_values(
        cr,
        "INSERT INTO crm_document_visibility_department_rel"
        " (document_id, department_id) VALUES %s ON CONFLICT DO NOTHING",
        vis_depts,
    )
    for table in (
        "crm_document",
        "crm_document_share_user_rel",
        "crm_document_share_department_rel",
        "crm_document_visibility_department_rel",
        "hr_employee",
        "hr_department",
    ):
        cr.execute(f"ANALYZE {table}")  # pylint: disable=sql-injection
    env.registry.clear_cache()
    return by_level


def seeded_roles(env):
    """The roles of the last seeded run (kept with --keep)."""
    users = env["res.users"].search([("login", "=like", "bench_docs_%")], order="id")
    stamp = users[-1].login.rsplit("_", 1)[1]
    users = users.filtered(lambda u: u.login.endswith(stamp))
    by_level = {}
    for key, xmlid in (
        ("subordinates", "crm_docs_group_subordinates"),
        ("department", "crm_docs_group_department"),
        ("department_tree", "crm_docs_group_department_tree"),
        ("all", "crm_docs_group_all"),
        ("knowledge manager", "crm_docs_group_knowledge_manager"),
    ):
        group = env.ref(f"crm_docs.{xmlid}")
        by_level[key] = users.filtered(
            lambda u, g=group, k=key: g in u.groups_id
            and u._crm_scope_level("docs") == (k if k in SCOPE else "own")
        )[:1]
    taken = set().union(*(u.ids for u in by_level.values()))
    by_level = {
        "own": users.filtered(
            lambda u: u.id not in taken and u._crm_scope_level("docs") == "own"
        )[7],
        **by_level,
    }
    return by_level


def measure(env, user, domain, runs):
    times = []
    Document = env["crm.document"].with_user(user)
    for _i in range(runs):
        env.invalidate_all()
        start = time.perf_counter()
        Document.web_search_read(domain, SPEC, limit=80, count_limit=10001)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--documents", type=int, default=100000)
    parser.add_argument("--users", type=int, default=2000)
    parser.add_argument("--departments", type=int, default=100)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="measure the documents seeded by an earlier run with --keep",
    )
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    rng = random.Random(args.seed)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if args.measure_only:
            by_level = seeded_roles(env)
            cr.execute("SELECT count(*) FROM crm_document")
            print(f"measuring the {cr.fetchone()[0]} documents seeded before")
        else:
            t0 = time.perf_counter()
            by_level = seed(env, args.documents, args.users, args.departments, rng)
            print(
                f"seeded {args.documents} documents with indexed text over "
                f"{args.users} users in {time.perf_counter() - t0:.1f}s"
            )
        cr.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'crm_document'"
            " AND indexdef LIKE '%gin_trgm_ops%' ORDER BY 1"
        )
        print("trigram indexes:", ", ".join(r[0] for r in cr.fetchall()) or "none")
        roles = [("unrestricted (superuser)", env.ref("base.user_root"))] + [
            (label, user) for label, user in by_level.items()
        ]
        searches = (
            (f"keyword {RARE} (0.5%)", [("keyword", "ilike", RARE)]),
            (f"keyword {COMMON} (20%)", [("keyword", "ilike", COMMON)]),
            (f"keyword {SHORT} (2 chars)", [("keyword", "ilike", SHORT)]),
        )
        for _label, user in roles:  # warm the caches of every role first
            measure(env, user, searches[0][1], 2)
        print(f"{'search':34} {'role':26} {'p50 ms':>8} {'p95 ms':>8}")
        for search_label, domain in searches:
            for label, user in roles:
                p50, p95 = measure(env, user, domain, args.runs)
                print(f"{search_label:34} {label:26} {p50:8.1f} {p95:8.1f}")
        for label, user in roles:
            p50, p95 = measure(env, user, [("user_id", "=", user.id)], args.runs)
            print(f"{'my documents, first page':34} {label:26} {p50:8.1f} {p95:8.1f}")
        if not args.keep:
            cr.rollback()
        else:
            cr.commit()


if __name__ == "__main__":
    main()
