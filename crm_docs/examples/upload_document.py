#!/usr/bin/env python3
"""Upload a document (a file with its title and customer), over XML-RPC
(crm_docs).

    python3 upload_document.py [URL DB LOGIN PASSWORD] [FILE]

Defaults: ``./crm serve``'s demo database as the salesperson sales1_rep1; or
CRM_URL, CRM_DB, CRM_LOGIN, CRM_PASSWORD; FILE (or CRM_FILE) is the file to
upload (default: a small text file made up here); CRM_CUSTOMER_ID links a
customer. The file goes up as an attachment (base64), then the document
is created with it.
"""

# a script: it says what it did on stdout
# pylint: disable=print-used
import base64
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


def main(url, db, login, password, path=None, customer_id=None):
    call = connect(url, db, login, password)
    path = path or os.environ.get("CRM_FILE")
    if path:
        with open(path, "rb") as file:
            raw, filename = file.read(), os.path.basename(path)
    else:
        raw, filename = (
            "拜访纪要：客户计划下季度更换 5 台复印机。\n".encode(),
            "拜访纪要.txt",
        )
    customer_id = customer_id or int(os.environ.get("CRM_CUSTOMER_ID", 0))
    attachment_id = call(
        "ir.attachment",
        "create",
        {
            "name": filename,
            "datas": base64.b64encode(raw).decode(),
            "res_model": "crm.document",
            "res_id": 0,
        },
    )
    values = {
        "name": os.path.splitext(filename)[0],
        "attachment_ids": [(6, 0, [attachment_id])],
    }
    if customer_id:
        values["partner_ids"] = [(6, 0, [customer_id])]
    document_id = call("crm.document", "create", values)
    [document] = call("crm.document", "read", [document_id], ["name", "file_count"])
    print(
        f"Document {document['name']} (id {document_id}): "
        f"{document['file_count']} file(s), "
        f"{len(raw)} bytes uploaded"
    )
    return {"document_id": document_id, "attachment_id": attachment_id}


if __name__ == "__main__":
    main(*settings(sys.argv[:5], "sales1_rep1"), *sys.argv[5:6])
