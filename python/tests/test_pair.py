"""hashi.pair: the pairs hashi pair finds, from texts or files, and its bad input."""

import csv
import io
import pathlib

import pytest

import hashi
from conftest import run_hashi

EN = {
    "launch": "JAXA launched its H3 rocket from the Tanegashima Space Center on Sunday morning. "
    "About 4,000 people watched the launch from the coast. The satellite it carried cost "
    "about 38 billion yen. The next launch is planned for March.\n",
    "budget": "The Tokyo Metropolitan Government approved a budget of 8.5 trillion yen for fiscal "
    "2025 on Friday. Spending on child care rose by 12 percent from last year. Governor "
    "Yuriko Koike said the city would also build 20 new parks. The assembly will vote on "
    "the plan in March.\n",
    "bakery": "A new bakery opened in Kyoto's Gion district last week. Its owner trained in Paris "
    "for seven years. The shop sells 30 kinds of bread and closes on Mondays.\n",
}

JA = {
    "k1": "北海道で今年初めての雪が観測された。札幌の気温は氷点下2度まで下がった。"
    "気象台は週末にかけて大雪に注意するよう呼びかけている。\n",
    "k3": "JAXAは日曜日の朝、種子島宇宙センターからH3ロケットを打ち上げた。"
    "海岸では約4千人が打ち上げを見守った。搭載した衛星の開発費は約380億円。"
    "次の打ち上げは3月に予定されている。\n",
    "k5": "東京都は金曜日、2025年度の予算8兆5千億円を承認した。"
    "子育て関連の支出は前年より12％増えた。"
    "小池百合子知事は、新たに20の公園を整備すると述べた。議会は3月に計画を採決する。\n",
}


def test_texts_pair_as_the_command_pairs_files(tmp_path):
    pairs = hashi.pair(EN.items(), JA.items())
    assert [(e, j) for e, j, _ in pairs] == [("launch", "k3"), ("budget", "k5")]
    assert all(0.5 <= s <= 1.0 for _, _, s in pairs)

    for side, docs in (("en", EN), ("ja", JA)):
        (tmp_path / side).mkdir()
        for name, text in docs.items():
            (tmp_path / side / f"{name}.txt").write_text(text, encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(run_hashi("pair", tmp_path / "en", tmp_path / "ja"))))
    by_cli = {(pathlib.Path(r["en"]).stem, pathlib.Path(r["ja"]).stem): float(r["score"]) for r in rows}
    assert by_cli == {(e, j): s for e, j, s in pairs}

    # Paths alone: the ids are the paths as given.
    en_paths = sorted((tmp_path / "en").iterdir())
    ja_paths = [str(p) for p in sorted((tmp_path / "ja").iterdir())]
    from_files = hashi.pair(en_paths, ja_paths)
    assert sorted((pathlib.Path(e).stem, pathlib.Path(j).stem) for e, j, _ in from_files) == [
        ("budget", "k5"),
        ("launch", "k3"),
    ]


def test_min_score_and_bytes():
    docs = [(k, v.encode("utf-8")) for k, v in JA.items()]
    assert len(hashi.pair(EN.items(), docs)) == 2
    assert all(s >= 0.99 for _, _, s in hashi.pair(EN.items(), docs, min_score=0.99))


def test_bad_input(tmp_path):
    with pytest.raises(hashi.InputError, match="no English documents") as e:
        hashi.pair([], JA.items())
    assert e.value.kind == "empty_source"
    f = tmp_path / "a.txt"
    f.write_text(EN["launch"], encoding="utf-8")
    with pytest.raises(hashi.InputError, match="the same file") as e:
        hashi.pair([f], [("x", f)])
    assert e.value.kind == "same_file"
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"abc\0def")
    docs = list(JA.items()) + [("broken", broken)]
    with pytest.raises(hashi.InputError, match="broken.txt: binary data") as e:
        hashi.pair(EN.items(), docs)
    assert e.value.kind == "binary"
    assert len(hashi.pair(EN.items(), docs, errors="skip")) == 2
    with pytest.raises(TypeError):
        hashi.pair([42], JA.items())
