"""Pin what the managers' "TOP demands" cloud counts (``lib/demand_words``)."""

import pytest
from lib.demand_words import tokenize, top_words

CHINESE_NOTES = [
    (11, "客户说交期太长了，我们的交期承诺他们不信"),
    (12, "王总觉得价格比较高，交期也不稳定"),
    (13, "客户反映交期经常延误，库存不够"),
    (14, "李经理说价格太贵了"),
    (15, "客户的售后响应慢，这个问题一下子说不清"),
]

ENGLISH_NOTES = [
    (1, "The customer says the inventory counts are wrong."),
    (2, "They said our inventory report is slow and the price is too high."),
    (3, "Customer wants real-time inventory in the warehouse."),
    (4, "The customer complained about the price of shipping."),
]


def _by_word(result):
    return {row["word"]: row for row in result}


# ----------------------------------------------------------------------
# tokenize
# ----------------------------------------------------------------------


def test_chinese_drops_stop_words_names_and_glues_domain_words():
    assert tokenize("王总说交期太长了，我们觉得价格比较高") == ["交期", "价格"]
    assert tokenize("客户反映交期不稳定，李经理担心库存") == ["交期", "不稳定", "库存"]


def test_chinese_keeps_pain_adjectives_but_not_other_single_characters():
    assert tokenize("没有库存，发货慢，质量差") == ["库存", "发货", "慢", "质量", "差"]
    assert tokenize("老王说价格太贵了") == ["价格", "贵"]
    assert tokenize("报价太高") == ["报价"]


def test_chinese_drops_numbers_and_amounts():
    assert tokenize("三个月 一次 12345 ６７８") == []


def test_english_lowercases_drops_stop_words_and_short_words_and_folds_plurals():
    assert tokenize("The customer says inventory counts are wrong, they need faster deliveries") == [
        "inventory",
        "count",
        "wrong",
        "faster",
        "delivery",
    ]
    assert tokenize("Our ERP is OK, no UI") == ["erp"]
    assert tokenize("Sales process status boxes prices") == ["sales", "process", "status", "box", "price"]


def test_english_apostrophes_and_full_width():
    assert tokenize("Customer’s lead-time can’t be met") == ["lead", "time"]
    assert tokenize("ＥＲＰ　ｉｎｔｅｇｒａｔｉｏｎ") == ["erp", "integration"]


def test_mixed_text_handles_both_parts_in_order():
    assert tokenize("明天call王总聊报价, inventory和交期") == ["报价", "inventory", "交期"]
    assert tokenize("ERP系统对接困难") == ["erp", "系统", "对接", "困难"]


def test_gibberish_letters_are_words_unless_absurdly_long():
    assert tokenize("asdkjh qwpoeiru") == ["asdkjh", "qwpoeiru"]
    assert tokenize("x" * 31 + " internationalization") == ["internationalization"]


def test_repeats_are_kept_by_tokenize():
    assert tokenize("交期交期, price price") == ["交期", "交期", "price", "price"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        False,
        "   \n\t",
        "😀😀🎉👍🏻",
        "，。！？……",
        "1234567890",
        "的了是我们客户说一下",
        "the and customer said",
    ],
)
def test_nothing_to_count(text):
    assert tokenize(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "价格太贵，交期太长。" * 500,
        "x" * 5000,
        "asdkjh 阿斯顿发 qwpo 🎉 ¥€$ \u200b\ufeff \U0002a6d6" * 120,
        "ﾃｽﾄ ひらがな 한국어 Ελληνικά" * 200,
    ],
)
def test_long_and_strange_input_does_not_crash(text):
    words = tokenize(text)
    assert isinstance(words, list)
    assert all(isinstance(word, str) and word for word in words)
    assert tokenize(text) == words  # deterministic


def test_long_input_counts():
    assert tokenize("价格太贵，交期太长。" * 500) == ["价格", "贵", "交期"] * 500


# ----------------------------------------------------------------------
# top_words
# ----------------------------------------------------------------------


def test_chinese_corpus_exact_counts():
    result = _by_word(top_words(CHINESE_NOTES))
    assert result["交期"] == {"word": "交期", "count": 3, "record_ids": [11, 12, 13]}
    assert result["价格"] == {"word": "价格", "count": 2, "record_ids": [12, 14]}
    for stop in ("的", "客户", "说", "我们", "王总", "李经理", "一下", "这个", "问题", "觉得", "比较"):
        assert stop not in result


