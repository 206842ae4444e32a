"""Benchmark of crm_finance_light (not a test: run it by hand, see
readme/DEVELOP.md).

Usage::

    .venv/bin/python crm_finance_light/benchmarks/bench_finance.py \
        -c .run/odoo.conf -d <database with crm_finance_light> [--keep]

Seeds, with batched ``INSERT ... SELECT generate_series`` statements:

1. one customer with 10,000 documents (5,000 confirmed contracts and 5,000
   confirmed receipts over four years), then times the statement of that
   customer over the whole period (data) and its printable HTML;
2. 1,000,000 vouchers and contract lines for the operating-status report
   (200,000 contracts with 400,000 lines, 250,000 receipts, 150,000 expenses),
   then times the report grouped by month and department, by quarter and
   salesperson, and the one-screen summary of a year.

Everything is rolled back at the end unless ``--keep`` is given.
"""

import argparse
import time
from datetime import date

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def seed_statement(env, partner, user, method, product):
    env.execute_query(
        SQL(
            """
            INSERT INTO crm_contract (name, kind, partner_id, user_id, company_id,
                   currency_id, state, date_signed, amount_total, amount_untaxed,
                   cost_total, was_confirmed, create_uid, write_uid, create_date,
                   write_date)
            SELECT 'BST-' || g, 'contract', %(partner)s, %(user)s, %(company)s,
                   %(currency)s, 'confirmed', DATE '2021-01-01' + (mod(g, 1460)),
                   1000 + mod(g, 97), 900 + mod(g, 97), 500, TRUE, 1, 1, now(), now()
              FROM generate_series(1, 5000) g
            """,
            partner=partner.id,
            user=user.id,
            company=env.company.id,
            currency=env.company.currency_id.id,
        )
    )
    env.execute_query(
        SQL(
            """
            INSERT INTO crm_receipt (name, partner_id, user_id, company_id,
                   currency_id, state, date, amount, allocated_amount,
                   unallocated_amount, payment_method_id, was_confirmed,
                   create_uid, write_uid, create_date, write_date)
            SELECT 'BSR-' || g, %(partner)s, %(user)s, %(company)s, %(currency)s,
                   'confirmed', DATE '2021-01-01' + (mod(g, 1460)), 900, 0, 900,
                   %(method)s, TRUE, 1, 1, now(), now()
              FROM generate_series(1, 5000) g
            """,
            partner=partner.id,
            user=user.id,
            company=env.company.id,
            currency=env.company.currency_id.id,
            method=method.id,
        )
    )


def seed_operating(env, partners, users, departments, method, product, categories):
    params = {
        "company": env.company.id,
        "currency": env.company.currency_id.id,
        "method": method.id,
        "product": product.id,
        "partners": partners.ids,
        "users": users.ids,
        "departments": departments.ids,
        "categories": categories.ids,
        "np": len(partners),
        "nu": len(users),
        "nc": len(categories),
    }
    env.execute_query(
        SQL(
            """
            INSERT INTO crm_contract (name, kind, partner_id, user_id, department_id,
                   company_id, currency_id, state, date_signed, amount_total,
                   amount_untaxed, cost_total, was_confirmed, create_uid, write_uid,
                   create_date, write_date)
            SELECT 'BOC-' || g, 'contract',
                   (%(partners)s::int[])[1 + mod(g, %(np)s)],
                   (%(users)s::int[])[1 + mod(g, %(nu)s)],
                   (%(departments)s::int[])[1 + mod(g, %(nu)s)],
                   %(company)s, %(currency)s, 'confirmed',
                   DATE '2022-01-01' + (mod(g, 1095)), 2000, 1800, 1100, TRUE, 1, 1,
                   now(), now()
              FROM generate_series(1, 200000) g
            """,
            **params,
        )
    )
    env.execute_query(
        SQL(
            """
            INSERT INTO crm_contract_line (contract_id, name, product_id, quantity,
                   price_unit, price_subtotal, cost_unit, cost_subtotal, company_id,
                   currency_id, create_uid, write_uid, create_date, write_date)
            SELECT c.id, 'line', %(product)s, 1, 1000, 1000, 550, 550, c.company_id,
                   c.currency_id, 1, 1, now(), now()
              FROM crm_contract c CROSS JOIN generate_series(1, 2)
             WHERE left(c.name, 4) = 'BOC-'
            """,
            **params,
        )
    )
    env.execute_query(
        SQL(
            """
            INSERT INTO crm_receipt (name, partner_id, user_id, department_id,
                   company_id, currency_id, state, date, amount, allocated_amount,
                   unallocated_amount, payment_method_id, was_confirmed, create_uid,
                   write_uid, create_date, write_date)
            SELECT 'BOR-' || g, (%(partners)s::int[])[1 + mod(g, %(np)s)],
                   (%(users)s::int[])[1 + mod(g, %(nu)s)],
                   (%(departments)s::int[])[1 + mod(g, %(nu)s)],
                   %(company)s, %(currency)s, 'confirmed',
                   DATE '2022-01-01' + (mod(g, 1095)), 1500, 0, 1500, %(method)s, TRUE,
                   1, 1, now(), now()
              FROM generate_series(1, 250000) g
            """,
            **params,
        )
    )
    env.execute_query(
        SQL(
            """
            INSERT INTO crm_expense (name, description, category_id, amount,
                   payee_type, payee_name, user_id, department_id, company_id,
                   currency_id, state, date, payment_method_id, create_uid,
                   write_uid, create_date, write_date)
            SELECT 'BOE-' || g, 'bench', (%(categories)s::int[])[1 + mod(g, %(nc)s)],
                   80, 'other', 'bench', (%(users)s::int[])[1 + mod(g, %(nu)s)],
                   (%(departments)s::int[])[1 + mod(g, %(nu)s)],
                   %(company)s, %(currency)s, 'paid',
                   DATE '2022-01-01' + (mod(g, 1095)), %(method)s, 1, 1, now(), now()
              FROM generate_series(1, 150000) g
            """,
            **params,
        )
    )
    env.cr.execute("ANALYZE crm_contract, crm_contract_line, crm_receipt, crm_expense")


