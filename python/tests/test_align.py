"""Aligner.align and the exports agree with the hashi CLI, bead for bead."""

import pathlib

import pytest

import hashi
from conftest import CORPORA, jsonl, run_hashi


def byte_span(text: str, start: int, end: int) -> list:
    """A string-index span as the CLI's byte offsets."""
    s = len(text[:start].encode("utf-8"))
    return [s, s + len(text[start:end].encode("utf-8"))]


@pytest.mark.parametrize("presegmented", [False, True])
@pytest.mark.parametrize("case", CORPORA, ids=lambda p: p.name)
def test_align_equals_cli_jsonl(aligner, case, presegmented):
    ext = "sent" if presegmented else "txt"
    en_path, ja_path = case / f"en.{ext}", case / f"ja.{ext}"
    flags = ["--presegmented"] if presegmented else []
    cli = jsonl(run_hashi("align", "--format", "jsonl", *flags, en_path, ja_path))
    en, ja = en_path.read_text("utf-8"), ja_path.read_text("utf-8")
    alignment = aligner.align(en, ja, presegmented=presegmented)
    assert len(alignment) == len(cli)
    assert len(cli) > 3
    for bead, want in zip(alignment, cli):
        assert bead.en_ids == want["en_ids"]
        assert bead.ja_ids == want["ja_ids"]
        assert bead.en == " ".join(want["en"])
        assert bead.ja == "".join(want["ja"])
        assert bead.score == want["score"]
        assert bead.kind == want["kind"]
        assert bead.en_paragraphs == want["en_paragraphs"]
        assert bead.ja_paragraphs == want["ja_paragraphs"]
        assert [byte_span(en, *s) for s in bead.en_spans] == want["en_spans"]
        assert [byte_span(ja, *s) for s in bead.ja_spans] == want["ja_spans"]
        assert [en[a:b] for a, b in bead.en_spans] == want["en"]
        assert [ja[a:b] for a, b in bead.ja_spans] == want["ja"]
    # A path, and bytes, are read as the CLI reads the file.
    assert [b.en_ids for b in aligner.align(en_path, ja_path, presegmented=presegmented)] == [
        b["en_ids"] for b in cli
    ]
    from_bytes = aligner.align(en.encode(), ja.encode(), presegmented=presegmented)
    assert [(b.ja_ids, b.score) for b in from_bytes] == [(b["ja_ids"], b["score"]) for b in cli]


@pytest.mark.parametrize("case", CORPORA, ids=lambda p: p.name)
def test_every_sentence_appears_once(aligner, case):
    en = (case / "en.txt").read_text("utf-8")
    ja = (case / "ja.txt").read_text("utf-8")
    alignment = aligner.align(en, ja)
    en_ids = [i for b in alignment for i in b.en_ids]
    ja_ids = [i for b in alignment for i in b.ja_ids]
    assert en_ids == list(range(len(alignment.en_sentences)))
    assert ja_ids == list(range(len(alignment.ja_sentences)))
    assert alignment.en_sentences == [s.text for s in hashi.segment(en, "en")]
    assert alignment.ja_sentences == [s.text for s in hashi.segment(ja, "ja")]
    assert all(b.en_ids or b.ja_ids for b in alignment)


