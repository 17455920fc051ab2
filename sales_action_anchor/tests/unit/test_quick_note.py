"""The dictated quick-note parser (语音速记), without Odoo.

Every test passes a frozen ``now``: NOW is Monday 2 March 2026, 09:00.
"""

import ast
import datetime as dt
import random
from pathlib import Path

import pytest
from lib.quick_note import parse

NOW = dt.datetime(2026, 3, 2, 9, 0)  # a Monday
THURSDAY = dt.datetime(2026, 3, 5, 16, 30)
YEAR_END = dt.datetime(2026, 12, 28, 10, 0)  # a Monday
EMPTY = {
    "pain_point": "",
    "value_point": "",
    "agreed_action": "other",
    "next_followup": False,
    "channel": False,
}


def when(text, now=NOW):
    return parse(text, now)["next_followup"]


# ----------------------------------------------------------------------
# The contract
# ----------------------------------------------------------------------


def test_chinese_note_from_the_brief():
    result = parse("客户王总说安装太慢，下周二演示新方案", NOW)
    assert result == {
        "pain_point": "安装太慢",
        "value_point": "",
        "agreed_action": "arrange_demo",
        "next_followup": "2026-03-10 09:00:00",
        "channel": False,
    }


def test_english_note_from_the_brief():
    result = parse("Buyer says inventory counts are wrong, call tomorrow 10am about the quote", NOW)
    assert result == {
        "pain_point": "inventory counts are wrong",
        "value_point": "",
        "agreed_action": "send_quote",
        "next_followup": "2026-03-03 10:00:00",
        "channel": "phone",
    }


def test_chinese_note_of_the_readme():
    """The note README.md's tour tells a salesperson to try, filled as it says."""
    result = parse(
        "客户痛点：安装太慢，工地等不起。价值：预装配方案，安装时间减半。约定明天下午3点电话沟通，安排演示。",
        NOW,
    )
    assert result == {
        "pain_point": "安装太慢，工地等不起",
        "value_point": "预装配方案，安装时间减半",
        "agreed_action": "arrange_demo",
        "next_followup": "2026-03-03 15:00:00",
        "channel": "phone",
    }


def test_full_note_gives_every_field():
    result = parse(
        "拜访了李总，他们最大的问题是库存对不上，我们的WMS能实时盘点，下周一下午两点半上门演示", NOW
    )
    assert result == {
        "pain_point": "库存对不上",
        "value_point": "WMS能实时盘点",
        "agreed_action": "arrange_demo",
        "next_followup": "2026-03-09 14:30:00",
        "channel": "onsite",
    }


@pytest.mark.parametrize(
    "text", ["", "   ", None, "🙂🙂🙂", "😅👍🎉🔥", "。。。！！", "asdkjh qwpoe zzxv", "嗯嗯啊"]
)
def test_empty_emoji_and_gibberish_give_the_empty_result(text):
    assert parse(text, NOW) == EMPTY


def test_five_thousand_characters_do_not_crash():
    rng = random.Random(42)
    alphabet = "的一是在不了有和人这中大为上个我以要他时来们到说太慢报价明天下周二点 ,.，。abcxyz0123456789🙂"
    noise = "".join(rng.choice(alphabet) for _ in range(5000))
    result = parse(noise, NOW)
    assert set(result) == set(EMPTY)
    assert len(result["value_point"]) <= 50
    assert parse("x" * 5000, NOW) == EMPTY
    assert parse(("客户说安装太慢，下周二演示新方案。" * 300)[:5000], NOW)["agreed_action"] == "arrange_demo"


