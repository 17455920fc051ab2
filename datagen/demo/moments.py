"""Time in the demo: everything is relative to the day the data is loaded."""

from dataclasses import dataclass

MAX_AGE_DAYS = 89  # nothing older than three months
SHANGHAI_UTC_OFFSET = 8 * 60  # minutes; working hours in Shanghai are 01:00-10:30 UTC


@dataclass(frozen=True)
class Moment:
    """``days`` days ago (negative: in the future) at ``minute`` minutes after
    midnight, Shanghai time. Kept between 08:00 and 23:59 Shanghai time, so the
    UTC date is the Shanghai date and "days ago" means the same in both."""

    days: int
    minute: int = 10 * 60

    def key(self):
        return (-self.days, self.minute)

    def _day(self):
        if self.days > 0:
            return f"(DateTime.today() - relativedelta(days={self.days}))"
        if self.days < 0:
            return f"(DateTime.today() + relativedelta(days={-self.days}))"
        return "DateTime.today()"

    def datetime_expr(self):
        hour, minute = divmod(self.minute - SHANGHAI_UTC_OFFSET, 60)
        return f"{self._day()}.strftime('%Y-%m-%d {hour:02d}:{minute:02d}:00')"

    def date_expr(self):
        return f"{self._day()}.strftime('%Y-%m-%d')"

    def later(self, minutes):
        return Moment(self.days, min(self.minute + minutes, 23 * 60))

    def __str__(self):
        when = f"D-{self.days}" if self.days >= 0 else f"D+{-self.days}"
        return f"{when} {self.minute // 60:02d}:{self.minute % 60:02d}"


@dataclass(frozen=True)
class HoursAgo:
    """A moment a few hours before the data is loaded (leads that just came in)."""

    hours: int

    def datetime_expr(self, plus_hours=0):
        delta = plus_hours - self.hours
        sign = "+" if delta >= 0 else "-"
        return f"(DateTime.today() {sign} relativedelta(hours={abs(delta)})).strftime('%Y-%m-%d %H:%M:%S')"

    def __str__(self):
        return f"{self.hours} hours ago"