def timed(label, func, repeat=3):
    best = None
    result = None
    for _i in range(repeat):
        start = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"{label}: best of {repeat} = {best:.3f} s")
    return result, best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--keep", action="store_true", help="commit the seeded data")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env.company
        Partner = env["res.partner"]
        customer = Partner.create(
            {
                "name": "Bench Statement Customer",
                "is_company": True,
                "crm_is_customer": True,
            }
        )
        user = env.ref("base.user_admin")
        method = env["crm.payment.method"].create(
            {"name": "Bench Bank", "code": "BENCHB"}
        )
        product = env["product.product"].create({"name": "Bench Product"})
        t0 = time.perf_counter()
        seed_statement(env, customer, user, method, product)
        print(f"seeded 10,000 statement documents in {time.perf_counter() - t0:.1f} s")
        wizard = env["crm.partner.statement"].create(
            {
                "partner_id": customer.id,
                "kind": "customer",
                "date_from": date(2022, 1, 1),
                "date_to": date(2024, 12, 31),
            }
        )
        data, best_data = timed(
            "statement data (10,000 documents, 7,082 in the period)",
            wizard._crm_statement_data,
        )
        print(
            f"  lines {len(data['lines'])}, opening {data['opening']:.2f}, "
            f"closing {data['closing']:.2f}"
        )
        _html, best_html = timed(
            "statement printable HTML (_render_qweb_html)",
            lambda: env["ir.actions.report"]._render_qweb_html(
                "crm_finance_light.report_partner_statement", wizard.ids
            ),
            repeat=1,
        )

        partners = Partner.create(
            [
                {
                    "name": f"Bench Customer {i}",
                    "is_company": True,
                    "crm_is_customer": True,
                }
                for i in range(200)
            ]
        )
        departments = env["hr.department"].create(
            [{"name": f"Bench Dept {i}", "company_id": company.id} for i in range(10)]
        )
        users = env["res.users"].create(
            [{"name": f"Bench Rep {i}", "login": f"bench_rep_{i}"} for i in range(10)]
        )
        categories = env["crm.expense.category"].create(
            [{"name": f"Bench Category {i}", "code": f"BENCHC{i}"} for i in range(8)]
        )
        t0 = time.perf_counter()
        seed_operating(env, partners, users, departments, method, product, categories)
        print(
            "seeded 1,000,000 vouchers and contract lines (200,000 contracts, 400,000 "
            "lines, 250,000 receipts, 150,000 expenses) in "
            f"{time.perf_counter() - t0:.1f} s"
        )
        env.invalidate_all()
        Report = env["crm.operating.report"]
        aggregates = [
            "contract_count:sum",
            "signed_amount:sum",
            "received_amount:sum",
            "receivable_amount:sum",
            "overdue_amount:sum",
            "purchase_amount:sum",
            "expense_amount:sum",
            "profit:sum",
        ]
        groups, best_month = timed(
            "operating report by month x department (_read_group)",
            lambda: Report._read_group(
                [("company_id", "=", company.id)],
                ["date:month", "department_id"],
                aggregates,
            ),
        )
        print(f"  {len(groups)} groups")
        _groups, best_quarter = timed(
            "operating report by quarter x salesperson",
            lambda: Report._read_group(
                [("company_id", "=", company.id)],
                ["date:quarter", "user_id"],
                aggregates,
            ),
        )
        _groups, best_year = timed(
            "operating report of one year by expense category",
            lambda: Report._read_group(
                [("date", ">=", "2023-01-01"), ("date", "<=", "2023-12-31")],
                ["expense_category_id"],
                ["expense_amount:sum"],
            ),
        )
        summary = env["crm.operating.summary"].new(
            {"period": "year", "date": date(2023, 6, 1)}
        )
        _x, best_summary = timed(
            "one-screen summary of a year (its sums)",
            lambda: summary._crm_figures(date(2023, 1, 1), date(2023, 12, 31)),
        )
        print(
            f"RESULT statement_data={best_data:.3f}s statement_html={best_html:.3f}s "
            f"operating_month_dept={best_month:.3f}s "
            f"operating_quarter_user={best_quarter:.3f}s "
            f"operating_year_category={best_year:.3f}s summary={best_summary:.3f}s"
        )
        if args.keep:
            cr.commit()
        else:
            cr.rollback()


if __name__ == "__main__":
    main()