def test_aware_now_is_read_as_wall_time():
    aware = NOW.replace(tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert when("明天下午3点", aware) == "2026-03-03 15:00:00"


def test_lib_never_imports_odoo():
    lib = Path(__file__).resolve().parents[2] / "lib"
    for name in ("quick_note.py", "quick_note_words.py"):
        tree = ast.parse((lib / name).read_text(encoding="utf-8"))
        modules = {
            alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        }
        modules |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not {m for m in modules if m.split(".")[0] == "odoo"}, name


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


# ----------------------------------------------------------------------
# Channels
# ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("明天电话报价", "phone"),
        ("明天打电话报价", "phone"),
        ("call him tomorrow about the quote", "phone"),
        ("phone call on Friday", "phone"),
        ("明天微信发报价", "wechat"),
        ("WeChat her the pricing on Thursday", "wechat"),
        ("明天wx发方案", "wechat"),
        ("下周三vx发方案", "wechat"),
        ("明天上门演示", "onsite"),
        ("大后天拜访送方案", "onsite"),
        ("下周五中午带样品当面聊", "onsite"),
        ("onsite demo Monday", "onsite"),
        ("visit them in 2 days to drop off samples", "onsite"),
        ("明天发邮件报价", "email"),
        ("下周一发方案到邮箱", "email"),
        ("quote by email tomorrow", "email"),
        ("send the proposal by mail on Friday", "email"),
        ("明天视频演示", "video"),
        ("下周三线上演示", "video"),
        ("明天上午十点腾讯会议过方案", "video"),
        ("demo on Friday over zoom", "video"),
        ("video call Friday 3pm", "video"),
    ],
)
def test_channel_words(text, channel):
    assert parse(text, NOW)["channel"] == channel


def test_no_channel_word_gives_false():
    assert parse("下周二发方案", NOW)["channel"] is False
    assert parse("后天邮寄样品", NOW)["channel"] is False  # 邮寄 is post, not e-mail


def test_channel_words_inside_the_pain_or_value_do_not_count():
    assert parse("曹总说客服电话打不进来，下下周三上门演示", NOW)["channel"] == "onsite"
    assert parse("客户说安装太麻烦，我们提供免费上门安装，明天发方案", NOW)["channel"] is False
    assert (
        parse("Pain point is the call center misses calls. Demo next Monday via Zoom.", NOW)["channel"]
        == "video"
    )


def test_channel_of_the_visit_that_happened_does_not_count():
    assert parse("今天电话拜访了赵总，他说仓库温湿度没人管，下周二发报价", NOW)["channel"] is False
    assert parse("Called Karen. Send proposal Friday by email.", NOW)["channel"] == "email"


# ----------------------------------------------------------------------
# Agreed actions
# ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("后天发方案", "send_proposal"),
        ("下周二出一版方案", "send_proposal"),
        ("方案发过去", "send_proposal"),
        ("send the proposal on Friday", "send_proposal"),
        ("send propsal nxt tuesday", "send_proposal"),
        ("下周二演示新方案", "arrange_demo"),
        ("上门安装试用演示", "arrange_demo"),
        ("demo next week", "arrange_demo"),
        ("video call Friday to show the app", "arrange_demo"),
        ("三天后送样", "provide_samples"),
        ("下周三寄样品", "provide_samples"),
        ("带样品上门", "provide_samples"),
        ("ship samples next wed", "provide_samples"),
        ("下周一报价", "send_quote"),
        ("3天后微信给他报个价", "send_quote"),
        ("send a revised quote by Wednesday", "send_quote"),
        ("wed 10am call re pricing", "send_quote"),
        ("月底签合同", "other"),
        ("Follow up call on Wednesday.", "other"),
        ("客户很忙", "other"),
    ],
)
def test_action_words(text, action):
    assert parse(text, NOW)["agreed_action"] == action


def test_action_words_inside_the_pain_or_value_do_not_count():
    note = "马总说现在报价都要手算，容易算错，我们的CPQ自动报价，后天下午演示"
    assert parse(note, NOW)["agreed_action"] == "arrange_demo"
    note = (
        "They lose orders because quotes take two days. Our CPQ makes a quote in minutes. Demo on Thursday."
    )
    assert parse(note, NOW)["agreed_action"] == "arrange_demo"


def test_mixed_chinese_and_english():
    assert parse("明天call王总聊报价", NOW) == {
        "pain_point": "",
        "value_point": "",
        "agreed_action": "send_quote",
        "next_followup": "2026-03-03 09:00:00",
        "channel": "phone",
    }
    result = parse("Kevin说他们的inventory经常不准，我们的RFID方案能解决，下周一zoom demo", NOW)
    assert result["pain_point"] == "inventory经常不准"
    assert result["value_point"] == "RFID方案能解决"
    assert (result["agreed_action"], result["channel"]) == ("arrange_demo", "video")


