from lib.text_quality import cjk_char_count, is_substantial, latin_word_count, normalize


def test_cjk_characters_are_counted_not_punctuation():
    assert cjk_char_count("安装太慢，影响交付！") == 8
    assert cjk_char_count("ok") == 0


def test_words_ignore_cjk_and_punctuation():
    assert latin_word_count("Buyer's stock counts are wrong!") == 5
    assert latin_word_count("安装 slow") == 1


def test_substantial_in_either_language():
    assert is_substantial("安装太慢了")
    assert not is_substantial("太慢")
    assert is_substantial("inventory counts wrong")
    assert not is_substantial("too slow")
    assert is_substantial("ERP 对接太慢", min_cjk_chars=4)
    assert not is_substantial("好的 ok", min_cjk_chars=4, min_words=3)


def test_thresholds_are_parameters():
    assert is_substantial("太慢", min_cjk_chars=2)
    assert not is_substantial("a b c", min_words=4)


def test_normalize_ignores_case_width_and_punctuation():
    assert normalize("Price too HIGH!") == normalize("price too high")
    assert normalize("价格太高。") == normalize("价格 太高")
    assert normalize("ＡＢＣ") == normalize("abc")
    assert normalize("价格太高") != normalize("价格偏高")
