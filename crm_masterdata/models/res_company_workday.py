from datetime import date as date_type
from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models

# a make-up working day (调休) takes the hours of this weekday of the calendar
MAKEUP_WEEKDAY = "0"
# the walk gives up after this many days without finding the hours
MAX_DAYS = 366


# the working-day calendar on its own file, beside the company's other
# extensions (res_company.py): one concern per file
class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # The official schedule (crm.workday) on the company's calendar
    # ------------------------------------------------------------------
    def _crm_workday_kinds(self, first_day, last_day):
        """{date: "holiday" | "workday"} of the official schedule between the
        two dates (included): the company's own days over the shared ones."""
        self.ensure_one()
        days = (
            self.env["crm.workday"]
            .sudo()
            .search_read(
                [
                    ("date", ">=", first_day),
                    ("date", "<=", last_day),
                    ("company_id", "in", [False, self.id]),
                ],
                ["date", "kind", "company_id"],
                order="date",
            )
        )
        kinds = {}
        # shared days first, then the company's own ones replace them
        for day in sorted(days, key=lambda d: bool(d["company_id"])):
            kinds[day["date"]] = day["kind"]
        return kinds

    def _crm_calendar_slots(self, calendar):
        """{weekday: [(hour_from, hour_to, date_from, date_to)]} of the
        calendar's attendances (lunch breaks excluded)."""
        by_weekday = {}
        for att in calendar.attendance_ids:
            if att.day_period == "lunch" or att.resource_id:
                continue
            by_weekday.setdefault(att.dayofweek, []).append(
                (att.hour_from, att.hour_to, att.date_from, att.date_to)
            )
        return by_weekday

    def _crm_global_leaves(self, calendar, tz, utc_from, utc_to):
        """The calendar's global time off (Odoo's own public holidays:
        ``resource.calendar.leaves`` without a resource) as local intervals."""
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", False),
                    ("calendar_id", "in", [False, calendar.id]),
                    ("company_id", "in", [False, self.id]),
                    ("date_to", ">=", utc_from),
                    ("date_from", "<=", utc_to),
                ]
            )
        )
        return [
            (
                pytz.utc.localize(leave.date_from).astimezone(tz),
                pytz.utc.localize(leave.date_to).astimezone(tz),
            )
            for leave in leaves
        ]

    def _crm_day_slots(self, day, tz, by_weekday, kinds, leaves):
        """The working intervals (local, aware) of ``day``: none on a public
        holiday, a Monday's hours on a make-up working day, else the
        calendar's hours of that weekday less the global time off."""
        kind = kinds.get(day)
        if kind == "holiday":
            return []
        weekday = MAKEUP_WEEKDAY if kind == "workday" else str(day.weekday())
        midnight = datetime.combine(day, time())
        slots = []
        for hour_from, hour_to, date_from, date_to in sorted(
            by_weekday.get(weekday, []), key=lambda s: s[0]
        ):
            if (date_from and date_from > day) or (date_to and date_to < day):
                continue
            slot_start = tz.localize(midnight + timedelta(hours=hour_from))
            slot_end = tz.localize(midnight + timedelta(hours=hour_to))
            if kind != "workday" and any(
                leave_from <= slot_start and leave_to >= slot_end
                for leave_from, leave_to in leaves
            ):
                continue
            slots.append((slot_start, slot_end))
        return slots

    def _crm_is_working_day(self, day):
        """Whether ``day`` (a date, or a datetime taken as a day) is a working
        day of the company: its working calendar's weekdays (Monday to Friday
        without a calendar), less the public holidays (``crm.workday`` and the
        calendar's global time off), plus the make-up working days (调休)."""
        company = self[:1] or self.env.company
        if isinstance(day, datetime):
            day = day.date()
        elif not isinstance(day, date_type):
            day = fields.Date.to_date(day)
        kinds = company._crm_workday_kinds(day, day)
        calendar = company.sudo().resource_calendar_id
        if not calendar:
            if day in kinds:
                return kinds[day] == "workday"
            return day.weekday() < 5
        tz = pytz.timezone(calendar.tz or "UTC")
        day_start = tz.localize(datetime.combine(day, time()))
        leaves = company._crm_global_leaves(
            calendar,
            tz,
            day_start.astimezone(pytz.utc).replace(tzinfo=None),
            (day_start + timedelta(days=1)).astimezone(pytz.utc).replace(tzinfo=None),
        )
        return bool(
            company._crm_day_slots(
                day, tz, company._crm_calendar_slots(calendar), kinds, leaves
            )
        )

    def _crm_add_working_hours(self, start, hours):
        """The UTC (naive) datetime ``hours`` working hours after ``start`` (a
        naive UTC datetime) on the company's working calendar, in the
        calendar's time zone: its attendances (lunch excluded), less the public
        holidays, plus the make-up working days (which take a Monday's hours).
        Without a calendar, ``hours`` are counted as plain hours."""
        self.ensure_one()
        calendar = self.sudo().resource_calendar_id
        if not calendar or hours <= 0:
            return start + timedelta(hours=max(hours, 0))
        tz = pytz.timezone(calendar.tz or "UTC")
        local_start = pytz.utc.localize(start).astimezone(tz)
        first_day = local_start.date()
        last_day = first_day + timedelta(days=MAX_DAYS)
        by_weekday = self._crm_calendar_slots(calendar)
        kinds = self._crm_workday_kinds(first_day, last_day)
        leaves = self._crm_global_leaves(
            calendar, tz, start, datetime.combine(last_day, time.max)
        )
        remaining = hours
        day = first_day
        while day <= last_day:
            for slot_start, slot_end in self._crm_day_slots(
                day, tz, by_weekday, kinds, leaves
            ):
                slot_start = max(slot_start, local_start)
                if slot_start >= slot_end:
                    continue
                available = (slot_end - slot_start).total_seconds() / 3600.0
                if available >= remaining - 1e-9:
                    end = slot_start + timedelta(hours=remaining)
                    return end.astimezone(pytz.utc).replace(tzinfo=None)
                remaining -= available
            day += timedelta(days=1)
        return start + timedelta(hours=hours)
