"""Time in the generated history: Shanghai working days ending today.

Times are integer seconds since local (Asia/Shanghai) midnight of the first
day; positions in the sales process are "work positions": a float whose integer
part indexes a working day (Monday to Friday) and whose fraction is the share of
its working hours (08:30 to 18:30) gone by. Laying a story out in work
positions keeps every visit and call in working hours, whatever weekends fall
in between. The database stores naive UTC.
"""

from bisect import bisect_left, bisect_right
from datetime import datetime, time, timedelta

TZ = "Asia/Shanghai"
TZ_OFFSET = 8 * 3600  # no daylight saving time in China
DAY = 86400
WORK_START = 8 * 3600 + 30 * 60
WORK_SECONDS = 10 * 3600
HOUR = 3600


class Calendar:
    def __init__(self, now_utc, years=3, future_days=200):
        self.now_utc = now_utc
        local_now = now_utc + timedelta(seconds=TZ_OFFSET)
        self.today = local_now.date()
        self.start = self.today - timedelta(days=round(365.25 * years))
        self.base = datetime.combine(self.start, time.min)
        self.now = int((local_now - self.base).total_seconds())
        self.today_day = (self.today - self.start).days
        days = self.today_day + future_days
        self.workdays = [day for day in range(days) if (self.start + timedelta(days=day)).weekday() < 5]
        last = bisect_right(self.workdays, self.today_day) - 1
        if self.workdays[last] == self.today_day:
            elapsed = (self.now - self.today_day * DAY - WORK_START) / WORK_SECONDS
            self.now_w = last + min(max(elapsed, 0.0), 1.0)
        else:
            self.now_w = last + 1.0  # a weekend: Friday is over
        # Day strings from the day before the start (UTC lags Shanghai by 8 hours).
        first = self.start - timedelta(days=1)
        self._utc_days = [(first + timedelta(days=index)).isoformat() for index in range(days + 2)]
        self._local_days = self._utc_days[1:]
        self._clock = [f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}" for s in range(DAY)]

    # -- conversions --------------------------------------------------------

    def at(self, w):
        """Local seconds of work position ``w`` (>= 0)."""
        index = int(w)
        return self.workdays[index] * DAY + WORK_START + int((w - index) * WORK_SECONDS)

    def utc(self, t):
        """'YYYY-MM-DD HH:MM:SS' in UTC of local seconds ``t``."""
        day, seconds = divmod(t - TZ_OFFSET + DAY, DAY)
        return self._utc_days[day] + " " + self._clock[seconds]

    def day_of(self, t):
        """Local day number (0 = the first day) of local seconds ``t``."""
        return t // DAY

    def date(self, day):
        """'YYYY-MM-DD' of local day number ``day``."""
        return self._local_days[day]

    def w_of_day(self, day):
        """Work position of the start of the first working day on or after ``day``."""
        return float(bisect_left(self.workdays, day))

    def end_of_day(self, day):
        """Last second of local day ``day``: what "due that day" allows."""
        return (day + 1) * DAY - 1


def clip(value, low, high):
    """``value`` within [low, high]; ``low`` wins when the window is empty."""
    return max(low, min(value, high))


def local_minute(cal, t):
    """'YYYY-MM-DD HH:MM' local time of local seconds ``t``, as activity notes show it."""
    return f"{cal.date(cal.day_of(t))} {t % DAY // 3600:02d}:{t % 3600 // 60:02d}"
