#!/usr/bin/env python3
"""Omission and addition findings of `hashi check` where the gold has none, and its recall on
the sets that have some, against ../shared/eval (never copied into the repository) and the
held-out corpora/.

Every case is checked with `hashi check --presegmented --format json en.sent ja.sent`. A
finding of kind omission (addition) is right when the gold has a bead with no English
(Japanese) side on exactly its sentences; every other one is false.

- Clean sets (gt23-ja-en-clean, gt23-en-ja-clean, nt21-ja-en-clean, nt21-en-ja-clean): every
  sentence translated, in order, so every omission or addition reported there is false; the
  figure is their count (issue 13 asks for at most 10 on the two gt23 sets together).
- News sets (gt23-ja-en-news, gt23-en-ja-news; nt21's are `scripts/check_figures.py`'s):
  recall (gold beads with an empty side reported with the same ids) and false share.
- corpora/*: the findings that are not gold 1-0/0-1 beads.

`--params k=v,...` is passed to `hashi check` (on top of its own profile), for fitting.

usage: scripts/check_clean.py [--hashi target/release/hashi] [--cases ../shared/eval/cases]
                              [--corpora corpora] [--params k=v,...] [--show]
"""
import argparse
import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor

CLEAN = ["gt23-ja-en-clean", "gt23-en-ja-clean", "nt21-ja-en-clean", "nt21-en-ja-clean"]
NEWS = ["gt23-ja-en-news", "gt23-en-ja-news"]


def ids(s):
    s = s.strip()[1:-1]
    return tuple(int(x) for x in s.split(",") if x.strip())


def furniture_lines(marker, path):
    """The line numbers (as gold.align counts them) that `hashi segment` marks as furniture."""
    out = subprocess.run([marker, "segment", "--presegmented", "--lang", "en", "--format",
                          "jsonl", path], capture_output=True, text=True, check=True).stdout
    return {i for i, l in enumerate(out.splitlines()) if json.loads(l)["furniture"]}


def gold_gaps(case, furniture=frozenset()):
    """The gold beads with one empty side, as (kind, ids) like the findings'; English page
    furniture left out (check does not report it, by design)."""
    gaps = set()
    with open(os.path.join(case, "gold.align"), encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            en, ja = (ids(x) for x in line.strip().split(":"))
            if ja and not en:
                gaps.add(("omission", ja))
            elif en and not ja and not set(en) <= furniture:
                gaps.add(("addition", en))
    return gaps


def run(hashi, params, case, marker):
    """(right, false, missed) omission/addition findings of one case. A finding over an
    untranslated stretch counts each of its sentences; a pair refused by its verdict has
    none."""
    cmd = [hashi, "check", "--presegmented", "--format", "json"]
    if params:
        cmd += ["--params", params]
    out = subprocess.run(cmd + [os.path.join(case, "en.sent"), os.path.join(case, "ja.sent")],
                         capture_output=True, text=True)
    gold = gold_gaps(case, furniture_lines(marker, os.path.join(case, "en.sent")))
    if out.returncode == 2 and "do not look like translations" in out.stderr:
        return [], [], gold
    if out.returncode not in (0, 1):
        raise RuntimeError(f"{case}: {out.stderr}")
    right, false = [], []
    for f in json.loads(out.stdout)["findings"]:
        if f["kind"] == "omission":
            found = [("omission", (j,)) for j in f["ja_ids"]]
        elif f["kind"] == "addition":
            found = [("addition", (e,)) for e in f["en_ids"]]
        else:
            continue
        for x in found:
            (right if x in gold else false).append(x)
    return right, false, gold - set(right)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--hashi", default=os.path.join(repo, "target/release/hashi"))
    ap.add_argument("--cases", default=os.path.join(repo, "../shared/eval/cases"))
    ap.add_argument("--corpora", default=os.path.join(repo, "corpora"))
    ap.add_argument("--params", default="")
    ap.add_argument("--show", action="store_true", help="list every false finding")
    ap.add_argument("--marker", help="the hashi that marks furniture (default --hashi)")
    args = ap.parse_args()
    hashi = os.path.abspath(args.hashi)
    marker = os.path.abspath(args.marker or args.hashi)

    def folders(root):
        return [os.path.join(root, d) for d in sorted(os.listdir(root))
                if os.path.isfile(os.path.join(root, d, "gold.align"))]

    groups = [(name, folders(os.path.join(args.cases, name))) for name in CLEAN + NEWS]
    groups.append(("corpora", folders(args.corpora)))
    with ThreadPoolExecutor(max_workers=2) as pool:
        for name, cases in groups:
            results = list(pool.map(lambda c: run(hashi, args.params, c, marker), cases))
            right = sum(len(r) for r, _, _ in results)
            false = sum(len(f) for _, f, _ in results)
            missed = sum(len(m) for _, _, m in results)
            if name in NEWS:
                print(f"{name}: gold {right + missed}, reported {right} "
                      f"(recall {right / max(right + missed, 1):.3f}); findings "
                      f"{right + false}, not gold {false} "
                      f"(false share {false / max(right + false, 1):.3f})")
            else:
                print(f"{name}: {false} omission/addition findings not in the gold "
                      f"({len(cases)} cases)")
            if args.show:
                for case, (_, f, _) in zip(cases, results):
                    for kind, which in f:
                        print(f"    {os.path.basename(case)} {kind} {list(which)}")


if __name__ == "__main__":
    main()
