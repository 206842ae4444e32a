#!/usr/bin/env python3
"""Open a service request, start it and resolve it, over XML-RPC
(crm_service).

    python3 service_request.py [URL DB LOGIN PASSWORD]

Defaults: ``./crm serve``'s demo database as the agent service_rep1; or
CRM_URL, CRM_DB, CRM_LOGIN, CRM_PASSWORD; CRM_CUSTOMER_ID chooses the customer
(default: the first customer the caller can read). Resolving
(``crm.service.request.crm_resolve``) plans the follow-up visit.
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


def main(url, db, login, password, customer_id=None):
    call = connect(url, db, login, password)
    customer_id = customer_id or int(os.environ.get("CRM_CUSTOMER_ID", 0))
    if not customer_id:
        customer_id = call(
            "res.partner",
            "search",
            [("crm_is_customer", "=", True), ("is_company", "=", True)],
            limit=1,
        )[0]
    type_id = call(
        "crm.service.type", "search", [("is_complaint", "=", False)], limit=1
    )[0]
    request_id = call(
        "crm.service.request",
        "create",
        {
            "partner_id": customer_id,
            "type_id": type_id,
            "channel": "phone",
            "title": "复印机卡纸",
            "description": "<p>客户来电：三楼复印机频繁卡纸。</p>",
        },
    )
    call("crm.service.request", "action_start", [request_id])
    result = call(
        "crm.service.request",
        "crm_resolve",
        [request_id],
        resolution="<p>更换搓纸轮，试印 50 张正常。</p>",
    )
    [request] = result["requests"]
    print(
        f"Service request {request['name']} (id {request_id}): {request['state']} "
        f"at {request['date_resolved']}"
    )
    print(f"  {result['message']}")
    return {"request_id": request_id, "state": request["state"]}


if __name__ == "__main__":
    main(*settings(sys.argv, "service_rep1"))
