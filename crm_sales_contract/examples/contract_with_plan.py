#!/usr/bin/env python3
"""A contract with a payment plan, confirmed, over XML-RPC (crm_sales_contract).

    python3 contract_with_plan.py [URL DB LOGIN PASSWORD]

Defaults: ``./crm serve``'s demo database as the salesperson sales1_rep1; or
CRM_URL, CRM_DB, CRM_LOGIN, CRM_PASSWORD; CRM_CUSTOMER_ID and CRM_PRODUCT_ID
choose the customer and the product (default: the caller's first customer and
the first product that has a price). Three equal installments 30 days apart
(``crm.contract.crm_generate_plan``), then Confirm, or Submit for approval when
the contract needs it (a discount below the floor price, a large amount...).
"""

# a script: it says what it did on stdout
# pylint: disable=print-used
import os
import sys
import xmlrpc.client


def settings(argv, login):
    """URL, database, login and password: from argv, else the environment
    (CRM_URL, CRM_DB, CRM_LOGIN, CRM_PASSWORD), else ``./crm serve``'s demo
    database (password = login)."""
    args = list(argv[1:5])
    url = (
        args[0] if len(args) > 0 else os.environ.get("CRM_URL", "http://localhost:8069")
    )
    db = args[1] if len(args) > 1 else os.environ.get("CRM_DB", "crm_demo")
    login = args[2] if len(args) > 2 else os.environ.get("CRM_LOGIN", login)
    password = args[3] if len(args) > 3 else os.environ.get("CRM_PASSWORD", login)
    return url, db, login, password


def connect(url, db, login, password, lang=None):
    """Log in; returns ``call(model, method, *args, **kwargs)``. ``lang`` (or
    CRM_LANG, e.g. zh_CN): the language of the answers and error messages."""
    lang = lang or os.environ.get("CRM_LANG")
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, login, password, {})
    if not uid:
        raise SystemExit(f"{login} cannot log in to {db} on {url}")
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")

    def call(model, method, *args, **kwargs):
        if lang:  # errors and texts in this language (e.g. zh_CN)
            kwargs.setdefault("context", {})["lang"] = lang
        return models.execute_kw(db, uid, password, model, method, list(args), kwargs)

    call.uid = uid
    return call


def main(url, db, login, password, customer_id=None, product_id=None):
    call = connect(url, db, login, password)
    customer_id = customer_id or int(os.environ.get("CRM_CUSTOMER_ID", 0))
    if not customer_id:
        customer_id = call(
            "res.partner",
            "search",
            [
                ("crm_is_customer", "=", True),
                ("is_company", "=", True),
                ("user_id", "=", call.uid),
            ],
            limit=1,
        )[0]
    product_id = product_id or int(os.environ.get("CRM_PRODUCT_ID", 0))
    if not product_id:
        product_id = call(
            "product.product", "search", [("list_price", ">", 0)], limit=1
        )[0]
    [product] = call("product.product", "read", [product_id], ["list_price"])
    contract_id = call(
        "crm.contract",
        "create",
        {
            "partner_id": customer_id,
            "title": "办公设备采购",
            "line_ids": [
                (
                    0,
                    0,
                    {
                        "product_id": product_id,
                        "quantity": 3,
                        "price_unit": product["list_price"],
                    },
                ),
            ],
        },
    )
    plan = call(
        "crm.contract", "crm_generate_plan", [contract_id], count=3, interval_days=30
    )
    [contract] = call(
        "crm.contract",
        "read",
        [contract_id],
        ["name", "amount_total", "needs_approval"],
    )
    print(
        f"Contract {contract['name']} (id {contract_id}), "
        f"total {contract['amount_total']}"
    )
    for installment in plan:
        print(
            f"  {installment['name']}: {installment['amount']} "
            f"due {installment['due_date']}"
        )
    if contract["needs_approval"]:
        call("crm.contract", "action_submit", [contract_id])
    else:
        call("crm.contract", "action_confirm", [contract_id])
    [contract] = call("crm.contract", "read", [contract_id], ["state"])
    print(f"  state: {contract['state']}")
    return {
        "contract_id": contract_id,
        "state": contract["state"],
        "installments": plan,
    }


if __name__ == "__main__":
    main(*settings(sys.argv, "sales1_rep1"))
