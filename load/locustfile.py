"""The suite under load: Locust users that click through the web client.

Every request is one the web client sends (JSON-RPC over HTTP, with the
session cookie): ``/web/session/authenticate``, ``/web/action/load``,
``get_views`` (once per user and action, as the browser caches it),
``web_search_read`` for lists (limit 80, count limit 10001), ``web_read`` for
forms (the form view's fields), ``name_search`` for many2one pickers,
``read_group`` for pivots, ``web_save`` for dialogs and forms and
``/web/dataset/call_button`` for the business buttons. The specification of
each list and form is built from the view the server returns, as the web
client builds it.

Request names are ``<side> <kind> <what>``: side ``anchor`` (plain Odoo
contacts screens, users without scope rules) or ``suite``; kind one of list,
search, name_search, form, pivot, button, save, login, action, views. Business
refusals (a UserError such as the pool's claim cap) are not failures: they are
counted in ``refusals`` of the run's summary (``CRM_LOAD_OUT``).

Configuration through the environment (``./crm load`` sets them):
``CRM_LOAD_PLAN`` (the JSON written by load/seed.py), ``CRM_LOAD_OUT``
(a JSON summary written when the run stops), ``CRM_LOAD_THINK`` ("5,10").
"""

import datetime
import functools
import itertools
import json
import os
import random
import threading
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

from locust import HttpUser, between, events, task

PLAN = json.load(open(os.environ["CRM_LOAD_PLAN"], encoding="utf-8"))
OUT = os.environ.get("CRM_LOAD_OUT")
THINK = [float(x) for x in os.environ.get("CRM_LOAD_THINK", "5,10").split(",")]
DB = PLAN["database"]

_lock = threading.Lock()
_next_login = {role: itertools.count() for role in PLAN["roles"]}
REFUSALS = Counter()
ERRORS = Counter()
LOGGED_IN = Counter()
LOGINS = defaultdict(list)  # side -> seconds of each successful login


def next_account(role):
    accounts = PLAN["roles"][role]
    with _lock:
        n = next(_next_login[role])
    return accounts[n % len(accounts)]


# ---------------------------------------------------------------- view specs
def name_filter(arch):
    """The filter_domain of the search view's ``name`` field, if it has one."""
    for node in ET.fromstring(arch).iter("field"):
        if node.get("name") == "name":
            return node.get("filter_domain")
    return None


def _field_spec(fields, name):
    info = fields.get(name) or {}
    kind = info.get("type")
    if kind == "many2one":
        return {"fields": {"display_name": {}}}
    if kind in ("one2many", "many2many"):
        return {"fields": {"display_name": {}}, "limit": 40}
    return {}


def spec_from_arch(arch, fields):
    """The fields the web client reads for a list or form arch: every
    <field> of the view that is not inside a sub-view of an x2many."""
    root = ET.fromstring(arch)
    spec = {}

    def walk(node):
        for child in node:
            if child.tag == "field":
                name = child.get("name")
                if name in fields:
                    spec[name] = _field_spec(fields, name)
                continue  # its sub-views belong to the x2many
            walk(child)

    walk(root)
    spec.setdefault("display_name", {})
    return spec


TASKS = defaultdict(lambda: [0, 0.0])  # side -> [tasks done, seconds in tasks]


def click(weight):
    """A Locust task that is one thing a person does (several requests);
    counted per side so that the run compares tasks per user and minute."""

    def decorate(func):
        @functools.wraps(func)
        def wrapper(self):
            t0 = time.perf_counter()
            try:
                func(self)
            except RpcError:
                pass
            with _lock:
                entry = TASKS[self.side]
                entry[0] += 1
                entry[1] += time.perf_counter() - t0

        return task(weight)(wrapper)

    return decorate


class RpcError(Exception):
    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name") or error.get("message") or "error"
        self.message = data.get("message") or error.get("message") or ""
        super().__init__(f"{self.name}: {self.message}")


BUSINESS_ERRORS = (
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.RedirectWarning",
)


