"""The quick-note parser's pain point and value offered."""

import pytest
from lib.quick_note import parse
from quick_note_cases import NOW

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
    assert parse(text, NOW)["pain_summary"] == pain


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
    assert (result["pain_summary"], result["value_point"]) == (pain, value)


def test_labelled_pain_point_stops_at_the_value_and_the_next_step():
    result = parse("痛点：月底对账要三天，我们的自动对账一天搞定，下周二上门演示", NOW)
    assert result["pain_summary"] == "月底对账要三天"
    assert result["value_point"] == "自动对账一天搞定"
    assert result["date_next_followup"] == "2026-03-10 09:00:00"


@pytest.mark.parametrize(
    "text",
    [
        "客户没痛点，纯比价，明天发个报价给他",
        "No pain mentioned. Just follow up next Tuesday.",
        "明天call王总",
    ],
)
def test_no_pain_point(text):
    assert parse(text, NOW)["pain_summary"] == ""


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
