from datetime import datetime, time, timedelta

import pytz

from odoo import models

# a make-up working day (调休) takes the hours of this weekday of the calendar
MAKEUP_WEEKDAY = "0"
# the walk gives up after this many days without finding the hours
MAX_DAYS = 366


class ResCompany(models.Model):
    _inherit = "res.company"

    def _crm_service_deadline(self, start, hours):
        """The UTC (naive) datetime ``hours`` working hours after ``start`` (a
        naive UTC datetime) on the company's working calendar: the calendar's
        attendances (lunch excluded), less its public holidays (global time off,
        ``resource.calendar.leaves`` without a resource), plus the make-up
        working days (``crm.service.workday``), which take a Monday's hours. A
        simple day-by-day walk in the calendar's time zone. Without a calendar,
        ``hours`` are counted as plain hours."""
        self.ensure_one()
        calendar = self.resource_calendar_id
        if not calendar or hours <= 0:
            return start + timedelta(hours=max(hours, 0))
        tz = pytz.timezone(calendar.tz or "UTC")
        local_start = pytz.utc.localize(start).astimezone(tz)
        attendances = calendar.attendance_ids.filtered(
            lambda a: a.day_period != "lunch" and not a.resource_id
        )
        by_weekday = {}
        for att in attendances:
            by_weekday.setdefault(att.dayofweek, []).append(
                (att.hour_from, att.hour_to, att.date_from, att.date_to)
            )
        first_day = local_start.date()
        last_day = first_day + timedelta(days=MAX_DAYS)
        makeup = set(
            self.env["crm.service.workday"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.id),
                    ("date", ">=", first_day),
                    ("date", "<=", last_day),
                ]
            )
            .mapped("date")
        )
        leaves = [
            (
                pytz.utc.localize(leave.date_from).astimezone(tz),
                pytz.utc.localize(leave.date_to).astimezone(tz),
            )
            for leave in self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", False),
                    ("calendar_id", "in", [False, calendar.id]),
                    ("company_id", "in", [False, self.id]),
                    ("date_to", ">=", start),
                    (
                        "date_from",
                        "<=",
                        datetime.combine(last_day, time.max),
                    ),
                ]
            )
        ]
        remaining = hours
        day = first_day
        while day <= last_day:
            weekday = MAKEUP_WEEKDAY if day in makeup else str(day.weekday())
            slots = sorted(
                (hour_from, hour_to)
                for hour_from, hour_to, date_from, date_to in by_weekday.get(
                    weekday, []
                )
                if (not date_from or date_from <= day)
                and (not date_to or date_to >= day)
            )
            for hour_from, hour_to in slots:
                slot_start = tz.localize(
                    datetime.combine(day, time()) + timedelta(hours=hour_from)
                )
                slot_end = tz.localize(
                    datetime.combine(day, time()) + timedelta(hours=hour_to)
                )
                if day not in makeup and any(
                    leave_from <= slot_start and leave_to >= slot_end
                    for leave_from, leave_to in leaves
                ):
                    continue
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
