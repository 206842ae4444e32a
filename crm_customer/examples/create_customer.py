#!/usr/bin/env python3
"""Create a customer with two contacts over XML-RPC (crm_customer).

    python3 create_customer.py [URL DB LOGIN PASSWORD]

Defaults: ``./crm serve``'s demo database (http://localhost:8069, crm_demo) as
the salesperson sales1_rep1; or CRM_URL, CRM_DB, CRM_LOGIN, CRM_PASSWORD.
The customer belongs to whoever creates it (a salesperson's own customer).
Only the standard library is used.
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


def main(url, db, login, password, name="华东示例科技有限公司"):
    call = connect(url, db, login, password)
    customer_id = call(
        "res.partner",
        "create",
        {
            "name": name,
            "is_company": True,
            "crm_is_customer": True,
            "user_id": call.uid,  # the owner: the caller (managers may name another)
            "phone": "021-5555 0101",
            "city": "上海",
            "child_ids": [
                (
                    0,
                    0,
                    {"name": "王经理", "function": "采购经理", "mobile": "13800000001"},
                ),
                (
                    0,
                    0,
                    {"name": "李会计", "function": "财务", "email": "li@example.com"},
                ),
            ],
        },
    )
    [customer] = call(
        "res.partner", "read", [customer_id], ["name", "user_id", "child_ids"]
    )
    contacts = call("res.partner", "read", customer["child_ids"], ["name", "function"])
    print(
        f"Created customer {customer['name']} (id {customer_id}), "
        f"owner {customer['user_id'][1]}"
    )
    for contact in contacts:
        print(
            f"  contact {contact['name']} ({contact['function']}), id {contact['id']}"
        )
    return {"customer_id": customer_id, "contact_ids": customer["child_ids"]}


if __name__ == "__main__":
    main(*settings(sys.argv, "sales1_rep1"))