class WebClientUser(HttpUser):
    """One person with a browser tab; subclasses are the roles."""

    abstract = True
    wait_time = between(*THINK)
    role = None
    side = "suite"

    # -------------------------------------------------------------- plumbing
    def on_start(self):
        self.account = next_account(self.role)
        self.login = self.account["login"]
        self.views = {}
        self.actions = {}
        self.rpc_id = 0
        # a person whose login does not go through tries again a bit later
        for attempt in range(6):
            t0 = time.perf_counter()
            try:
                result = self.rpc(
                    "/web/session/authenticate",
                    {"db": DB, "login": self.login, "password": PLAN["password"]},
                    name=f"{self.side} login /web/session/authenticate",
                )
                break
            except RpcError:
                if attempt == 5:
                    raise
                time.sleep(random.uniform(5, 10))
        with _lock:
            LOGINS[self.side].append(time.perf_counter() - t0)
        self.uid = result["uid"]
        ctx = result.get("user_context") or {}
        companies = (result.get("user_companies") or {}).get("current_company")
        self.ctx = {
            "lang": ctx.get("lang", "en_US"),
            "tz": ctx.get("tz", "Asia/Shanghai"),
            "uid": self.uid,
            "allowed_company_ids": [companies] if companies else [1],
        }
        with _lock:
            LOGGED_IN[f"{self.role}:{self.account['level']}"] += 1

    def rpc(self, url, params, name):
        self.rpc_id += 1
        payload = {"jsonrpc": "2.0", "method": "call", "params": params}
        payload["id"] = self.rpc_id
        with self.client.post(
            url, json=payload, name=name, catch_response=True
        ) as response:
            if response.status_code != 200:
                why = f"HTTP {response.status_code}"
                if not response.status_code:  # no answer: say why
                    why += f" {type(response.error).__name__}"
                response.failure(why)
                with _lock:
                    ERRORS[f"{name}: {why}"] += 1
                raise RpcError({"message": f"HTTP {response.status_code}"})
            try:
                body = response.json()
            except ValueError:
                response.failure("not JSON")
                raise RpcError({"message": "not JSON"}) from None
            if body.get("error"):
                err = RpcError(body["error"])
                if err.name in BUSINESS_ERRORS:
                    response.success()
                    with _lock:
                        REFUSALS[f"{name}: {err.message[:90]}"] += 1
                else:
                    response.failure(str(err)[:300])
                    with _lock:
                        ERRORS[f"{name}: {str(err)[:160]}"] += 1
                raise err
            response.success()
            return body.get("result")

    def call(self, model, method, args=(), kwargs=None, kind="call", what=None):
        kwargs = dict(kwargs or {})
        kwargs.setdefault("context", dict(self.ctx))
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            name=f"{self.side} {kind} {what or model + '.' + method}",
        )

    def button(self, model, method, ids, what=None):
        return self.rpc(
            f"/web/dataset/call_button/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": [ids],
                "kwargs": {"context": dict(self.ctx)},
            },
            name=f"{self.side} button {what or model + '.' + method}",
        )

    def action(self, xmlid):
        """Click a menu: /web/action/load, and get_views the first time."""
        action = self.rpc(
            "/web/action/load",
            {"action_id": xmlid, "context": dict(self.ctx)},
            name=f"{self.side} action /web/action/load",
        )
        env = {"uid": self.uid, "True": True, "False": False, "None": None}
        domain = eval(action.get("domain") or "[]", {}, env)  # noqa: S307 (our own actions)
        ctx = action.get("context") or "{}"
        ctx = eval(ctx, {}, env) if isinstance(ctx, str) else ctx  # noqa: S307
        ctx = {k: v for k, v in ctx.items() if not k.startswith("search_default_")}
        model = action["res_model"]
        if xmlid not in self.views:
            views = [
                [v[0], "list" if v[1] == "tree" else v[1]] for v in action["views"]
            ]
            if not any(v[1] == "form" for v in views):
                views.append([False, "form"])
            views.append(
                [
                    action.get("search_view_id")
                    and action["search_view_id"][0]
                    or False,
                    "search",
                ]
            )
            result = self.call(
                model,
                "get_views",
                kwargs={
                    "views": views,
                    "options": {
                        "action_id": action["id"],
                        "load_filters": True,
                        "toolbar": True,
                    },
                    "context": {**self.ctx, **ctx},
                },
                kind="views",
            )
            fields = result["models"][model]
            fields = fields.get("fields", fields)
            specs = {}
            for kind in ("list", "form"):
                if kind in result["views"]:
                    specs[kind] = spec_from_arch(result["views"][kind]["arch"], fields)
            if "search" in result["views"]:
                specs["name_filter"] = name_filter(result["views"]["search"]["arch"])
            self.views[xmlid] = specs
        return {
            "model": model,
            "domain": domain,
            "name_filter": self.views[xmlid].get("name_filter"),
            "context": {**self.ctx, **ctx},
            "specs": self.views[xmlid],
            "name": xmlid.split(".")[-1],
        }

    def search_by_name(self, act, term):
        """The domain the web client builds when the user types in the search
        box and picks the view's Name field: its filter_domain with ``self``
        being the text, else ``name ilike``."""
        if act.get("name_filter"):
            return eval(act["name_filter"], {}, {"self": term})  # noqa: S307 (the server's view)
        return [("name", "ilike", term)]

    def open_list(self, xmlid, extra_domain=(), what=None, kind="list"):
        act = self.action(xmlid) if isinstance(xmlid, str) else xmlid
        result = self.call(
            act["model"],
            "web_search_read",
            kwargs={
                "specification": act["specs"].get("list") or {"display_name": {}},
                "offset": 0,
                "order": "",
                "limit": 80,
                "context": {**act["context"], "bin_size": True},
                "count_limit": 10001,
                "domain": act["domain"] + list(extra_domain),
            },
            kind=kind,
            what=what or act["name"],
        )
        return act, [r["id"] for r in result["records"]], result["length"]

    def open_form(self, act, record_id, what=None):
        return self.call(
            act["model"],
            "web_read",
            args=[[record_id]],
            kwargs={
                "specification": act["specs"].get("form") or {"display_name": {}},
                "context": {**act["context"], "bin_size": True},
            },
            kind="form",
            what=what or act["model"],
        )[0]

    def pivot(self, model, domain, groupby, fields=("__count",), what=None):
        return self.call(
            model,
            "read_group",
            kwargs={
                "domain": domain,
                "fields": list(fields),
                "groupby": groupby,
                "lazy": False,
            },
            kind="pivot",
            what=what or f"{model} by {','.join(groupby)}",
        )

    def name_search(self, model, term, domain=(), what=None):
        return self.call(
            model,
            "name_search",
            kwargs={
                "name": term,
                "args": list(domain),
                "operator": "ilike",
                "limit": 8,
            },
            kind="name_search",
            what=what or model,
        )

    def safely(self, func, *args):
        try:
            return func(*args)
        except RpcError:
            return None

    @staticmethod
    def term():
        """What a person types to find a customer: the part of its name they
        remember. The seeded names are all "Customer <n>" (and "Bench
        Customer <n> 有限公司"), so that part is the number; typing the
        shared "Customer " too matched every name's trigrams (posting lists of
        1M entries each), which real names do not share."""
        return str(random.randint(100, 999_999))


