#!/usr/bin/env python3
"""Record a receipt, allocate it, confirm it, and fetch the customer's
statement as data, over XML-RPC (crm_finance_light).

    python3 receipt_and_statement.py [URL DB LOGIN PASSWORD]

Defaults: ``./crm serve``'s demo database as the cashier finance_clerk; or
CRM_URL, CRM_DB, CRM_LOGIN, CRM_PASSWORD; CRM_CUSTOMER_ID chooses the customer
(default: the customer of the oldest open installment the caller can read),
CRM_AMOUNT the amount (default: that customer's first open installment).
``crm.receipt.crm_allocate`` returns what was allocated;
``crm.partner.statement.crm_statement`` returns the statement's lines.
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


def main(url, db, login, password, customer_id=None, amount=None):
    call = connect(url, db, login, password)
    customer_id = customer_id or int(os.environ.get("CRM_CUSTOMER_ID", 0))
    domain = [
        ("state", "in", ("open", "partial", "overdue")),
        ("contract_state", "in", ("confirmed", "done")),
    ]
    if customer_id:
        domain.append(("partner_id", "=", customer_id))
    installments = call(
        "crm.contract.installment",
        "search_read",
        domain,
        ["partner_id", "residual_amount"],
        order="due_date, id",
        limit=1,
    )
    if not customer_id:
        customer_id = installments[0]["partner_id"][0]
    amount = (
        amount
        or float(os.environ.get("CRM_AMOUNT", 0))
        or (installments[0]["residual_amount"])
    )
    method_id = (
        int(os.environ.get("CRM_PAYMENT_METHOD_ID", 0))
        or (call("crm.payment.method", "search", [], limit=1)[0])
    )
    receipt_id = call(
        "crm.receipt",
        "create",
        {
            "partner_id": customer_id,
            "amount": amount,
            "payment_method_id": method_id,
            "reference": "银行回单 script",
        },
    )
    allocation = call("crm.receipt", "crm_allocate", [receipt_id])
    call("crm.receipt", "action_confirm", [receipt_id])
    [receipt] = call("crm.receipt", "read", [receipt_id], ["name", "state"])
    print(
        f"Receipt {receipt['name']} (id {receipt_id}) of {amount}: {receipt['state']}"
    )
    for line in allocation["allocations"]:
        print(f"  {line['amount']} to {line['target']}")
    print(f"  advance (unallocated): {allocation['advance']}")
    statement = call("crm.partner.statement", "crm_statement", customer_id)
    print(
        f"Statement of {statement['partner']} {statement['date_from']} .. "
        f"{statement['date_to']}: opening {statement['opening']}"
    )
    for line in statement["lines"]:
        print(
            f"  {line['date']} {line['number']} {line['kind_label']} "
            f"debit {line['debit']} credit {line['credit']} balance {line['balance']}"
        )
    print(f"  closing {statement['closing']}")
    return {
        "receipt_id": receipt_id,
        "state": receipt["state"],
        "allocation": allocation,
        "statement": statement,
    }


if __name__ == "__main__":
    main(*settings(sys.argv, "finance_clerk"))
