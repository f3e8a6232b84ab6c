"""Issue 22's Python reproductions: exiting while align_many runs, paths given as str,
align_many(force=...), thread counts, NUL in a text, repeated ids."""

import pathlib
import subprocess
import sys

import pytest

import hashi
from conftest import CORPORA

CASE = CORPORA[0]


def texts():
    return (CASE / "en.txt").read_text("utf-8"), (CASE / "ja.txt").read_text("utf-8")


EXIT_WHILE_CONSUMING = """
import hashi
docs = ((str(i), "It rained in Tokyo. The rain stopped.", "東京で雨が降った。雨はやんだ。")
        for i in range(100000))
results = hashi.Aligner().align_many(docs, threads=2)
print(next(results).id)
# The interpreter ends here, the library's threads still aligning and reading ahead.
"""


def test_exiting_while_align_many_is_consumed_is_quiet():
    # Before the fix the library's feeder thread read the input itself, taking the GIL, and
    # could do so while the interpreter shut down: the issue saw a Rust panic ("The Python
    # interpreter is not initialized") in 5 to 15 runs of 20; on the project's machine, under
    # load, the old binding crashed (SIGSEGV) in about 1 run of 50. Now no thread of
    # hashi's touches Python.
    for run in range(20):
        out = subprocess.run(
            [sys.executable, "-c", EXIT_WHILE_CONSUMING],
            capture_output=True,
            text=True,
        )
        assert (out.returncode, out.stdout, out.stderr) == (0, "0\n", ""), run


def test_a_str_naming_a_file_is_refused_with_a_hint(aligner):
    en, ja = str(CASE / "en.txt"), str(CASE / "ja.txt")
    with pytest.raises(ValueError, match=r"pass pathlib\.Path\("):
        aligner.align(en, ja)
    by_path = aligner.align(pathlib.Path(en), pathlib.Path(ja))
    assert [b.en for b in by_path] == [b.en for b in aligner.align(*texts())]
    # In align_many it is that document's error.
    (result,) = aligner.align_many([("a", en, ja)])
    assert not result.ok and "pathlib.Path" in result.error


def test_align_many_takes_force(aligner):
    en, ja = texts()
    swapped = [("swapped", ja, en)]
    (refused,) = aligner.align_many(swapped)
    assert refused.error_kind == "swapped_languages"
    (forced,) = aligner.align_many(swapped, force=True)
    assert forced.ok, forced.error


@pytest.mark.parametrize("threads", [-1, 1025, 2**70])
def test_bad_thread_counts_are_value_errors(threads):
    with pytest.raises(ValueError, match=r"threads must be 0 \(every core\) or 1 to 1024"):
        hashi.Aligner(threads=threads)


def test_thread_counts_are_checked_in_align_many_and_zero_is_every_core(aligner):
    assert "threads=" in repr(hashi.Aligner(threads=0))
    assert "threads=0" not in repr(hashi.Aligner(threads=0))
    with pytest.raises(ValueError, match="threads must be"):
        aligner.align_many([], threads=-1)
    with pytest.raises(ValueError, match="window must be 0 or more"):
        aligner.align_many([], window=-4)
    with pytest.raises(TypeError, match="threads must be an int"):
        aligner.align_many([], threads="2")
    en, ja = texts()
    assert [r.ok for r in aligner.align_many([("a", en, ja)], threads=0)] == [True]


def test_a_nul_in_a_str_is_binary_as_in_a_file(aligner):
    en, ja = texts()
    with pytest.raises(hashi.InputError) as raised:
        aligner.align(en[:20] + "\0" + en[20:], ja)
    assert raised.value.kind == "binary"
    (result,) = aligner.align_many([("a", en, "\0" + ja)])
    assert result.error_kind == "binary"


def test_a_repeated_id_fails_the_later_document(aligner):
    en, ja = texts()
    results = list(aligner.align_many([("a", en, ja), ("b", en, ja), ("a", en, ja)]))
    assert [(r.id, r.ok) for r in results] == [("a", True), ("b", True), ("a", False)]
    assert results[2].error_kind == "duplicate_id"
