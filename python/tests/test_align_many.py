"""align_many: input order, failures reported in place, the rest goes on, input read lazily."""

import pytest

import hashi
from conftest import CORPORA


def docs():
    out = []
    for case in CORPORA:
        out.append((case.name, (case / "en.txt").read_text("utf-8"), (case / "ja.txt").read_text("utf-8")))
    return out


def test_order_failures_and_equality_with_align(aligner):
    good = docs()
    items = [
        good[0],
        {"id": "empty", "en": "", "ja": "雨が降った。"},
        {"id": 7, "en": good[1][1], "ja": good[1][2]},
        42,
        ("bad-bytes", good[2][1], b"\xff\xfe\xfd"),
        ("lopsided", "One. " * 40, "一つ。"),
        ("paths", CORPORA[0] / "en.txt", CORPORA[0] / "ja.txt"),
        ("missing", CORPORA[0] / "nope.txt", CORPORA[0] / "ja.txt"),
        good[2],
    ]
    results = list(aligner.align_many(iter(items), threads=3))
    assert [r.id for r in results] == [
        good[0][0], "empty", "7", "document 4", "bad-bytes", "lopsided", "paths", "missing", good[2][0],
    ]
    assert [r.ok for r in results] == [True, False, True, False, False, False, True, False, True]
    assert [r.error_kind for r in results] == [
        None, "empty_side", None, "bad_record", "invalid_utf8", "lopsided", None, "read", None,
    ]
    assert "has no sentence" in results[1].error
    assert results[3].error == "a document is (id, en, ja) or a dict with id, en and ja, not int"
    for r, (id_, en, ja) in zip([results[0], results[2], results[8]], [good[0], good[1], good[2]]):
        want = aligner.align(en, ja)
        assert r.alignment.doc_id == r.id
        assert [(b.en_ids, b.ja_ids, b.score) for b in r.alignment] == [
            (b.en_ids, b.ja_ids, b.score) for b in want
        ]
    assert [b.en for b in results[6].alignment] == [b.en for b in results[0].alignment]
    assert results[0].alignment.to_records()[0]["doc_id"] == good[0][0]


def test_many_documents_keep_order(aligner):
    good = docs()
    items = [(f"d{i}", good[i % 3][1], good[i % 3][2]) for i in range(60)]
    ids = [r.id for r in aligner.align_many(items, threads=4)]
    assert ids == [f"d{i}" for i in range(60)]


def test_input_is_read_lazily(aligner):
    good = docs()
    taken = []

    def feed():
        for i in range(1000):
            taken.append(i)
            yield (f"d{i}", good[0][1], good[0][2])

    results = aligner.align_many(feed(), threads=2, window=4)
    first = next(results)
    assert first.id == "d0"
    # The window (4 documents in flight) and the hand-over queue (2) bound the read-ahead.
    assert len(taken) <= 12
    del results


def test_an_exception_of_the_input_is_raised_after_the_documents_before_it(aligner):
    good = docs()

    def feed():
        yield good[0]
        yield good[1]
        raise RuntimeError("the corpus reader broke")

    results = aligner.align_many(feed(), threads=2)
    assert [next(results).id, next(results).id] == [good[0][0], good[1][0]]
    with pytest.raises(RuntimeError, match="the corpus reader broke"):
        next(results)


def test_to_dataset_round_trips(aligner):
    # datasets is installed where the suite runs (CI installs it): a missing one fails here.
    import datasets

    good = docs()
    items = good + [("empty", "", "雨。")]
    results = list(aligner.align_many(items))
    with pytest.raises(hashi.HashiError, match="'empty' was not aligned"):
        hashi.to_dataset(results)
    ds = hashi.to_dataset(results, errors="skip", min_score=0.5)
    assert isinstance(ds, datasets.Dataset)
    assert isinstance(ds.features["translation"], datasets.Translation)
    want = [
        ({"en": b.en, "ja": b.ja}, b.score, r.id)
        for r in results
        if r.ok
        for b in r.alignment.pairs(min_score=0.5)
    ]
    assert len(want) > 10
    assert [(row["translation"], row["score"], row["doc_id"]) for row in ds] == want
    single = hashi.to_dataset(results[0].alignment)
    assert single["doc_id"][0] == good[0][0]
    assert len(single) == len(results[0].alignment.pairs())