# ------------------------------------------------------------------ anchor
class PlainContactsUser(WebClientUser):
    """Plain Odoo: the Contacts (Customers) action of base, its list and form,
    a search, a picker, a pivot and an edit of a contact of their own."""

    role = "anchor"
    side = "anchor"
    weight = 20

    def on_start(self):
        super().on_start()
        self.own_contact = self.call(
            "res.partner",
            "web_save",
            args=[[], {"name": f"Anchor contact of {self.login}", "is_company": False}],
            kwargs={"specification": {"display_name": {}}},
            kind="save",
            what="res.partner create",
        )[0]["id"]

    @click(4)
    def browse(self):
        act, ids, _n = self.open_list("base.action_partner_form", what="contacts")
        if ids:
            self.safely(self.open_form, act, random.choice(ids), "res.partner")

    @click(2)
    def search(self):
        act = self.action("base.action_partner_form")
        _a, ids, _n = self.open_list(
            act,
            self.search_by_name(act, self.term()),
            what="contacts by name",
            kind="search",
        )
        self.name_search("res.partner", self.term())

    @click(1)
    def pivot_contacts(self):
        self.pivot("res.partner", [], ["create_date:month"], what="contacts by month")

    @click(2)
    def edit(self):
        self.call(
            "res.partner",
            "web_save",
            args=[
                [self.own_contact],
                {"comment": f"<p>Called {datetime.datetime.now()}</p>"},
            ],
            kwargs={"specification": {"display_name": {}}},
            kind="save",
            what="res.partner write",
        )


