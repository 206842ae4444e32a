"""No calls to Odoo's servers from the suite (house rule: nothing beyond
loopback at run time).

Odoo installs ``iap``, ``sms``, ``snailmail`` and ``partner_autocomplete`` in
every database with ``base_setup``. The suite depends on none of them, and
switches off, without uninstalling anything, what would make its screens and
flows call out:

* the suite's views (forms, lists, kanbans and their inline views) show names
  and VAT numbers as plain text and partner many2ones without the company
  lookup of ``partner_autocomplete`` (which sets its widget on every partner
  form in ``_get_view``), phone fields without the SMS button, and their ⚙
  menu without "Send SMS";
* companies are marked as already enriched (``iap_enrich_auto_done``), so
  neither their creation nor an administrator's login asks Odoo's servers
  about them;
* the weekly update notification cron and link previews in the chatter are
  switched off by data (``data/crm_offline.xml``, noupdate).

readme/CONFIGURE.md says how a company switches each of them back on.
"""

import ast

from odoo import api, models

from .ir_actions_report import is_suite_module

# Widgets of partner_autocomplete that look companies up on Odoo's servers.
ONLINE_WIDGETS = ("field_partner_autocomplete", "res_partner_many2one")
# Wizards that send through Odoo's servers (sms's "Send SMS" in the ⚙ menu).
ONLINE_WIZARDS = ("sms.composer",)


def _offline_options(options):
    """``options`` (a view attribute) with ``enable_sms`` set to False."""
    try:
        values = ast.literal_eval(options) if options else {}
    except (ValueError, SyntaxError):
        values = None
    if isinstance(values, dict):
        values["enable_sms"] = False
        return repr(values)
    # not a literal (it uses the record's fields): prepend the key
    body = options.strip()[1:].strip()
    return "{'enable_sms': False" + (", " + body if body != "}" else "}")


def offline_arch(arch):
    """Switch off, in place, the widgets of ``arch`` that call Odoo's servers:
    the partner lookups (back to the plain char/many2one widgets) and the
    phone widgets' SMS button."""
    for node in arch.iter("field"):
        widget = node.get("widget")
        if widget in ONLINE_WIDGETS:
            del node.attrib["widget"]
        elif widget == "phone" and "enable_sms" not in (node.get("options") or ""):
            node.set("options", _offline_options(node.get("options")))
    return arch


def is_suite_view(view):
    """Whether ``view`` (a root view) is one of the suite's addons' views."""
    if not view:
        return False
    xml_id = view.sudo().xml_id
    return bool(xml_id) and is_suite_module(xml_id.split(".", 1)[0])


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if is_suite_view(view):
            offline_arch(arch)
        return arch, view

    @api.model
    def get_views(self, views, options=None):
        # the ⚙ menu of the suite's views leaves out the wizards that send
        # through Odoo's servers (bound to the model by sms, for example)
        result = super().get_views(views, options)
        online = None
        for view in result["views"].values():
            actions = view.get("toolbar", {}).get("action")
            if not actions or not is_suite_view(
                self.env["ir.ui.view"].browse(view.get("id"))
            ):
                continue
            if online is None:
                online = set(
                    self.env["ir.actions.act_window"]
                    .sudo()
                    .search(
                        [
                            ("res_model", "in", ONLINE_WIZARDS),
                            ("binding_model_id.model", "=", self._name),
                        ]
                    )
                    .ids
                )
            view["toolbar"]["action"] = [
                a for a in actions if a.get("id") not in online
            ]
        return result


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        # partner_autocomplete sets its widget in res.partner's own _get_view
        # (above "base"): undo it here, after it (this addon loads later).
        arch, view = super()._get_view(view_id, view_type, **options)
        if is_suite_view(view):
            offline_arch(arch)
        return arch, view


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    def init(self):
        # Runs when this addon is installed or updated and when an addon that
        # adds the flag (partner_autocomplete) is installed later: the
        # companies that exist then are not enriched from Odoo's servers.
        res = super().init()
        if "iap_enrich_auto_done" in self._fields:
            self.env.cr.execute(
                "UPDATE res_company SET iap_enrich_auto_done = TRUE"
                " WHERE iap_enrich_auto_done IS NOT TRUE"
            )
        return res

    @api.model
    def _crm_offline_defaults(self):
        """Switch off, once, the outgoing calls a company may switch back on:
        mail's weekly update notification to services.odoo.com and chatter
        link previews (the server fetched every URL posted in the chatter).
        Run when crm_masterdata is installed (data/crm_offline.xml, noupdate)
        and by its 18.0.1.1.0 migration for databases installed before."""
        cron = self.env.ref(
            "mail.ir_cron_module_update_notification", raise_if_not_found=False
        )
        if cron:
            cron.sudo().active = False
        self.env["ir.config_parameter"].sudo().set_param(
            "mail.link_preview_throttle", "0"
        )

    @api.model_create_multi
    def create(self, vals_list):
        if "iap_enrich_auto_done" in self._fields:
            for vals in vals_list:
                vals.setdefault("iap_enrich_auto_done", True)
        return super().create(vals_list)
