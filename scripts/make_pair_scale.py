#!/usr/bin/env python3
"""Build a large document-pairing task for timing `hashi pair`: new documents made by
recombining the sentence pairs of an existing task's cases (../shared/eval/pair_cases.py).

Every gold bead pairing both sides (en.sent/ja.sent lines joined as the bead groups them)
of TASK/cases/*/ goes into one pool. A new true pair is 8 to 16 beads drawn at random from
the pool, the English side their English sentences and the Japanese side their Japanese
ones, in paragraphs of 1 to 4 sentences; an English-only or Japanese-only document is a draw
of its own. So every sentence recurs in many documents (of 100,000 Japanese documents made
from about 8,000 beads, each bead in about 150), and only the combination tells a pair.

Writes OUT/en/*.txt, OUT/ja/*.txt (shuffled names) and OUT/gold.tsv as pair_cases.py does
(no case folders).

usage: make_pair_scale.py TASK OUT --en N --ja M [--pairs P] [--seed S]
       (P true pairs, default 0.9 N; N - P English-only, M - P Japanese-only documents)"""
import argparse, glob, json, os, random

def pool(task):
    out = []
    for g in sorted(glob.glob(os.path.join(task, "cases", "*", "gold.align"))):
        case = os.path.dirname(g)
        en = open(os.path.join(case, "en.sent"), encoding="utf-8").read().splitlines()
        ja = open(os.path.join(case, "ja.sent"), encoding="utf-8").read().splitlines()
        for line in open(g):
            e, j = (json.loads(x) for x in line.strip().split(":"))
            if e and j:
                out.append((" ".join(en[i] for i in e), "".join(ja[i] for i in j)))
    return out

def text(sentences, sep, rng):
    paras, k = [], 0
    while k < len(sentences):
        n = rng.randint(1, 4)
        paras.append(sep.join(sentences[k:k + n])); k += n
    return "\n\n".join(paras) + "\n"

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("task"); ap.add_argument("out")
    ap.add_argument("--en", type=int, required=True); ap.add_argument("--ja", type=int, required=True)
    ap.add_argument("--pairs", type=int); ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    beads = pool(a.task)
    pairs = a.pairs if a.pairs is not None else int(0.9 * min(a.en, a.ja))
    for side in ("en", "ja"):
        os.makedirs(os.path.join(a.out, side), exist_ok=True)
    names = iter(rng.sample(range(10 * (a.en + a.ja)), a.en + a.ja))
    draw = lambda: rng.sample(beads, rng.randint(8, 16))
    gold = []
    def write(side, sentences, sep):
        name = f"{next(names):07d}.txt"
        with open(os.path.join(a.out, side, name), "w", encoding="utf-8") as f:
            f.write(text(sentences, sep, random.Random(rng.random())))
        return name
    for _ in range(pairs):
        b = draw()
        gold.append((write("en", [e for e, _ in b], " "), write("ja", [j for _, j in b], "")))
    for _ in range(a.en - pairs):
        write("en", [e for e, _ in draw()], " ")
    for _ in range(a.ja - pairs):
        write("ja", [j for _, j in draw()], "")
    with open(os.path.join(a.out, "gold.tsv"), "w") as f:
        f.write("".join(f"{e}\t{j}\n" for e, j in sorted(gold)))
    print(f"{a.en} English and {a.ja} Japanese documents from {len(beads)} beads, {pairs} true pairs -> {a.out}")

if __name__ == "__main__":
    main()
