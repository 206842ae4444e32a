import logging

from odoo import api, models

_logger = logging.getLogger(__name__)

# Odoo's own apps whose demo data uses Odoo's English demo records: beside them
# those records stay active
ODOO_DEMO_APPS = ("account", "crm", "project", "sale", "purchase", "stock")


class ResCompany(models.Model):
    _inherit = "res.company"

    def _crm_lang(self):
        """The language of the texts the suite stores for everyone who reads a
        record (descriptions, chatter messages, cron messages): the company
        partner's language, else the current one."""
        company = self[:1].sudo() or self.env.company.sudo()
        return company.partner_id.lang or self.env.lang or "en_US"

    def _crm_tz(self):
        """The time zone in which a scheduled job (run as superuser) counts
        its days: the company partner's, else the user's, else UTC."""
        company = self[:1].sudo() or self.env.company.sudo()
        return company.partner_id.tz or self.env.user.tz or "UTC"

    @api.model
    def _crm_demo_localize(self):
        """Demo data only: make Odoo's demo company a Chinese company in CNY
        (¥) and keep Odoo's English demo people, companies, departments and
        products out of the suite's lists and pickers. Called from the suite's
        demo data, so installing without demo data changes nothing."""
        company = self.env.ref("base.main_company")
        cny = self.env.ref("base.CNY")
        cny.active = True
        if company.currency_id != cny:
            moves = "account.move.line" in self.env and self.env[
                "account.move.line"
            ].sudo().search_count([("company_id", "=", company.id)], limit=1)
            if moves:
                _logger.info(
                    "Demo company keeps its currency: it already has journal items"
                )
            else:
                company.currency_id = cny
        # price lists of the company (and shared ones) in yuan
        pricelists = (
            self.env["product.pricelist"]
            .with_context(active_test=False)
            .search([("company_id", "in", (False, company.id))])
        )
        pricelists.filtered(lambda p: p.currency_id != cny).currency_id = cny
        default = self.env.ref("product.list0", raise_if_not_found=False)
        if default:
            default.name = "默认价格表"
        for user in self.env.ref("base.user_admin") | self.env.ref(
            "base.user_demo", raise_if_not_found=False
        ):
            user.tz = "Asia/Shanghai"
        company.partner_id.tz = "Asia/Shanghai"
        # Chinese for the company and the demo people, when it is installed
        # (./crm serve loads it before the addons)
        if self.env["res.lang"]._lang_get("zh_CN"):
            user_ids = (
                self.env["ir.model.data"]
                .search(
                    [("module", "=", "crm_masterdata"), ("model", "=", "res.users")]
                )
                .mapped("res_id")
            )
            users = self.env["res.users"].browse(user_ids).exists()
            (users | self.env.ref("base.user_admin")).lang = "zh_CN"
            company.partner_id.lang = "zh_CN"
        installed = self.env["ir.module.module"].search_count(
            [
                ("name", "in", ODOO_DEMO_APPS),
                ("state", "in", ("installed", "to install", "to upgrade")),
            ]
        )
        if not installed:
            self._crm_demo_archive_odoo_demo(company)

    @api.model
    def _crm_demo_archive_odoo_demo(self, company):
        """Archive the records Odoo's base, hr and product demo data add (Azure
        Interior, Abigail Peterson, "Research & Development", "Office Chair"...):
        the suite's demo company has its own. Users, their partners and
        employees, and the companies' partners stay."""
        Data = self.env["ir.model.data"]

        def demo_records(model, modules):
            ids = Data.search(
                [("model", "=", model), ("module", "in", modules)]
            ).mapped("res_id")
            return self.env[model].browse(ids).exists()

        admin = self.env.ref("base.user_admin")
        demo_user = self.env.ref("base.user_demo", raise_if_not_found=False)
        admin.partner_id.name = "系统管理员"
        admin_employee = admin.employee_ids.filtered(lambda e: e.company_id == company)
        admin_employee.write(
            {
                "name": "系统管理员",
                "department_id": self.env.ref(
                    "crm_masterdata.dept_gm_demo", raise_if_not_found=False
                ).id,
                "parent_id": False,
                "job_title": False,
            }
        )
        employees = demo_records("hr.employee", ("hr",)).filtered(
            lambda e: e.active and e not in admin_employee
        )
        employees.write({"user_id": False, "parent_id": False, "coach_id": False})
        employees.action_archive()
        departments = demo_records("hr.department", ("hr",)).filtered("active")
        departments.write({"manager_id": False})
        departments.action_archive()
        if demo_user and demo_user.active:
            demo_user.action_archive()
        users = self.env["res.users"].search([])
        keep_partners = users.partner_id | self.env["res.company"].search([]).partner_id
        partners = demo_records("res.partner", ("base",)) - keep_partners
        partners = partners.filtered("active")
        partners.action_archive()
        templates = demo_records("product.template", ("product",)).filtered("active")
        templates.action_archive()
        _logger.info(
            "Suite demo: archived %s partners, %s employees, %s departments and "
            "%s products of Odoo's English demo data",
            len(partners),
            len(employees),
            len(departments),
            len(templates),
        )
