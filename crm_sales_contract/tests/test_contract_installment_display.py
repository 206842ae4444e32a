from datetime import date

from odoo.tests import freeze_time, tagged
from odoo.tools import format_amount

from ..models.crm_contract_installment import CALENDAR_COLORS
from .common import ContractCommon


@tagged("post_install", "-at_install")
class TestInstallmentDisplay(ContractCommon):
    """The installment picker (receipt allocation) and the collection calendar
    say what an installment is, in the reader's language, and reminders write
    dates for their reader."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search(
            [("name", "=", "crm_sales_contract")]
        )._update_translations(["zh_CN"], overwrite=True)
        cls.contract = cls._contract(
            lines=((1.0, 12000.0),), date_signed=date(2026, 11, 1)
        )
        cls.contract.partner_id.crm_receivable_days = 30
        cls.contract._crm_generate_installments(count=12)
        cls.first = cls.contract.installment_ids[0]
        cls.first.write({"name": "第 1/12 期"})

    def _amount(self, lang):
        """1,000.00 in the company's currency (¥ in the suite's demo company;
        another one when Odoo's accounting chose the currency)."""
        env = self.env(context=dict(self.env.context, lang=lang))
        text = format_amount(env, 1000.0, self.company.currency_id)
        if self.company.currency_id == self.env.ref("base.CNY"):
            self.assertEqual(text, "¥\N{NO-BREAK SPACE}1,000.00")
        return text

    def test_picker_name_in_chinese(self):
        first = self.first.with_context(lang="zh_CN")
        self.assertEqual(
            first.display_name,
            f"{self.contract.name} · 第 1/12 期 · 2026年12月01日 · "
            f"待收 {self._amount('zh_CN')}",
        )

    def test_picker_name_in_english(self):
        name = self.first.with_context(lang="en_US").display_name
        self.assertIn(self.contract.name, name)
        self.assertIn("12/01/2026", name)
        self.assertTrue(name.endswith(f"Open {self._amount('en_US')}"), name)

    def test_name_search_by_contract_or_customer(self):
        Installment = self.env["crm.contract.installment"].with_user(self.rep)
        by_contract = Installment.name_search(self.contract.name, limit=100)
        self.assertEqual(len(by_contract), 12)
        self.assertIn(self.first.id, [i for i, _n in by_contract])
        by_customer = Installment.name_search("CT Customer Rep", limit=100)
        self.assertIn(self.first.id, [i for i, _n in by_customer])
        self.assertFalse(Installment.name_search("no such contract or customer"))
        # another salesperson finds nothing of it (the rules still apply)
        other = self.env["crm.contract.installment"].with_user(self.rep2)
        self.assertFalse(other.name_search(self.contract.name))

    def test_calendar_entry_and_colour(self):
        calendar = self.first.with_context(crm_installment_calendar=True)
        self.assertEqual(
            calendar.display_name, f"CT Customer Rep · {self._amount('en_US')}"
        )
        action = self.env.ref(
            "crm_sales_contract.crm_contract_installment_action_calendar"
        )
        self.assertIn("crm_installment_calendar", action.context)
        self.assertEqual(self.first.crm_calendar_color, CALENDAR_COLORS["open"])
        self.contract.action_confirm()
        with freeze_time("2027-01-15"):
            self.first._crm_refresh_state()
            self.assertEqual(self.first.state, "overdue")
            self.assertEqual(self.first.crm_calendar_color, CALENDAR_COLORS["overdue"])
        self.first._crm_apply_payment(1000.0)
        self.assertEqual(self.first.state, "paid")
        self.assertEqual(self.first.crm_calendar_color, CALENDAR_COLORS["paid"])
        self.assertNotEqual(CALENDAR_COLORS["paid"], CALENDAR_COLORS["overdue"])
        self.assertNotEqual(CALENDAR_COLORS["open"], CALENDAR_COLORS["overdue"])
        self.assertEqual(
            self.first.with_context(lang="zh_CN").display_name.split(" · ")[-1],
            "已回款",
        )

    def test_reminder_dates_for_their_reader(self):
        self.contract.action_confirm()
        with freeze_time("2026-11-29"):
            zh = self.first.with_context(lang="zh_CN")._crm_reminder_values(
                "due_soon", date(2026, 11, 29)
            )
            en = self.first.with_context(lang="en_US")._crm_reminder_values(
                "due_soon", date(2026, 11, 29)
            )
        self.assertIn("2026年12月01日", zh[0])
        self.assertIn("2026年12月01日", zh[1])
        self.assertNotIn("2026-12-01", zh[0] + zh[1])
        self.assertIn("12/01/2026", en[0])
