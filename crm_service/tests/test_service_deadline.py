from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ServiceCommon


@tagged("post_install", "-at_install")
class TestServiceDeadline(ServiceCommon):
    """Deadlines count working hours on the company's calendar (Asia/Shanghai,
    08:00-12:00 and 13:00-17:00, Monday to Friday), skipping public holidays
    and counting make-up working days (调休) of crm_masterdata's holiday
    schedule (``crm.workday``), and skipping Odoo's global time off."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the demo's schedule stays out of the test
        cls.env["crm.workday"].search([]).unlink()
        # 劳动节 2026: Friday 1 May to Tuesday 5 May
        cls.env["crm.workday"].create(
            [
                {"date": date(2026, 5, day), "kind": "holiday", "name": "劳动节"}
                for day in range(1, 6)
            ]
        )
        # Thursday 30 April 2026, 09:00 in Shanghai
        cls.start = datetime(2026, 4, 30, 1, 0)

    def deadline(self, hours):
        return self.company._crm_add_working_hours(self.start, hours)

    def test_same_day(self):
        # 09:00 + 2h = 11:00 Shanghai = 03:00 UTC
        self.assertEqual(self.deadline(2), datetime(2026, 4, 30, 3, 0))
        # over the lunch break: 09:00 + 4h = 14:00 Shanghai
        self.assertEqual(self.deadline(4), datetime(2026, 4, 30, 6, 0))

    def test_holiday_skipped(self):
        # 7h on Thursday, Friday to Tuesday off, 8h on Wednesday 6 May, 1h on
        # Thursday 7 May: 09:00 Shanghai
        self.assertEqual(self.deadline(16), datetime(2026, 5, 7, 1, 0))

    def test_makeup_saturday_counts(self):
        # 7 + 8 (Wed 6) + 8 (Thu 7) + 8 (Fri 8) = 31h; then Monday 11 May
        without = self.deadline(40)
        self.assertEqual(without, datetime(2026, 5, 12, 1, 0))
        self.env["crm.workday"].create(
            {"date": date(2026, 5, 9), "kind": "workday", "name": "劳动节调休"}
        )
        # Saturday 9 May is a working day: 39h at its end, 1h on Monday
        self.assertEqual(self.deadline(40), datetime(2026, 5, 11, 1, 0))

    def test_start_outside_working_hours(self):
        # Saturday 25 April 2026, 10:00 Shanghai: counted from Monday 08:00
        start = datetime(2026, 4, 25, 2, 0)
        self.assertEqual(
            self.company._crm_add_working_hours(start, 3), datetime(2026, 4, 27, 3, 0)
        )

    def test_request_deadline_from_type_and_priority(self):
        request = self._request(priority="3")
        expected = self.company._crm_add_working_hours(
            request.create_date, self.type_remote.hours_urgent
        )
        self.assertEqual(request.deadline, expected)
        request.priority = "0"
        self.assertEqual(
            request.deadline,
            self.company._crm_add_working_hours(
                request.create_date, self.type_remote.hours_low
            ),
        )
        self.assertGreater(request.deadline, request.create_date)
        # a manager sets another deadline by hand
        manual = request.create_date + timedelta(days=10)
        request.with_user(self.svc_mgr).deadline = manual
        self.assertEqual(request.deadline, manual)

    def test_odoo_global_time_off_skipped(self):
        """Odoo's own public holidays (global time off of the calendar) count
        too: Friday 19 June off, Thursday 16:00 + 2h = Monday 09:00."""
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Dragon Boat",
                "calendar_id": self.calendar.id,
                "company_id": self.company.id,
                "date_from": datetime(2026, 6, 18, 16, 0),
                "date_to": datetime(2026, 6, 19, 15, 59, 59),
            }
        )
        start = datetime(2026, 6, 18, 8, 0)
        self.assertEqual(
            self.company._crm_add_working_hours(start, 2), datetime(2026, 6, 22, 1, 0)
        )

    def test_schedule_kept_by_service_administrators(self):
        Workday = self.env["crm.workday"]
        values = {"date": date(2026, 6, 19), "kind": "holiday", "name": "Dragon Boat"}
        holiday = Workday.with_user(self.svc_admin).create(values)
        holiday.with_user(self.svc_admin).name = "端午节"
        with self.assertRaises(AccessError):
            Workday.with_user(self.agent).create(
                dict(values, date=date(2026, 6, 22), name="Agent's day off")
            )
        with self.assertRaises(AccessError):
            holiday.with_user(self.agent).unlink()
        with self.assertRaises(AccessError):
            holiday.with_user(self.agent).name = "x"
        # the agent reads the schedule
        self.assertEqual(holiday.with_user(self.agent).name, "端午节")
        # Friday 19 June is off: Thursday 16:00 + 2h = Monday 09:00
        start = datetime(2026, 6, 18, 8, 0)
        self.assertEqual(
            self.company._crm_add_working_hours(start, 2), datetime(2026, 6, 22, 1, 0)
        )
