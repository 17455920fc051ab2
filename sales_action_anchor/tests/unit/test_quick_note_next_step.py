"""The quick-note parser's next step: its channel and its agreed action,
in Chinese, English or both."""

import pytest
from lib.quick_note import parse
from quick_note_cases import NOW

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
    assert parse(text, NOW)["followup_channel"] == channel


def test_no_channel_word_gives_false():
    assert parse("下周二发方案", NOW)["followup_channel"] is False
    assert parse("后天邮寄样品", NOW)["followup_channel"] is False  # 邮寄 is post, not e-mail


def test_channel_words_inside_the_pain_or_value_do_not_count():
    assert parse("曹总说客服电话打不进来，下下周三上门演示", NOW)["followup_channel"] == "onsite"
    assert parse("客户说安装太麻烦，我们提供免费上门安装，明天发方案", NOW)["followup_channel"] is False
    note = "Pain point is the call center misses calls. Demo next Monday via Zoom."
    assert parse(note, NOW)["followup_channel"] == "video"


def test_channel_of_the_visit_that_happened_does_not_count():
    assert parse("今天电话拜访了赵总，他说仓库温湿度没人管，下周二发报价", NOW)["followup_channel"] is False
    assert parse("Called Karen. Send proposal Friday by email.", NOW)["followup_channel"] == "email"


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
        "pain_summary": "",
        "value_point": "",
        "agreed_action": "send_quote",
        "date_next_followup": "2026-03-03 09:00:00",
        "followup_channel": "phone",
    }
    result = parse("Kevin说他们的inventory经常不准，我们的RFID方案能解决，下周一zoom demo", NOW)
    assert result["pain_summary"] == "inventory经常不准"
    assert result["value_point"] == "RFID方案能解决"
    assert (result["agreed_action"], result["followup_channel"]) == ("arrange_demo", "video")