def test_chinese_corpus_order():
    result = top_words(CHINESE_NOTES)
    assert [row["word"] for row in result[:2]] == ["交期", "价格"]
    counts = [row["count"] for row in result]
    assert counts == sorted(counts, reverse=True)


def test_english_corpus_exact_counts():
    result = _by_word(top_words(ENGLISH_NOTES))
    assert result["inventory"] == {"word": "inventory", "count": 3, "record_ids": [1, 2, 3]}
    assert result["price"] == {"word": "price", "count": 2, "record_ids": [2, 4]}
    for stop in ("the", "customer", "says", "said", "they", "our", "is", "wants"):
        assert stop not in result
    assert top_words(ENGLISH_NOTES)[0]["word"] == "inventory"


def test_count_is_document_frequency():
    texts = [(1, "价格价格价格价格价格"), (2, "交期"), (3, "交期")]
    assert top_words(texts) == [
        {"word": "交期", "count": 2, "record_ids": [2, 3]},
        {"word": "价格", "count": 1, "record_ids": [1]},
    ]


def test_mixed_corpus():
    texts = [(5, "ERP对接慢"), (3, "erp integration 交期"), (9, "交期 and ERP")]
    result = top_words(texts)
    assert result[0] == {"word": "erp", "count": 3, "record_ids": [3, 5, 9]}
    assert result[1] == {"word": "交期", "count": 2, "record_ids": [3, 9]}


def test_record_ids_sorted_and_unique():
    texts = [(30, "交期"), (10, "交期"), (20, "交期 price"), (10, "交期")]
    result = _by_word(top_words(texts))
    assert result["交期"] == {"word": "交期", "count": 4, "record_ids": [10, 20, 30]}
    assert result["price"]["record_ids"] == [20]


def test_ties_ordered_by_word():
    texts = [(1, "zebra apple mango"), (2, "mango")]
    assert [(row["word"], row["count"]) for row in top_words(texts)] == [
        ("mango", 2),
        ("apple", 1),
        ("zebra", 1),
    ]


def test_limit_respected():
    texts = [(i, f"交期 价格 库存 售后 word{i} inventory") for i in range(10)]
    assert len(top_words(texts)) == 6
    assert [row["word"] for row in top_words(texts, limit=2)] == ["inventory", "word"]
    assert len(top_words(texts, limit=3)) == 3
    assert top_words(texts, limit=0) == []
    assert top_words(texts, limit=-1) == []
    assert len(top_words(texts, limit=None)) == 6


def test_default_limit_is_50():
    texts = [(1, " ".join(f"word{chr(97 + i)}{chr(97 + j)}" for i in range(10) for j in range(10)))]
    assert len(top_words(texts)) == 50


def test_empty_and_robust_corpora():
    assert top_words([]) == []
    assert top_words(iter([])) == []
    assert top_words([(1, ""), (2, None), (3, False), (4, "😀"), (5, "的了")]) == []
    long_note = "价格太贵，交期太长。" * 500
    result = top_words([(1, long_note), (2, "x" * 5000), (3, "🎉" * 5000)])
    assert result == [
        {"word": "交期", "count": 1, "record_ids": [1]},
        {"word": "价格", "count": 1, "record_ids": [1]},
        {"word": "贵", "count": 1, "record_ids": [1]},
    ]


def test_deterministic():
    corpus = CHINESE_NOTES + ENGLISH_NOTES
    assert top_words(corpus) == top_words(list(reversed(corpus)))


def test_frequency_adverbs_and_modal_endings_are_not_demands():
    # Seen on the demo's word cloud: 经常, 不了 and 现有 said nothing about the demand.
    assert tokenize("供应商经常延期，现有设备用不了") == ["延期", "设备"]


def test_fillers_of_the_demo_cloud_are_not_demands():
    # Seen on the demo's word cloud: what is offered, the complement of a verb, a qualifier, the supplier.
    assert tokenize("甲方要求供应商提供完整的检测报告") == ["检测", "报告"]
    assert tokenize("单价不降下来批不了，没有合适的替代型号") == ["单价", "替代", "型号"]


def test_domain_words_jieba_splits_or_swallows_are_kept_whole():
    assert tokenize("王总要账期了") == ["账期"]  # jieba: 要账 (debt collecting) + 期
    assert tokenize("怕断货，嫌起订量高，要月结") == ["断货", "起订量", "月结"]
    assert tokenize("嫌贵，嫌慢") == ["贵", "慢"]
    # Not where jieba found words of their own around them.
    assert tokenize("资料提交期限，对账期间出错") == ["资料", "提交", "期限", "对账", "出错"]
