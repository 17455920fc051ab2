"""The quick-note parser's date engine: Chinese and English days and times,
and dates that are not the next step."""

import pytest
from quick_note_cases import NOW, THURSDAY, YEAR_END, when

# ----------------------------------------------------------------------
# Dates: Chinese
# ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("明天发方案", "2026-03-03 09:00:00"),
        ("后天发方案", "2026-03-04 09:00:00"),
        ("大后天发方案", "2026-03-05 09:00:00"),
        ("3天后送样", "2026-03-05 09:00:00"),
        ("三天后送样", "2026-03-05 09:00:00"),
        ("两周后再上门", "2026-03-16 09:00:00"),
        ("过两天微信问问", "2026-03-04 09:00:00"),
    ],
)
def test_chinese_relative_days(text, expected):
    assert when(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("下周二演示", "2026-03-10 09:00:00"),  # Tuesday of next calendar week, not tomorrow
        ("下下周一寄样品", "2026-03-16 09:00:00"),
        ("这周六上门", "2026-03-07 09:00:00"),
        ("本周五报价", "2026-03-06 09:00:00"),
        ("周五上午发报价", "2026-03-06 09:00:00"),
        ("下礼拜三过去演示", "2026-03-11 09:00:00"),
        ("星期天电话", "2026-03-08 09:00:00"),
        ("周一再联系", "2026-03-09 09:00:00"),  # a weekday alone is never today
        ("下周再约", "2026-03-09 09:00:00"),  # next week alone: its Monday
        ("周末送样", "2026-03-07 09:00:00"),
    ],
)
def test_chinese_weeks_start_on_monday(text, expected):
    assert when(text) == expected


def test_chinese_weeks_from_a_thursday():
    assert when("下周二演示", THURSDAY) == "2026-03-10 09:00:00"
    assert when("周二演示", THURSDAY) == "2026-03-10 09:00:00"
    assert when("这周六演示", THURSDAY) == "2026-03-07 09:00:00"
    assert when("这周二演示", THURSDAY) == "2026-03-10 09:00:00"  # past: the one of next week
    assert when("下下周一演示", THURSDAY) == "2026-03-16 09:00:00"


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("12月3日上门演示", NOW, "2026-12-03 09:00:00"),
        ("十二月三号上门演示", NOW, "2026-12-03 09:00:00"),
        ("3月10号报价", NOW, "2026-03-10 09:00:00"),
        ("15号发方案", NOW, "2026-03-15 09:00:00"),
        ("1号发方案", NOW, "2026-04-01 09:00:00"),  # this month's 1st is past
        ("1月5日电话", YEAR_END, "2027-01-05 09:00:00"),
        ("12月3日送样", YEAR_END, "2027-12-03 09:00:00"),
        ("月底前邮件报价", NOW, "2026-03-31 09:00:00"),
        ("下个月初上门", NOW, "2026-04-01 09:00:00"),
    ],
)
def test_chinese_calendar_dates(text, now, expected):
    assert when(text, now) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("下午3点电话", "2026-03-02 15:00:00"),
        ("上午十点电话", "2026-03-02 10:00:00"),
        ("十点打电话", "2026-03-02 10:00:00"),
        ("明天上午十点腾讯会议", "2026-03-03 10:00:00"),
        ("明天下午两点半报价", "2026-03-03 14:30:00"),
        ("今晚微信", "2026-03-02 19:00:00"),
        ("明天晚上八点电话", "2026-03-03 20:00:00"),
        ("明早九点半打电话", "2026-03-03 09:30:00"),
        ("明天中午请他吃饭", "2026-03-03 12:00:00"),
        ("明天下午发方案", "2026-03-03 14:00:00"),
        ("后天3点电话", "2026-03-04 15:00:00"),  # 1 to 6 without 上午/下午: afternoon
        ("周四下午四点半线上演示", "2026-03-05 16:30:00"),
    ],
)
def test_chinese_times_and_numerals(text, expected):
    assert when(text) == expected


def test_a_time_already_past_today_is_tomorrow():
    assert when("下午3点电话报价", THURSDAY) == "2026-03-06 15:00:00"
    assert when("今晚微信发报价", THURSDAY) == "2026-03-05 19:00:00"


def test_yi_dian_alone_is_not_one_oclock():
    assert when("能不能便宜一点") is False


# ----------------------------------------------------------------------
# Dates: English
# ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("send proposal tomorrow", NOW, "2026-03-03 09:00:00"),
        ("demo tommorow 3pm", NOW, "2026-03-03 15:00:00"),
        ("ship samples in 2 days", NOW, "2026-03-04 09:00:00"),
        ("demo in two weeks", NOW, "2026-03-16 09:00:00"),
        ("call next Tuesday", NOW, "2026-03-10 09:00:00"),
        ("call next Tuesday", THURSDAY, "2026-03-10 09:00:00"),
        ("quote on Friday", NOW, "2026-03-06 09:00:00"),
        ("demo Monday 9am", NOW, "2026-03-09 09:00:00"),
        ("demo this Saturday", NOW, "2026-03-07 09:00:00"),
        ("Zoom demo Dec 3 at 2pm", NOW, "2026-12-03 14:00:00"),
        ("quote on Jan 8", YEAR_END, "2027-01-08 09:00:00"),
        ("demo on 3/12 via Zoom", NOW, "2026-03-12 09:00:00"),
        ("email proposal on the 15th", NOW, "2026-03-15 09:00:00"),
        ("quote on the 3rd of December", NOW, "2026-12-03 09:00:00"),
        ("demo Sept. 5th at 10am", NOW, "2026-09-05 10:00:00"),
        ("demo next week", NOW, "2026-03-09 09:00:00"),
        ("check back next month", NOW, "2026-04-01 09:00:00"),
        ("call on Tuesday at 11", NOW, "2026-03-03 11:00:00"),
        ("call her tomorrow at 4 to set up a demo", NOW, "2026-03-03 16:00:00"),
        ("next Wed 2:30pm video call", NOW, "2026-03-11 14:30:00"),
    ],
)
def test_english_dates(text, now, expected):
    assert when(text, now) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("proposal tomorrow morning", "2026-03-03 09:00:00"),
        ("demo tomorrow afternoon", "2026-03-03 14:00:00"),
        ("call Friday evening", "2026-03-06 19:00:00"),
        ("WeChat him tonight", "2026-03-02 19:00:00"),
        ("call Thursday noon", "2026-03-05 12:00:00"),
        ("quote by end of day", "2026-03-02 17:00:00"),
    ],
)
def test_parts_of_the_day(text, expected):
    assert when(text) == expected


@pytest.mark.parametrize(
    "text", ["客户说安装太慢", "明年再说", "Nothing agreed, they'll get back to us.", "12月32日", "周八"]
)
def test_no_date_gives_false(text):
    assert when(text) is False


def test_date_in_the_pain_or_value_is_not_the_next_step():
    note = "They said installation is too slow, takes 3 weeks. We install in 3 days. Demo next week."
    assert when(note) == "2026-03-09 09:00:00"
    assert when("薛总说老板想看实时数据，现在都是月底才有，下周一上午十点半上门演示") == "2026-03-09 10:30:00"


def test_today_of_the_visit_itself_is_not_the_next_step():
    assert when("今天拜访了许总，他们仓库找货太慢") is False
