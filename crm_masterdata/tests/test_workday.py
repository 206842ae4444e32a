from datetime import date, datetime

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install")
class TestWorkday(BaseCommon):
    """The yearly holiday schedule (crm.workday) on the company's calendar:
    Asia/Shanghai, 08:00-12:00 and 13:00-17:00, Monday to Friday."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Workday Test Calendar",
                "tz": "Asia/Shanghai",
                "company_id": cls.company.id,
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {
                            "name": f"Day {day} {period}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for hour_from, hour_to, period in (
                        (8, 12, "morning"),
                        (13, 17, "afternoon"),
                    )
                ],
            }
        )
        cls.company.resource_calendar_id = cls.calendar
        cls.other_company = cls.env["res.company"].create({"name": "WD Other Co"})
        cls.Workday = cls.env["crm.workday"]
        # the demo schedule stays out of the test
        cls.Workday.search([]).unlink()
        cls.Workday.create(
            [
                {"date": date(2026, 10, day), "kind": "holiday", "name": "国庆节"}
                for day in range(1, 8)
            ]
            + [{"date": date(2026, 10, 10), "kind": "workday", "name": "国庆节调休"}]
        )
        cls.md_user = new_test_user(
            cls.env,
            login="wd_user",
            groups="crm_masterdata.crm_masterdata_group_user",
        )
        cls.md_admin = new_test_user(
            cls.env,
            login="wd_admin",
            groups="crm_masterdata.crm_masterdata_group_admin",
        )

    def test_is_working_day(self):
        company = self.company
        # Wednesday 30 September: a plain working day; Saturday 26 September not
        self.assertTrue(company._crm_is_working_day(date(2026, 9, 30)))
        self.assertFalse(company._crm_is_working_day(date(2026, 9, 26)))
        # Thursday 1 October: a public holiday; so is the Monday 5 October
        self.assertFalse(company._crm_is_working_day(date(2026, 10, 1)))
        self.assertFalse(company._crm_is_working_day(date(2026, 10, 5)))
        # Saturday 10 October: a make-up working day (调休)
        self.assertTrue(company._crm_is_working_day(date(2026, 10, 10)))
        # a datetime is taken as its day, a string as a date
        self.assertTrue(company._crm_is_working_day(datetime(2026, 10, 10, 9, 0)))
        self.assertFalse(company._crm_is_working_day("2026-10-02"))
        # Sunday 11 October stays off
        self.assertFalse(company._crm_is_working_day(date(2026, 10, 11)))

    def test_company_day_over_shared_day(self):
        # the other company works on 2 October (its own day) but not on the
        # shared make-up Saturday, which it declares a holiday
        self.Workday.create(
            [
                {
                    "date": date(2026, 10, 2),
                    "kind": "workday",
                    "name": "值班",
                    "company_id": self.other_company.id,
                },
                {
                    "date": date(2026, 10, 10),
                    "kind": "holiday",
                    "name": "公司假日",
                    "company_id": self.other_company.id,
                },
            ]
        )
        self.other_company.resource_calendar_id = self.calendar
        self.assertTrue(self.other_company._crm_is_working_day(date(2026, 10, 2)))
        self.assertFalse(self.other_company._crm_is_working_day(date(2026, 10, 10)))
        # the first company keeps the shared schedule
        self.assertFalse(self.company._crm_is_working_day(date(2026, 10, 2)))
        self.assertTrue(self.company._crm_is_working_day(date(2026, 10, 10)))

    def test_without_calendar_monday_to_friday(self):
        company = self.env["res.company"].create({"name": "WD No Calendar"})
        company.resource_calendar_id = False
        self.assertTrue(company._crm_is_working_day(date(2026, 9, 30)))
        self.assertFalse(company._crm_is_working_day(date(2026, 9, 27)))
        self.assertFalse(company._crm_is_working_day(date(2026, 10, 1)))
        self.assertTrue(company._crm_is_working_day(date(2026, 10, 10)))

    def test_odoo_global_time_off(self):
        # Odoo's own time off of the calendar is a holiday too
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Company day",
                "calendar_id": self.calendar.id,
                "company_id": self.company.id,
                "date_from": datetime(2026, 9, 28, 16, 0),
                "date_to": datetime(2026, 9, 29, 15, 59, 59),
            }
        )
        self.assertFalse(self.company._crm_is_working_day(date(2026, 9, 29)))
        self.assertTrue(self.company._crm_is_working_day(date(2026, 9, 28)))

    def test_add_working_hours(self):
        add = self.company._crm_add_working_hours
        # Wednesday 30 September 16:00 Shanghai (08:00 UTC) + 3h: 1h that day,
        # 1-7 October off, Thursday 8 October 10:00 (02:00 UTC)
        self.assertEqual(
            add(datetime(2026, 9, 30, 8, 0), 3), datetime(2026, 10, 8, 2, 0)
        )
        # 1h + 8h (Thu 8) + 8h (Fri 9) + 1h on the make-up Saturday 10
        self.assertEqual(
            add(datetime(2026, 9, 30, 8, 0), 18), datetime(2026, 10, 10, 1, 0)
        )
        self.assertEqual(add(datetime(2026, 9, 30, 8, 0), 0), datetime(2026, 9, 30, 8))

    def test_one_line_a_day(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.Workday.create(
                    {"date": date(2026, 10, 1), "kind": "holiday", "name": "again"}
                )
        # a company's own line on a shared day is allowed, once
        self.Workday.create(
            {
                "date": date(2026, 10, 1),
                "kind": "holiday",
                "name": "国庆节",
                "company_id": self.company.id,
            }
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.Workday.create(
                    {
                        "date": date(2026, 10, 1),
                        "kind": "holiday",
                        "name": "again",
                        "company_id": self.company.id,
                    }
                )

    def test_csv_import(self):
        """A year's schedule imported as the list's import does (load), by a
        master data administrator; kinds by value or by label."""
        result = self.Workday.with_user(self.md_admin).load(
            ["date", "kind", "name"],
            [
                ["2027-01-01", "holiday", "元旦"],
                ["2027-02-06", "Make-up Working Day", "春节调休"],
            ],
        )
        self.assertFalse(result["messages"], result["messages"])
        days = self.Workday.browse(result["ids"])
        self.assertEqual(days.mapped("kind"), ["holiday", "workday"])
        self.assertFalse(self.company._crm_is_working_day(date(2027, 1, 1)))
        self.assertTrue(self.company._crm_is_working_day(date(2027, 2, 6)))
        templates = self.Workday.get_import_templates()
        self.assertTrue(templates[0]["template"].endswith(".csv"))

    def test_access(self):
        day = self.Workday.search([("date", "=", date(2026, 10, 1))])
        # suite users read the schedule, do not change it
        self.assertEqual(day.with_user(self.md_user).name, "国庆节")
        with self.assertRaises(AccessError):
            day.with_user(self.md_user).name = "x"
        with self.assertRaises(AccessError):
            self.Workday.with_user(self.md_user).create(
                {"date": date(2026, 12, 25), "kind": "holiday", "name": "x"}
            )
        with self.assertRaises(AccessError):
            day.with_user(self.md_user).unlink()
        # master data administrators keep it
        new = self.Workday.with_user(self.md_admin).create(
            {"date": date(2026, 12, 31), "kind": "holiday", "name": "x"}
        )
        new.with_user(self.md_admin).name = "年终"
        new.with_user(self.md_admin).unlink()
        self.assertFalse(new.exists())
        # another company's own days stay with it
        own = self.Workday.create(
            {
                "date": date(2026, 12, 24),
                "kind": "holiday",
                "name": "other",
                "company_id": self.other_company.id,
            }
        )
        self.assertFalse(
            self.Workday.with_user(self.md_user).search([("id", "=", own.id)])
        )


@tagged("post_install", "-at_install")
class TestWorkdayDemo(BaseCommon):
    def test_demo_schedule_2026(self):
        """The demo year's official schedule: 33 public holidays and 6
        make-up working days, for every company."""
        module = self.env["ir.module.module"].search([("name", "=", "crm_masterdata")])
        if not module.demo:
            self.assertFalse(self.env["crm.workday"].search_count([]))
            return
        days = self.env["crm.workday"].search(
            [("date", ">=", "2026-01-01"), ("date", "<=", "2026-12-31")]
        )
        self.assertEqual(len(days.filtered(lambda d: d.kind == "holiday")), 33)
        workdays = days.filtered(lambda d: d.kind == "workday")
        self.assertEqual(
            sorted(str(d) for d in workdays.mapped("date")),
            [
                "2026-01-04",
                "2026-02-14",
                "2026-02-28",
                "2026-05-09",
                "2026-09-20",
                "2026-10-10",
            ],
        )
        self.assertFalse(days.company_id)
        # every make-up day is a weekend day, every holiday lies in a week
        self.assertTrue(all(d.date.weekday() >= 5 for d in workdays))
