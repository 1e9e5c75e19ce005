"""Working days for the SLA clock: Monday to Friday, minus Belgian public holidays and closure days.

A deadline is the end of the N-th working day after the day a question came in
(a question received on Friday with a 1-day term is due on Monday; on Easter
Monday it is due on Tuesday). Working days spent waiting for the asker are
added to the deadlines when the clock starts again.
"""

import datetime
from functools import lru_cache

import holidays

# How many working days ahead "due soon" looks.
DUE_SOON_DAYS = 1


@lru_cache(maxsize=64)
def _belgian_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("BE", years=year).keys())


class WorkingCalendar:
    """Belgian working days with the closure days read once (pass them in, or let it load them)."""

    def __init__(self, closure_days: set[datetime.date] | None = None) -> None:
        if closure_days is None:
            from .models import ClosureDay

            closure_days = set(ClosureDay.objects.values_list("date", flat=True))
        self.closure_days = closure_days

    def is_working_day(self, day: datetime.date) -> bool:
        return day.weekday() < 5 and day not in _belgian_holidays(day.year) and day not in self.closure_days

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The `days`-th working day after `start` (`start` itself is not counted)."""
        day = start
        remaining = days
        while remaining > 0:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days d with start < d <= end (0 when end is not after start)."""
        count = 0
        day = start
        while day < end:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def remaining(self, today: datetime.date, due: datetime.date) -> int:
        """Working days left until `due` (0 on the due day; negative once breached)."""
        if due >= today:
            return self.working_days_between(today, due)
        return -self.working_days_between(due, today)
