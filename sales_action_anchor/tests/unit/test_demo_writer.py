"""The demo writer (``datagen.demo``, behind ``tools/generate_demo.py``): the
same files every time it writes them, also twice in one process (``--check``
writes them to compare, then a run may write them again)."""

import filecmp
import sys
from pathlib import Path

import pytest

REPO_DIR = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def demo_files():
    if not (REPO_DIR / "datagen").is_dir():
        pytest.skip("the data generator is not next to the add-on")
    sys.path.insert(0, str(REPO_DIR))
    try:
        from datagen.demo import files
    finally:
        sys.path.remove(str(REPO_DIR))
    return files


def test_written_twice_the_same(demo_files, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    demo_files.write_all(first)
    demo_files.write_all(second)
    match, mismatch, errors = filecmp.cmpfiles(first, second, demo_files.FILES, shallow=False)
    assert (mismatch, errors) == ([], [])
    assert len(match) == 6