# ----------------------------------------------------------------------
# Pain point and value offered
# ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pain"),
    [
        ("张经理嫌价格太贵，明天报价", "价格太贵"),
        ("刘总担心数据安全，周五发报价", "数据安全"),
        ("痛点：人工对账太费时间。下一步：周四演示", "人工对账太费时间"),
        ("陶总那边设备老旧，下周四再打电话问问", "设备老旧"),
        (
            "John complained that shipping costs keep going up. Send the proposal on Friday.",
            "shipping costs keep going up",
        ),
        ("Customer worried about data security. Will send the quote Thursday.", "data security"),
        (
            "Pain: manual invoicing eats 3 days a month. Next: demo Monday 9am onsite.",
            "manual invoicing eats 3 days a month",
        ),
    ],
)
def test_pain_point(text, pain):
    assert parse(text, NOW)["pain_point"] == pain


@pytest.mark.parametrize(
    ("text", "pain", "value"),
    [
        # Issue 15: only 月底对账要三天 was kept, and 财务天天加班 became the value.
        ("客户痛点：月底对账要三天，财务天天加班。", "月底对账要三天，财务天天加班", ""),
        (
            "痛点：月底对账要三天，财务天天加班，老板很着急。价值：自动对账。明天电话沟通",
            "月底对账要三天，财务天天加班，老板很着急",
            "自动对账",
        ),
        (
            "客户痛点：月底对账要三天，财务天天加班\n我们的自动对账一天搞定",
            "月底对账要三天，财务天天加班",
            "自动对账一天搞定",
        ),
        (
            "Pain point: month-end closing takes three days, the finance team works overtime every night. "
            "Next: demo Friday.",
            "month-end closing takes three days, the finance team works overtime every night",
            "",
        ),
        (
            "Pain: closing takes three days, the team stays until midnight, value: automated matching.",
            "closing takes three days, the team stays until midnight",
            "automated matching",
        ),
    ],
)
def test_labelled_pain_point_keeps_its_whole_sentence(text, pain, value):
    result = parse(text, NOW)
    assert (result["pain_point"], result["value_point"]) == (pain, value)


def test_labelled_pain_point_stops_at_the_value_and_the_next_step():
    result = parse("痛点：月底对账要三天，我们的自动对账一天搞定，下周二上门演示", NOW)
    assert result["pain_point"] == "月底对账要三天"
    assert result["value_point"] == "自动对账一天搞定"
    assert result["next_followup"] == "2026-03-10 09:00:00"


@pytest.mark.parametrize(
    "text",
    [
        "客户没痛点，纯比价，明天发个报价给他",
        "No pain mentioned. Just follow up next Tuesday.",
        "明天call王总",
    ],
)
def test_no_pain_point(text):
    assert parse(text, NOW)["pain_point"] == ""


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("张经理嫌价格太贵，我说可以分三期付款，明天报价", "可以分三期付款"),
        ("客户反映系统老是卡顿，提了我们云端部署不卡，后天发方案", "云端部署不卡"),
        ("痛点：对账慢。价值：自动对账每月省40小时。下一步：周四演示", "自动对账每月省40小时"),
        (
            "Customer worried about data security. Pitched our on-prem option. Quote Thursday.",
            "on-prem option",
        ),
        (
            "CFO says cash flow is tight. Offered 90-day payment terms. Send pricing in 2 days.",
            "90-day payment terms",
        ),
        (
            "Greg's issue is the batteries die mid-shift. Lithium packs last two shifts. Samples Thursday.",
            "Lithium packs last two shifts",
        ),
    ],
)
def test_value_point(text, value):
    assert parse(text, NOW)["value_point"] == value


def test_value_point_is_cut_to_fifty_characters():
    note = (
        "Customer says onboarding is too slow. We can onboard every new warehouse worker in a single "
        "afternoon with our guided training videos and checklists. Demo Friday."
    )
    value = parse(note, NOW)["value_point"]
    assert 0 < len(value) <= 50
    assert value.startswith("onboard every new warehouse worker")
    long_zh = "客户说安装太慢，我们的" + "快速安装方案" * 12 + "，明天演示"
    assert 0 < len(parse(long_zh, NOW)["value_point"]) <= 50


def test_no_value_point():
    assert parse("客户王总说安装太慢，下周二演示新方案", NOW)["value_point"] == ""
    assert parse("唐总那边说没预算，今年不考虑，明年再说", NOW)["value_point"] == ""
