#!/usr/bin/env python3
"""Write today's daily log (日志), over XML-RPC (crm_worklog).

    python3 daily_log.py [URL DB LOGIN PASSWORD]

Defaults: ``./crm serve``'s demo database as the salesperson sales1_rep1; or
CRM_URL, CRM_DB, CRM_LOGIN, CRM_PASSWORD. One daily log per person and day:
today's is created, or updated when it exists. The log goes to the author's
manager (the default recipients).
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


def main(url, db, login, password):
    call = connect(url, db, login, password)
    values = {
        "done": "<p>拜访华东示例科技，演示新款复印机；催收二期款。</p>",
        "plan": "<p>明天寄出报价单，跟进合同签订。</p>",
    }
    existing = call(
        "crm.work.log",
        "search",
        [
            ("user_id", "=", call.uid),
            ("kind", "=", "daily"),
            ("date", "=", call("crm.work.log", "default_get", ["date"])["date"]),
        ],
    )
    if existing:
        log_id = existing[0]
        call("crm.work.log", "write", [log_id], values)
    else:
        log_id = call("crm.work.log", "create", dict(values, kind="daily"))
    [log] = call(
        "crm.work.log", "read", [log_id], ["display_name", "date", "recipient_user_ids"]
    )
    print(
        f"Daily log {log['display_name']} (id {log_id}) of {log['date']}, "
        f"{'updated' if existing else 'created'}; "
        f"{len(log['recipient_user_ids'])} recipient(s)"
    )
    return {"log_id": log_id, "created": not existing}


if __name__ == "__main__":
    main(*settings(sys.argv, "sales1_rep1"))