# ------------------------------------------------------------------ suite
class Salesperson(WebClientUser):
    role = "sales"
    weight = 35

    @click(4)
    def my_customers(self):
        act, ids, _n = self.open_list(
            "crm_customer.res_partner_action_my", what="my customers"
        )
        if ids:
            self.safely(self.open_form, act, random.choice(ids), "res.partner")

    @click(2)
    def search_customers(self):
        act = self.action("crm_customer.res_partner_action_scope")
        self.open_list(
            act,
            self.search_by_name(act, self.term()),
            what="customers by name",
            kind="search",
        )
        self.name_search(
            "res.partner",
            self.term(),
            [("crm_is_customer", "=", True), ("is_company", "=", True)],
        )

    @click(2)
    def follow_up(self):
        act, ids, _n = self.open_list(
            "crm_customer.res_partner_action_my", what="my customers"
        )
        if not ids:
            return
        partner = random.choice(ids)
        self.safely(self.open_form, act, partner, "res.partner")
        try:
            self.button("res.partner", "action_crm_followup", [partner])
            wizard = self.call(
                "crm.customer.followup",
                "web_save",
                args=[
                    [],
                    {
                        "partner_id": partner,
                        "kind": random.choice(["phone", "visit", "wechat"]),
                        "note": "Load test follow-up",
                        "next_date": str(
                            datetime.date.today() + datetime.timedelta(days=7)
                        )
                        if random.random() < 0.3
                        else False,
                    },
                ],
                kwargs={
                    "specification": {"display_name": {}},
                    "context": {**self.ctx, "default_partner_id": partner},
                },
                kind="save",
                what="crm.customer.followup create",
            )
            self.button("crm.customer.followup", "action_confirm", [wizard[0]["id"]])
        except RpcError:
            pass

    @click(1)
    def claim_from_pool(self):
        act, ids, _n = self.open_list(
            "crm_customer.res_partner_action_pool", what="pool"
        )
        if ids:
            self.safely(
                self.button, "res.partner", "action_claim", [random.choice(ids)]
            )


class Manager(WebClientUser):
    role = "manager"
    weight = 15

    @click(3)
    def scope_list(self):
        act, ids, _n = self.open_list(
            "crm_customer.res_partner_action_scope", what="customers in scope"
        )
        if ids:
            self.safely(self.open_form, act, random.choice(ids), "res.partner")

    @click(2)
    def customers_pivot(self):
        act = self.action("crm_customer.res_partner_action_scope")
        self.pivot(
            "res.partner",
            act["domain"],
            ["user_id"],
            what="customers in scope by owner",
        )

    @click(2)
    def contracts(self):
        act, ids, _n = self.open_list(
            "crm_sales_contract.crm_contract_action", what="contracts"
        )
        if ids:
            self.safely(self.open_form, act, random.choice(ids), "crm.contract")
        self.pivot(
            "crm.contract",
            [("state", "in", ["confirmed", "done"])],
            ["date_signed:month"],
            ("__count", "amount_total:sum"),
            what="contracts by month",
        )

    @click(1)
    def receivables(self):
        self.open_list(
            "crm_sales_contract.crm_contract_installment_action", what="installments"
        )

    @click(1)
    def receivables_report(self):
        self.pivot(
            "crm.contract.installment",
            [("state", "in", ["open", "partial", "overdue"])],
            ["due_date:month"],
            ("__count", "residual_amount:sum"),
            what="open installments by month",
        )


class Cashier(WebClientUser):
    role = "cashier"
    weight = 10

    def on_start(self):
        super().on_start()
        methods = self.name_search("crm.payment.method", "")
        self.method_id = methods[0][0] if methods else False

    @click(2)
    def receipts(self):
        act, ids, _n = self.open_list(
            "crm_finance_light.crm_receipt_action", what="receipts"
        )
        if ids:
            self.safely(self.open_form, act, random.choice(ids), "crm.receipt")

    @click(3)
    def record_and_allocate(self):
        _a, ids, _n = self.open_list(
            "crm_sales_contract.crm_contract_installment_action",
            [("state", "in", ["open", "partial", "overdue"])],
            what="open installments",
        )
        if not ids:
            return
        inst = self.call(
            "crm.contract.installment",
            "web_read",
            args=[[random.choice(ids)]],
            kwargs={"specification": {"partner_id": {}, "residual_amount": {}}},
            kind="form",
            what="crm.contract.installment",
        )[0]
        try:
            receipt = self.call(
                "crm.receipt",
                "web_save",
                args=[
                    [],
                    {
                        "partner_id": inst["partner_id"],
                        "amount": min(inst["residual_amount"] or 100.0, 600.0),
                        "payment_method_id": self.method_id,
                        "date": str(datetime.date.today()),
                        "reference": f"LOAD {self.login}",
                    },
                ],
                kwargs={"specification": {"display_name": {}}},
                kind="save",
                what="crm.receipt create",
            )[0]["id"]
            self.button("crm.receipt", "action_auto_allocate", [receipt])
            self.button("crm.receipt", "action_confirm", [receipt])
        except RpcError:
            pass