FORMATS = ["csv", "jsonl", "tsv", "beads", "tmx", "hf-jsonl"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_equals_cli(aligner, tmp_path, fmt):
    case = CORPORA[0]
    en, ja = case / "en.txt", case / "ja.txt"
    args = ["--min-score", "0.5", "--en-lang", "en-US", "--ja-lang", "ja-JP"]
    want = run_hashi("align", "--format", fmt, *args, en, ja)
    alignment = aligner.align(en, ja)
    out = tmp_path / f"out.{fmt}"
    alignment.write(out, fmt, min_score=0.5, en_lang="en-US", ja_lang="ja-JP")
    assert out.read_text("utf-8") == want
    assert alignment.dumps(fmt, min_score=0.5, en_lang="en-US", ja_lang="ja-JP") == want


def test_write_moses_equals_cli(aligner, tmp_path):
    case = CORPORA[0]
    en, ja = case / "en.txt", case / "ja.txt"
    run_hashi("align", "--format", "moses", "-o", tmp_path / "cli", en, ja)
    aligner.align(en, ja).write(tmp_path / "py", "moses")
    for side in ("en", "ja"):
        want = (tmp_path / f"cli.{side}").read_text("utf-8")
        assert (tmp_path / f"py.{side}").read_text("utf-8") == want
        assert len(want.splitlines()) > 3


def test_write_follows_a_link_and_respects_the_lock(aligner, tmp_path):
    """write() writes as `hashi align -o` does: through a symbolic link to its target (the
    link stays a link), and not while another run holds the output's lock file."""
    import fcntl
    import os

    case = CORPORA[0]
    alignment = aligner.align(case / "en.txt", case / "ja.txt")
    target = tmp_path / "target.csv"
    target.write_text("old\n", "utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target.name)
    alignment.write(link)
    assert link.is_symlink()
    assert target.read_text("utf-8") == alignment.dumps("csv")
    lock = tmp_path / ".target.csv.lock"
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(OSError, match="another hashi run is writing this output"):
            alignment.write(link, "tsv")
    assert target.read_text("utf-8") == alignment.dumps("csv")
    os.remove(lock)


def test_pairs_records_and_sequence(aligner):
    case = CORPORA[0]
    alignment = aligner.align(case / "en.txt", case / "ja.txt")
    beads = list(alignment)
    assert alignment[-1].en_ids == beads[-1].en_ids
    assert [b.en_ids for b in alignment[1:3]] == [b.en_ids for b in beads[1:3]]
    with pytest.raises(IndexError):
        alignment[len(beads)]
    pairs = alignment.pairs()
    assert [b.en_ids for b in pairs] == [b.en_ids for b in beads if b.en_ids and b.ja_ids]
    assert all(b.score >= 0.99 for b in alignment.pairs(min_score=0.99))
    records = alignment.to_records()
    assert list(records[0]) == ["en_ids", "ja_ids", "en", "ja", "score", "kind"]
    assert [(r["en_ids"], r["ja"], r["score"]) for r in records] == [
        (b.en_ids, b.ja, b.score) for b in beads
    ]
    with pytest.raises(ValueError):
        alignment.pairs(min_score=1.5)
    with pytest.raises(ValueError, match="unknown format"):
        alignment.dumps("xlsx")


def test_to_pandas(aligner):
    # pandas is installed where the suite runs (CI installs it): a missing one fails here.
    import pandas as pd

    case = CORPORA[0]
    alignment = aligner.align(case / "en.txt", case / "ja.txt")
    frame = alignment.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["en_ids", "ja_ids", "en", "ja", "score", "kind"]
    assert frame["ja"].tolist() == [b.ja for b in alignment]
    assert frame["score"].tolist() == [b.score for b in alignment]


def test_check_equals_cli(aligner, tmp_path):
    import json

    for case in CORPORA:
        en, ja = case / "en.txt", case / "ja.txt"
        want = json.loads(run_hashi("check", "--format", "json", "--html", tmp_path / "cli.html", en, ja))
        report = aligner.check(en, ja)
        got = [
            {"kind": f.kind, "en_ids": f.en_ids, "ja_ids": f.ja_ids, "en": f.en, "ja": f.ja, "detail": f.detail}
            for f in report
        ]
        assert got == want["findings"]
        assert report.html() == (tmp_path / "cli.html").read_text("utf-8")
        report.write_html(tmp_path / "py.html")
        assert (tmp_path / "py.html").read_text("utf-8") == report.html()
    # Not vacuous: the JAXA pair has an added English and a dropped Japanese sentence.
    jaxa = next(c for c in CORPORA if c.name == "jaxa-launch")
    assert len(aligner.check(jaxa / "en.txt", jaxa / "ja.txt")) > 0


def test_segment_equals_cli():
    case = CORPORA[0]
    ja = (case / "ja.txt").read_text("utf-8")
    want = jsonl(run_hashi("segment", "--lang", "ja", "--format", "jsonl", "--tokens", case / "ja.txt"))
    got = hashi.segment(ja, tokens=True)
    assert [s.text for s in got] == [w["text"] for w in want]
    assert [s.paragraph for s in got] == [w["paragraph"] for w in want]
    assert [s.furniture for s in got] == [w["furniture"] for w in want]
    assert [ja[s.start : s.end] for s in got] == [s.text for s in got]
    for s, w in zip(got, want):
        assert [(t.surface, t.pos, t.base, t.reading) for t in s.tokens] == [
            (t["surface"], t["pos"], t["base"], t["reading"]) for t in w["tokens"]
        ]
        assert all(ja[t.start : t.end] == t.surface for t in s.tokens)
    en = hashi.segment("It rained. Then it stopped.\n\nNew paragraph.")
    assert [(s.text, s.start, s.end, s.paragraph, s.tokens) for s in en] == [
        ("It rained.", 0, 10, 0, None),
        ("Then it stopped.", 11, 27, 0, None),
        ("New paragraph.", 29, 43, 1, None),
    ]
    # Page furniture is marked, not dropped, as the CLI's JSONL marks it.
    page = hashi.segment("print PRINT\n\nThe launch succeeded.\n\nRelated articles\n", "en")
    assert [(s.text, s.furniture) for s in page] == [
        ("print PRINT", True),
        ("The launch succeeded.", False),
        ("Related articles", True),
    ]
    assert "furniture=True" in repr(page[0])
