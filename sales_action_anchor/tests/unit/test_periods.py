from datetime import date, datetime

from lib.periods import local_bounds, local_date, local_month
from lib.rpc_values import rpc_safe


def test_a_shanghai_month_starts_at_16_00_utc_the_day_before():
    assert local_bounds(date(2026, 3, 1), date(2026, 3, 31), "Asia/Shanghai") == (
        datetime(2026, 2, 28, 16, 0),
        datetime(2026, 3, 31, 16, 0),
    )


def test_a_new_york_day_follows_daylight_saving_time():
    # 8 March 2026: clocks go forward in New York (UTC-5 to UTC-4).
    assert local_bounds(date(2026, 3, 8), date(2026, 3, 8), "America/New_York") == (
        datetime(2026, 3, 8, 5, 0),
        datetime(2026, 3, 9, 4, 0),
    )


def test_without_a_time_zone_days_are_utc_days():
    assert local_bounds(date(2026, 3, 1), date(2026, 3, 1), False) == (
        datetime(2026, 3, 1),
        datetime(2026, 3, 2),
    )


def test_07_00_in_shanghai_on_the_first_is_in_that_month():
    moment = datetime(2026, 2, 28, 23, 0)  # 1 March 07:00 in Shanghai
    assert local_date(moment, "Asia/Shanghai") == date(2026, 3, 1)
    assert local_month(moment, "Asia/Shanghai") == date(2026, 3, 1)
    assert local_month(moment, "UTC") == date(2026, 2, 1)
    assert local_month(datetime(2026, 3, 1, 3, 0), "America/New_York") == date(2026, 2, 1)


def test_rpc_safe_replaces_none_at_any_depth_and_keeps_zeros():
    data = {"rate": None, "rows": [{"rate": 0.0, "count": 0, "ok": None}], "pair": (None, 1), "name": ""}
    assert rpc_safe(data) == {
        "rate": False,
        "rows": [{"rate": 0.0, "count": 0, "ok": False}],
        "pair": [False, 1],
        "name": "",
    }
