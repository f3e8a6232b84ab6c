"""Bad input raises hashi.InputError (a hashi.HashiError) with the library's message and kind."""

import pathlib

import pytest

import hashi

CORPORA_DIR = pathlib.Path(__file__).resolve().parents[2] / "corpora"

EN = "It rained in Tokyo on Monday. The rain stopped in the evening."
JA = "月曜日、東京で雨が降った。雨は夕方にやんだ。"


def test_input_error_is_a_hashi_error():
    assert issubclass(hashi.InputError, hashi.HashiError)
    assert issubclass(hashi.HashiError, Exception)


@pytest.mark.parametrize("en,ja,side", [("", JA, "English"), (EN, " \n\n", "Japanese")])
def test_empty_side(aligner, en, ja, side):
    with pytest.raises(hashi.InputError, match=f"^the {side} side has no sentence$") as e:
        aligner.align(en, ja)
    assert e.value.kind == "empty_side"


def test_swapped_languages(aligner):
    with pytest.raises(hashi.InputError, match="looks Japanese") as e:
        aligner.align(JA, EN)
    assert e.value.kind == "swapped_languages"
    assert str(e.value) == (
        "the English side looks Japanese: are the sides swapped? (force=True aligns anyway)"
    )
    # force aligns anyway, as --force does.
    assert len(aligner.align(JA, EN, force=True)) > 0


def test_lopsided_sides(aligner):
    en = "It rained. " * 16
    with pytest.raises(hashi.InputError, match="differ too much in size: 16 English sentences, 1 Japanese") as e:
        aligner.align(en, "雨が降った。")
    assert e.value.kind == "lopsided"
    # The limit is the command's --max-ratio/--ratio-slack, and force waives it; past the
    # size rule, sixteen times one sentence against one is no translation either.
    with pytest.raises(hashi.InputError) as e:
        aligner.align(en, "雨が降った。", ratio_slack=15)
    assert e.value.kind == "not_translation"
    assert len(aligner.check(en, "雨が降った。", force=True).alignment) > 0
    with pytest.raises(ValueError, match="max_ratio must be a finite number of at least 1"):
        aligner.align(en, "雨が降った。", max_ratio=0.5)


def test_bad_bytes_give_the_offset(aligner):
    bad = "雨が降った。".encode("utf-8") + b"\xff\xfe\x00"
    with pytest.raises(hashi.InputError, match="binary data") as e:
        aligner.align(EN, bad)
    assert (e.value.kind, e.value.offset) == ("binary", 20)
    with pytest.raises(hashi.InputError, match="invalid UTF-8 at byte 3") as e:
        hashi.segment(b"abc\xff\xfe\xfd")
    assert (e.value.kind, e.value.offset) == ("invalid_utf8", 3)


def test_missing_file(aligner, tmp_path):
    missing = tmp_path / "missing.txt"
    with pytest.raises(hashi.InputError, match="cannot read") as e:
        aligner.align(missing, JA)
    assert (e.value.kind, e.value.path) == ("read", str(missing))
    with pytest.raises(hashi.InputError, match="is a directory") as e:
        aligner.align(tmp_path, JA)
    assert e.value.kind == "not_a_file"


def test_bad_lexicon(tmp_path):
    bad = tmp_path / "lexicon.txt"
    bad.write_bytes(b"\xff\xfe\xfd\xfc")
    with pytest.raises(hashi.HashiError, match="lexicon") as e:
        hashi.Aligner(lexicon=bad)
    assert e.value.kind == "lexicon"
    assert not isinstance(e.value, hashi.InputError)


def test_wrong_argument_types(aligner):
    with pytest.raises(TypeError, match="expected a text"):
        aligner.align(1, JA)
    with pytest.raises(ValueError, match="unknown language"):
        hashi.segment(EN, lang="fr")


def test_without_lexicon_aligns_too():
    plain = hashi.Aligner(lexicon=None)
    assert not plain.has_lexicon
    assert [b.kind for b in plain.align(EN, JA)] == ["1-1", "1-1"]


def test_unrelated_texts_are_refused_with_their_own_kind(aligner):
    en = (CORPORA_DIR / "jaxa-launch" / "en.txt").read_text("utf-8")
    ja = (CORPORA_DIR / "shogi-record" / "ja.txt").read_text("utf-8")
    with pytest.raises(hashi.InputError, match="do not look like translations of each other") as e:
        aligner.align(en, ja)
    assert e.value.kind == "not_translation"
    assert str(e.value).endswith("(force=True aligns anyway)")
    with pytest.raises(hashi.InputError) as e:
        aligner.check(en, ja)
    assert e.value.kind == "not_translation"
    forced = aligner.align(en, ja, force=True)
    assert forced.verdict["kind"] == "unrelated"
    assert all(b.score < 0.5 for b in forced.pairs())
    # align_many yields it as the document's error, and the others go on.
    own = (CORPORA_DIR / "jaxa-launch" / "ja.txt").read_text("utf-8")
    results = list(aligner.align_many([("mixed", en, ja), ("own", en, own)]))
    assert [r.id for r in results] == ["mixed", "own"]
    assert results[0].error_kind == "not_translation"
    assert "do not look like translations" in results[0].error
    assert results[1].error is None
    verdict = results[1].alignment.verdict
    assert verdict["kind"] == "translation" and verdict["judged"] is True
    assert verdict["en_sentences"] == 16 and verdict["en_translated"] >= 14
