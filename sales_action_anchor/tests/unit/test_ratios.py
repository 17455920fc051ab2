from lib.ratios import rate


def test_rate_rounds_and_refuses_to_divide_by_nothing():
    assert rate(1, 3) == 0.3333
    assert rate(0, 5) == 0.0
    assert rate(0, 0) is None
