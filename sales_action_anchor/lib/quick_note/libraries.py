"""jieba (Chinese segmentation) and dateparser (English calendar dates):
imported on first use and cached; without them the parser still runs, with
less coverage."""

import functools
import logging

_logger = logging.getLogger(__name__)


@functools.cache
def load_jieba():
    try:
        import jieba
    except ImportError:
        _logger.warning("jieba is not installed: Chinese quick notes are read character by character")
        return None
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # loads the dictionary once per process (about a second)
    return jieba


@functools.cache
def load_dateparser():
    try:
        import dateparser
    except ImportError:
        _logger.warning("dateparser is not installed: dates such as 'Dec 3' are not read")
        return None
    return dateparser


@functools.lru_cache(maxsize=4096)
def tokens(text):
    """The words of a Chinese ``text`` (its characters without jieba)."""
    jieba = load_jieba()
    if jieba is None:
        return tuple(text)
    return tuple(tok for tok in jieba.lcut(text, HMM=False) if tok.strip())
