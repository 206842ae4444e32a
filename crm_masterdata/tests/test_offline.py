"""No calls to Odoo's servers (readme/CONFIGURE.md, models/crm_offline.py).

Behaves the same with or without Odoo's IAP addons (iap, sms, snailmail,
partner_autocomplete) installed: what it checks is what the suite shows and
what its flows try to reach."""

import importlib.util
import ipaddress
import socket
from unittest.mock import patch

import requests
from lxml import etree
from markupsafe import Markup

from odoo.exceptions import AccessError
from odoo.modules.module import get_manifest
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.misc import file_path

from ..models.crm_offline import ONLINE_WIDGETS, ONLINE_WIZARDS
from ..models.ir_actions_report import SUITE_AUTHOR

SUITE_VIEW_TYPES = ("form", "list", "kanban")


def _suite_modules(env):
    return [
        m.name
        for m in env["ir.module.module"].search([("state", "=", "installed")])
        if get_manifest(m.name).get("author") == SUITE_AUTHOR
    ]


def _is_loopback(host):
    if host in (None, "", "localhost"):
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False  # a host name other than localhost: it would leave


class OfflineGuard:
    """Record (and refuse) every attempt to reach beyond loopback: sockets,
    requests' sessions and, when installed, IAP's JSON-RPC helper (which
    Odoo itself refuses during tests, before any socket is opened)."""

    def __init__(self):
        self.attempts = []
        self._patches = []

    def _refuse(self, what):
        self.attempts.append(what)
        raise OSError(f"offline test: refused {what}")

    def __enter__(self):
        guard = self
        real_connect = socket.socket.connect
        real_create = socket.create_connection
        # Odoo's test case already refuses external requests at
        # Session.send: record them first
        real_send = requests.Session.send

        def connect(sock, address):
            if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(
                address[0]
            ):
                guard._refuse(f"socket {address!r}")
            return real_connect(sock, address)

        def create_connection(address, *args, **kwargs):
            if not _is_loopback(address[0]):
                guard._refuse(f"connection {address!r}")
            return real_create(address, *args, **kwargs)

        def send(session, request, *args, **kwargs):
            host = requests.utils.urlparse(request.url).hostname
            if not _is_loopback(host):
                guard._refuse(f"http {request.url}")
            return real_send(session, request, *args, **kwargs)

        self._patches = [
            patch.object(socket.socket, "connect", connect),
            patch.object(socket, "create_connection", create_connection),
            patch.object(requests.Session, "send", send),
        ]
        try:
            from odoo.addons.iap.tools import iap_tools
        except ImportError:  # iap is not on the addons path
            iap_tools = None
        if iap_tools is not None:

            def iap_jsonrpc(url, *args, **kwargs):
                guard._refuse(f"iap {url}")

            self._patches.append(patch.object(iap_tools, "iap_jsonrpc", iap_jsonrpc))
        for p in self._patches:
            p.start()
        return self

    def __exit__(self, *exc):
        for p in reversed(self._patches):
            p.stop()
        return False


