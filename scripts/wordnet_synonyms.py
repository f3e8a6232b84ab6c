#!/usr/bin/env python3
"""Derive crates/wordnet-data/synonyms.xz from WordNet 3.0 (Debian's `wordnet-base` package).

One line per English word: `word<TAB>synonym synonym ...`, the synonyms being the other
one-word lemmas of the word's most frequent synsets (the first SENSES of each part of
speech, in WordNet's frequency order) for which the synset is also among their own most
frequent ones; with --derived (as vendored), then the derivationally related forms of the
word in those senses (decision → decide). The build script stems both sides and uses the list
to widen the English keys of each EDICT gloss word (see src/lexicon/compile.rs).

Usage: scripts/wordnet_synonyms.py /usr/share/wordnet crates/wordnet-data/synonyms.xz --derived [--senses 1]
(`apt-get download wordnet-base && dpkg -x wordnet-base_*.deb dir` gives the directory
without installing anything.)
"""

import argparse
import lzma
import os
import re

POS = ["noun", "verb", "adj", "adv"]
WORD = re.compile(r"^[a-z]+$")


SS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}


def synsets(directory, pos):
    """offset -> (lemmas of the synset, lowercased, adjective markers like (a) removed;
    derivation pointers as (source word number, target pos, target offset, target word
    number))."""
    out = {}
    with open(os.path.join(directory, f"data.{pos}"), encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue  # the licence header
            fields = line.split()
            offset, count = fields[0], int(fields[3], 16)
            lemmas = [re.sub(r"\(.*\)$", "", fields[4 + 2 * k]).lower() for k in range(count)]
            at = 4 + 2 * count
            derived = []
            for k in range(int(fields[at])):
                symbol, target, tpos, st = fields[at + 1 + 4 * k: at + 5 + 4 * k]
                if symbol == "+":
                    derived.append((int(st[:2], 16), SS[tpos], target, int(st[2:], 16)))
            out[offset] = (lemmas, derived)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("wordnet_dir")
    ap.add_argument("output")
    ap.add_argument("--senses", type=int, default=1)
    ap.add_argument("--derived", action="store_true",
                    help="also the derivationally related forms of each word in those senses")
    args = ap.parse_args()
    synonyms = {}
    data_by_pos = {pos: synsets(args.wordnet_dir, pos) for pos in POS}
    for pos in POS:
        data = data_by_pos[pos]
        senses = {}
        with open(os.path.join(args.wordnet_dir, f"index.{pos}"), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split()
                p_cnt = int(fields[3])
                senses[fields[0]] = fields[6 + p_cnt:][: args.senses]
        for lemma, offsets in senses.items():
            if not WORD.match(lemma):
                continue
            for offset in offsets:
                lemmas, derived = data.get(offset, ([], []))
                for other in lemmas:
                    # Both ways: the synset is among the most frequent senses of each word,
                    # so "toilet" is not a synonym of "throne" nor "state" of "province".
                    if other != lemma and WORD.match(other) and offset in senses.get(other, []):
                        synonyms.setdefault(lemma, []).append(other)
                if args.derived and lemma in lemmas:
                    # Derivationally related forms of this word in this sense (decision →
                    # decide, explanation → explain), which the stemmer does not join.
                    me = lemmas.index(lemma) + 1
                    for source, tpos, target, word in derived:
                        if source == me:
                            tl = data_by_pos[tpos].get(target, ([], []))[0]
                            if 0 < word <= len(tl) and WORD.match(tl[word - 1]):
                                synonyms.setdefault(lemma, []).append(tl[word - 1])
    lines = []
    for word in sorted(synonyms):
        seen = []
        for s in synonyms[word]:
            if s not in seen:
                seen.append(s)
        lines.append(f"{word}\t{' '.join(seen)}\n")
    with lzma.open(args.output, "wt", encoding="utf-8", preset=9) as f:
        f.writelines(lines)
    print(f"{args.output}: {len(lines)} words")


if __name__ == "__main__":
    main()
