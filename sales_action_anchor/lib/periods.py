"""The team's day: periods given as local dates turned into UTC bounds, and
the local month of a UTC moment. Every figure is counted in one time zone, so
that what happens at 07:00 in Shanghai on the 1st counts in that day and month,
not in the previous ones (it is still the 30th at 23:00 UTC)."""

from datetime import datetime, time, timedelta

import pytz


def local_bounds(start, end, tz_name):
    """``[start 00:00, the day after end 00:00)`` in ``tz_name``, as naive
    UTC datetimes (how Odoo stores datetimes)."""
    tz = pytz.timezone(tz_name or "UTC")

    def utc_midnight(day):
        local = tz.localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    return utc_midnight(start), utc_midnight(end + timedelta(days=1))


def local_date(moment, tz_name):
    """The date, in ``tz_name``, of ``moment`` (a naive UTC datetime)."""
    return pytz.utc.localize(moment).astimezone(pytz.timezone(tz_name or "UTC")).date()


def local_month(moment, tz_name):
    """The first day of the month, in ``tz_name``, of ``moment`` (naive UTC)."""
    return local_date(moment, tz_name).replace(day=1)