@tagged("post_install", "-at_install")
class TestOffline(TransactionCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = new_test_user(
            cls.env,
            login="offline_sales",
            groups="base.group_user,crm_masterdata.crm_masterdata_group_sales_own",
        )
        cls.manager = new_test_user(
            cls.env,
            login="offline_manager",
            groups="base.group_user,crm_masterdata.crm_masterdata_group_sales_manager,"
            "crm_masterdata.crm_masterdata_group_admin",
        )

    def _suite_actions(self):
        data = self.env["ir.model.data"].search(
            [
                ("model", "=", "ir.actions.act_window"),
                ("module", "in", _suite_modules(self.env)),
            ]
        )
        return self.env["ir.actions.act_window"].browse(data.mapped("res_id")).exists()

    def _action_views(self, action):
        modes = [m for m in action.view_mode.split(",") if m in SUITE_VIEW_TYPES]
        views = {
            v.view_mode: v.view_id.id for v in action.view_ids if v.view_mode in modes
        }
        if action.view_id and action.view_id.type in modes:
            views.setdefault(action.view_id.type, action.view_id.id)
        return [(views.get(mode, False), mode) for mode in modes]

    def test_views_offer_no_online_widget(self):
        """No form, list or kanban of the suite's actions (with their inline
        views) offers partner_autocomplete's lookups, an SMS button or "Send
        SMS" in its ⚙ menu."""
        actions = self._suite_actions()
        self.assertTrue(actions.filtered(lambda a: a.res_model == "res.partner"))
        offending, checked = [], 0
        Actions = self.env["ir.actions.actions"]
        Windows = self.env["ir.actions.act_window"]
        for user in (self.salesperson, self.manager):
            for action in actions:
                views = self._action_views(action)
                if not views:
                    continue
                Model = self.env[action.res_model].with_user(user)
                try:
                    result = Model.get_views(views, {"toolbar": True})
                except AccessError:
                    continue  # this role never opens it
                for view_type, view in result["views"].items():
                    checked += 1
                    for node in etree.fromstring(view["arch"]).iter("field"):
                        widget = node.get("widget")
                        options = (node.get("options") or "").replace(" ", "")
                        if widget in ONLINE_WIDGETS or (
                            widget == "phone"
                            and "'enable_sms':False" not in options
                            and '"enable_sms":false' not in options
                        ):
                            offending.append(
                                (
                                    user.login,
                                    action.name,
                                    view_type,
                                    node.get("name"),
                                    widget,
                                )
                            )
                    for binding in view.get("toolbar", {}).get("action", []):
                        bound = Actions.browse(binding["id"])
                        if bound.type == "ir.actions.act_window" and (
                            Windows.browse(bound.id).res_model in ONLINE_WIZARDS
                        ):
                            offending.append(
                                (
                                    user.login,
                                    action.name,
                                    view_type,
                                    binding["name"],
                                    "⚙",
                                )
                            )
        self.assertGreater(checked, 20)
        self.assertEqual(offending, [])

    def test_update_notification_cron_inactive(self):
        cron = self.env.ref("mail.ir_cron_module_update_notification")
        self.assertFalse(cron.active)

    def test_link_previews_switched_off(self):
        self.assertFalse(self.env["mail.link.preview"]._is_link_preview_enabled())

    def test_migration_switches_off_an_older_database(self):
        """A database installed before 18.0.1.1.0 (noupdate data not loaded
        again by an update) gets the same settings from the migration."""
        path = file_path("crm_masterdata/migrations/18.0.1.1.0/post-migration.py")
        spec = importlib.util.spec_from_file_location("crm_masterdata_m1110", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        cron = self.env.ref("mail.ir_cron_module_update_notification")
        cron.active = True
        Param = self.env["ir.config_parameter"].sudo()
        Param.set_param("mail.link_preview_throttle", "99")
        migration.migrate(self.env.cr, None)  # a new installation: nothing
        self.assertTrue(cron.active)
        migration.migrate(self.env.cr, "18.0.1.0.0")
        cron.invalidate_recordset()
        self.assertFalse(cron.active)
        self.assertEqual(Param.get_param("mail.link_preview_throttle"), "0")
        self.assertFalse(self.env["mail.link.preview"]._is_link_preview_enabled())

    def test_companies_not_enriched(self):
        """Every company counts as enriched already (the webclient asks
        partner_autocomplete to enrich those that are not)."""
        Company = self.env["res.company"]
        company = Company.create(
            {"name": "上海瑞丰测试有限公司", "email": "info@ruifeng.cn"}
        )
        if "iap_enrich_auto_done" in Company._fields:
            self.assertTrue(company.iap_enrich_auto_done)
            self.assertFalse(Company.search([("iap_enrich_auto_done", "=", False)]))

    def test_guard_catches(self):
        """The guard does record an attempt (so that an empty list means
        something)."""
        with OfflineGuard() as guard:
            with self.assertRaises(OSError):
                socket.create_connection(("192.0.2.1", 443), timeout=1)
            with self.assertRaises(OSError):
                requests.get("https://www.example.invalid/", timeout=1)
        self.assertEqual(len(guard.attempts), 2)

    def test_flows_stay_on_the_machine(self):
        """The suite's flows that could reach out, server side, stay on the
        machine: companies and company partners created (and enriched the way
        the webclient asks for an administrator), a customer with phones, a
        chatter message with a URL (link preview, as the webclient asks for
        it), every cron of the suite run."""
        admin = self.env.ref("base.user_admin")
        with OfflineGuard() as guard:
            Partner = self.env["res.partner"]
            company_partner = Partner.create(
                {
                    "name": "上海瑞丰离线测试有限公司",
                    "is_company": True,
                    "email": "sales@ruifeng-office.com",
                    "website": "https://www.ruifeng-office.com",
                    "phone": "021-5555 0100",
                    "mobile": "+86 138 0013 8000",
                }
            )
            company = self.env["res.company"].create(
                {"name": "瑞丰离线分公司", "email": "office@ruifeng-office.com"}
            )
            if hasattr(company, "iap_enrich_auto"):
                company.with_user(admin).iap_enrich_auto()
            customer = Partner.with_user(self.manager).create(
                {"name": "离线客户", "phone": "13800138000", "mobile": "021-5555 0101"}
            )
            message = company_partner.message_post(
                body=Markup(
                    '<p>见 <a href="https://www.ruifeng-office.com/catalog">目录</a></p>'
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            Preview = self.env["mail.link.preview"]
            if Preview._is_link_preview_enabled():  # the controller's own gate
                Preview._create_from_message_and_notify(message)
            crons = self.env["ir.cron"].browse(
                self.env["ir.model.data"]
                .search(
                    [
                        ("model", "=", "ir.cron"),
                        ("module", "in", _suite_modules(self.env)),
                    ]
                )
                .mapped("res_id")
            )
            for cron in crons.exists():
                cron.method_direct_trigger()
            self.env.flush_all()
        self.assertTrue(customer.exists())
        self.assertEqual(guard.attempts, [])
