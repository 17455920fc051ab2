"""The data generator at the repository's root (``datagen``, behind
``tools/generate_demo.py`` and ``bench/generate_data.py``): the demo writer
writes the same files every time, also twice in one process (``--check``
writes them to compare, then a run may write them again); the world's words
fit the add-on's vocabulary (``lib/anchor_constants.py``)."""

import filecmp
import sys
from pathlib import Path

import pytest
from lib import anchor_constants

REPO_DIR = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def datagen():
    if not (REPO_DIR / "datagen").is_dir():
        pytest.skip("the data generator is not next to the add-on")
    sys.path.insert(0, str(REPO_DIR))
    try:
        from datagen.demo import files
        from datagen.world import sales_process, short_notes, visit_words
    finally:
        sys.path.remove(str(REPO_DIR))
    return files, sales_process, short_notes, visit_words


def test_demo_written_twice_the_same(datagen, tmp_path):
    files = datagen[0]
    first, second = tmp_path / "first", tmp_path / "second"
    files.write_all(first)
    files.write_all(second)
    match, mismatch, errors = filecmp.cmpfiles(first, second, files.FILES, shallow=False)
    assert (mismatch, errors) == ([], [])
    assert len(match) == 6


def test_world_speaks_the_addons_vocabulary(datagen):
    _files, sales_process, short_notes, visit_words = datagen
    methods = {key for key, _label in anchor_constants.TOUCH_METHODS}
    assert set(sales_process.TOUCH_METHOD_WEIGHTS) == methods
    assert set(sales_process.METHOD_LABELS) == methods
    assert set(visit_words.FEEDBACK) == {key for key, _label in anchor_constants.AGREED_ACTIONS}
    values = [
        v
        for pool in (visit_words.VALUE_POINTS, visit_words.EN_VALUE_POINTS)
        for vs in pool.values()
        for v in vs
    ]
    values += short_notes.LAZY_VALUE_POINTS
    assert max(map(len, values)) <= anchor_constants.VALUE_MAX_CHARS