class ServiceAgent(WebClientUser):
    role = "agent"
    weight = 10

    @click(3)
    def my_requests(self):
        act, ids, _n = self.open_list(
            "crm_service.crm_service_request_action",
            [("handler_id", "=", self.uid)],
            what="my requests",
        )
        if ids:
            self.safely(self.open_form, act, random.choice(ids), "crm.service.request")

    @click(2)
    def handle_request(self):
        _a, ids, _n = self.open_list(
            "crm_service.crm_service_request_action",
            [
                ("handler_id", "=", self.uid),
                ("state", "in", ["assigned", "in_progress"]),
            ],
            what="my open requests",
        )
        if not ids:
            return
        rid = random.choice(ids)
        try:
            self.button("crm.service.request", "action_start", [rid])
        except RpcError:
            pass
        try:
            self.call(
                "crm.service.request",
                "web_save",
                args=[[rid], {"resolution": "<p>Fixed on the phone (load test)</p>"}],
                kwargs={"specification": {"display_name": {}}},
                kind="save",
                what="crm.service.request write",
            )
            self.button("crm.service.request", "action_resolve", [rid])
        except RpcError:
            pass

    @click(1)
    def new_request(self):
        partners = self.name_search(
            "res.partner", self.term(), [("crm_is_customer", "=", True)]
        )
        types = self.name_search("crm.service.type", "")
        if not partners or not types:
            return
        try:
            self.call(
                "crm.service.request",
                "web_save",
                args=[
                    [],
                    {
                        "title": "Printer jams (load test)",
                        "partner_id": partners[0][0],
                        "type_id": types[0][0],
                        "handler_id": self.uid,
                    },
                ],
                kwargs={"specification": {"display_name": {}}},
                kind="save",
                what="crm.service.request create",
            )
        except RpcError:
            pass


class WorklogWriter(WebClientUser):
    role = "writer"
    weight = 10

    def on_start(self):
        super().on_start()
        self.today_log = None

    @click(3)
    def my_logs(self):
        act, ids, _n = self.open_list(
            "crm_worklog.crm_work_log_action_my", what="my logs"
        )
        if ids:
            self.safely(self.open_form, act, random.choice(ids), "crm.work.log")

    @click(2)
    def write_today(self):
        vals = {"done": f"<p>Visited customers, {datetime.datetime.now():%H:%M}</p>"}
        try:
            if not self.today_log:
                found = self.call(
                    "crm.work.log",
                    "web_search_read",
                    kwargs={
                        "domain": [
                            ("user_id", "=", self.uid),
                            ("kind", "=", "daily"),
                            ("date", "=", str(datetime.date.today())),
                        ],
                        "specification": {"display_name": {}},
                        "limit": 1,
                    },
                    kind="search",
                    what="today's log",
                )["records"]
                if found:
                    self.today_log = found[0]["id"]
            ids = [self.today_log] if self.today_log else []
            if not ids:
                vals.update({"kind": "daily", "date": str(datetime.date.today())})
            saved = self.call(
                "crm.work.log",
                "web_save",
                args=[ids, vals],
                kwargs={"specification": {"display_name": {}}},
                kind="save",
                what="crm.work.log " + ("write" if ids else "create"),
            )
            self.today_log = saved[0]["id"]
        except RpcError:
            pass

    @click(1)
    def my_tasks(self):
        self.open_list("crm_worklog.crm_work_task_action_my", what="my tasks")


if not PLAN["roles"].get("writer"):
    WorklogWriter.abstract = True


MEASURED = {"from": time.time(), "to": None}


@events.spawning_complete.add_listener
def _steady_state(user_count, **_kw):
    """Everyone is in: the statistics start again (--reset-stats), and so
    do the task counts."""
    with _lock:
        TASKS.clear()
        MEASURED["from"] = time.time()


@events.quitting.add_listener
def _write_summary(environment, **_kw):
    if not OUT:
        return
    MEASURED["to"] = time.time()
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(
            {
                "refusals": dict(REFUSALS),
                "errors": dict(ERRORS),
                "logged_in": dict(LOGGED_IN),
                "tasks": {side: list(v) for side, v in TASKS.items()},
                "logins": dict(LOGINS),
                "measured_seconds": MEASURED["to"] - MEASURED["from"],
            },
            f,
            indent=1,
            ensure_ascii=False,
        )
