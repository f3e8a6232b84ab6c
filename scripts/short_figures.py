#!/usr/bin/env python3
"""How hashi judges texts of one sentence a side (a post, a title, a caption): each 1-1
gold bead of the case sets (and of `corpora/`) becomes a one-sentence document pair, true,
and its English is also paired with the Japanese of a bead of another case, unrelated.
Each pair is aligned pre-segmented as a user runs it (refusals counted) and the 1-1
beads' scores summarised:

  refused        pairs the command refused (an unrelated verdict; exit 2)
  1-1 >= 0.8     1-1 beads scoring 0.8 or more, and >= 0.5 likewise

usage: scripts/short_figures.py [--bin B] [--eval DIR] [--sets SETS] [--every N]"""
import argparse, glob, json, os, random, subprocess, tempfile


def gold_pairs(case):
    """The 1-1 gold beads of a case as (English sentence, Japanese sentence)."""
    read = lambda name: open(os.path.join(case, name), encoding="utf-8").read().splitlines()
    en, ja = read("en.sent"), read("ja.sent")
    out = []
    for line in read("gold.align"):
        if line.strip():
            e, j = (json.loads(x) for x in line.strip().split(":"))
            if len(e) == 1 and len(j) == 1:
                out.append((en[e[0]], ja[j[0]]))
    return out


def run(bin_, tmp, en, ja):
    paths = [os.path.join(tmp, "en.sent"), os.path.join(tmp, "ja.sent")]
    for path, text in zip(paths, (en, ja)):
        open(path, "w", encoding="utf-8").write(text + "\n")
    r = subprocess.run([bin_, "align", "--presegmented", "--format", "jsonl", *paths],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return None
    return [json.loads(l) for l in r.stdout.splitlines() if l.strip()]


def figures(bin_, name, cases, every, rng):
    per_case = [gold_pairs(c) for c in cases]
    tally = {"true": [0, 0, 0, 0, 0], "unrelated": [0, 0, 0, 0, 0]}
    with tempfile.TemporaryDirectory() as tmp:
        for n, pairs in enumerate(per_case):
            others = [p for m, ps in enumerate(per_case) if m != n for p in ps]
            for en, ja in pairs[::every]:
                for kind, other_ja in (("true", ja), ("unrelated", rng.choice(others)[1])):
                    t = tally[kind]
                    t[0] += 1
                    beads = run(bin_, tmp, en, other_ja)
                    if beads is None:
                        t[1] += 1
                        continue
                    scores = [b["score"] for b in beads if len(b["en"]) == 1 and len(b["ja"]) == 1]
                    t[2] += len(scores)
                    t[3] += sum(s >= 0.8 for s in scores)
                    t[4] += sum(s >= 0.5 for s in scores)
    for kind, (pairs, refused, ones, high, mid) in tally.items():
        print(f"{name}: {kind:9s} {pairs:5d} pairs, refused {refused:4d}, "
              f"1-1 beads {ones:5d}: >= 0.8 {high:5d}, >= 0.5 {mid:5d}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/hashi")
    ap.add_argument("--eval", default="../shared/eval")
    ap.add_argument("--sets", default="nt21-ja-en-news,nt21-en-ja-news,gt23-ja-en-news,"
                    "gt23-en-ja-news")
    ap.add_argument("--every", type=int, default=10, help="every N-th gold pair of a set")
    a = ap.parse_args()
    rng = random.Random(0)
    for s in a.sets.split(","):
        cases = sorted(glob.glob(os.path.join(a.eval, "cases", s, "*", "")))
        figures(a.bin, s, cases, a.every, rng)
    corpora = sorted(os.path.dirname(p) for p in glob.glob("corpora/*/gold.align"))
    figures(a.bin, "corpora", corpora, 1, rng)


if __name__ == "__main__":
    main()
