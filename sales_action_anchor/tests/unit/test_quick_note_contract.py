"""The quick-note parser's contract: the result of whole notes, empty and
hostile input, ``now``, and no Odoo import (see ``quick_note_cases``)."""

import ast
import datetime as dt
import random
from pathlib import Path

import pytest
from lib.quick_note import parse
from quick_note_cases import EMPTY, NOW, when


def test_chinese_note_from_the_brief():
    result = parse("客户王总说安装太慢，下周二演示新方案", NOW)
    assert result == {
        "pain_summary": "安装太慢",
        "value_point": "",
        "agreed_action": "arrange_demo",
        "date_next_followup": "2026-03-10 09:00:00",
        "followup_channel": False,
    }


def test_english_note_from_the_brief():
    result = parse("Buyer says inventory counts are wrong, call tomorrow 10am about the quote", NOW)
    assert result == {
        "pain_summary": "inventory counts are wrong",
        "value_point": "",
        "agreed_action": "send_quote",
        "date_next_followup": "2026-03-03 10:00:00",
        "followup_channel": "phone",
    }


def test_chinese_note_of_the_readme():
    """The note README.md's tour tells a salesperson to try, filled as it says."""
    result = parse(
        "客户痛点：安装太慢，工地等不起。价值：预装配方案，安装时间减半。约定明天下午3点电话沟通，安排演示。",
        NOW,
    )
    assert result == {
        "pain_summary": "安装太慢，工地等不起",
        "value_point": "预装配方案，安装时间减半",
        "agreed_action": "arrange_demo",
        "date_next_followup": "2026-03-03 15:00:00",
        "followup_channel": "phone",
    }


def test_full_note_gives_every_field():
    result = parse(
        "拜访了李总，他们最大的问题是库存对不上，我们的WMS能实时盘点，下周一下午两点半上门演示", NOW
    )
    assert result == {
        "pain_summary": "库存对不上",
        "value_point": "WMS能实时盘点",
        "agreed_action": "arrange_demo",
        "date_next_followup": "2026-03-09 14:30:00",
        "followup_channel": "onsite",
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
    for path in lib.rglob("*.py"):
        name = str(path.relative_to(lib))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {
            alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        }
        modules |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not {m for m in modules if m.split(".")[0] == "odoo"}, name
