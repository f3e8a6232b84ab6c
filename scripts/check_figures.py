#!/usr/bin/env python3
"""Figures for `hashi check` against ../shared/eval (never copied into the repository).

1. Omissions and additions: on nt21-ja-en-news and nt21-en-ja-news, `hashi check
   --presegmented --format json en.sent ja.sent`; recall = share of gold beads with an empty
   side (0-1, 1-0) reported as omission/addition with the same ids; false share = share of
   omission/addition findings that are not gold ones.
2. Changed numbers: one digit changed in 50 gold 1-1 pairs of those cases whose Japanese
   sentence holds a digit (fixed seed, temp copies); count those flagged as `number` on the
   right pair. Also reported for the subset whose changed number also appears in the English
   (a checker can only see a change the English lets it compare against).
3. False number alarms: number findings in total on the unchanged nt21-ja-en-clean and
   nt21-en-ja-clean cases.

Usage: scripts/check_figures.py [--hashi target/release/hashi] [--cases ../shared/eval/cases]
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from concurrent.futures import ThreadPoolExecutor

NEWS = ["nt21-ja-en-news", "nt21-en-ja-news"]
CLEAN = ["nt21-ja-en-clean", "nt21-en-ja-clean"]
SEED = 20211
N_CHANGED = 50


def parse_ids(s):
    s = s.strip()[1:-1].strip()
    return tuple(int(x) for x in s.split(",") if x.strip())


def gold_beads(path):
    beads = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            en, ja = line.split(":")
            beads.append((parse_ids(en), parse_ids(ja)))
    return beads


def sentences(path):
    """Non-blank lines: the sentence numbering of --presegmented and gold .align files."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    return lines, [i for i, l in enumerate(lines) if l.strip()]


def run_check(hashi, en, ja):
    out = subprocess.run(
        [hashi, "check", "--presegmented", "--format", "json", en, ja],
        capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise RuntimeError(f"{en}: {out.stderr}")
    return json.loads(out.stdout)["findings"]


def copy_cases(src_root, names, dst_root):
    docs = []
    for name in names:
        for doc in sorted(os.listdir(os.path.join(src_root, name))):
            src = os.path.join(src_root, name, doc)
            dst = os.path.join(dst_root, name, doc)
            os.makedirs(dst)
            for f in ("en.sent", "ja.sent", "gold.align"):
                shutil.copy(os.path.join(src, f), dst)
            docs.append((name, doc, dst))
    return docs


def check_all(hashi, docs):
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(
            lambda d: run_check(hashi, os.path.join(d[2], "en.sent"),
                                os.path.join(d[2], "ja.sent")), docs))


def omission_figures(docs, results):
    gold_n = hit = found_n = false_n = 0
    misses = []
    for (_, doc, path), findings in zip(docs, results):
        gold = set()
        for en, ja in gold_beads(os.path.join(path, "gold.align")):
            if not en and ja:
                gold.add(("omission", ja))
            elif en and not ja:
                gold.add(("addition", en))
        found = set()
        for f in findings:
            if f["kind"] == "omission":
                found.add(("omission", tuple(f["ja_ids"])))
            elif f["kind"] == "addition":
                found.add(("addition", tuple(f["en_ids"])))
        gold_n += len(gold)
        hit += len(gold & found)
        found_n += len(found)
        false_n += len(found - gold)
        misses.extend((doc, g) for g in sorted(gold - found))
    return gold_n, hit, found_n, false_n, misses


DIGIT = re.compile(r"[0-9０-９]")
RUN = re.compile(r"[0-9０-９][0-9０-９,，.．]*")


def change_digit(rng, text):
    """Changes one digit of `text`; returns the new text and the number run before/after."""
    runs = [m for m in RUN.finditer(text)]
    m = rng.choice(runs)
    positions = [m.start() + i for i, c in enumerate(m.group()) if DIGIT.match(c)]
    pos = rng.choice(positions)
    old = text[pos]
    full = "０" <= old <= "９"
    value = int(unicodedata.normalize("NFKC", old))
    choices = [d for d in range(10) if d != value and not (d == 0 and pos == m.start())]
    new_value = rng.choice(choices)
    new = chr(ord("０") + new_value) if full else str(new_value)
    changed = text[:pos] + new + text[pos + 1:]
    before = unicodedata.normalize("NFKC", m.group()).replace(",", "")
    return changed, before


def en_has_number(en_text, run):
    nums = {n.replace(",", "") for n in re.findall(r"\d[\d,.]*", en_text)}
    return run.rstrip(".") in {n.rstrip(".") for n in nums}


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap.add_argument("--hashi", default=os.path.join(repo, "target/release/hashi"))
    ap.add_argument("--cases", default=os.path.join(repo, "../shared/eval/cases"))
    args = ap.parse_args()
    hashi = os.path.abspath(args.hashi)
    tmp = tempfile.mkdtemp(prefix="hashi-check-figures-")
    try:
        news = copy_cases(args.cases, NEWS, os.path.join(tmp, "orig"))
        results = check_all(hashi, news)
        print("== omissions and additions (news, presegmented)")
        for name in NEWS + ["both"]:
            sel = [(d, r) for d, r in zip(news, results) if name in ("both", d[0])]
            g, h, fn, fa, misses = omission_figures([d for d, _ in sel], [r for _, r in sel])
            print(f"{name}: gold {g}, reported {h} (recall {h / max(g, 1):.3f}); "
                  f"findings {fn}, not gold {fa} (false share {fa / max(fn, 1):.3f})")
        print("missed:", misses)

        # 2. Changed numbers.
        candidates = []
        for name, doc, path in news:
            en_lines, en_idx = sentences(os.path.join(path, "en.sent"))
            ja_lines, ja_idx = sentences(os.path.join(path, "ja.sent"))
            for en, ja in gold_beads(os.path.join(path, "gold.align")):
                if len(en) == 1 and len(ja) == 1 and DIGIT.search(ja_lines[ja_idx[ja[0]]]):
                    candidates.append((name, doc, path, en[0], ja[0]))
        rng = random.Random(SEED)
        chosen = rng.sample(candidates, N_CHANGED)
        jobs = []
        for k, (name, doc, path, e, j) in enumerate(chosen):
            dst = os.path.join(tmp, "changed", str(k))
            os.makedirs(dst)
            shutil.copy(os.path.join(path, "en.sent"), dst)
            ja_lines, ja_idx = sentences(os.path.join(path, "ja.sent"))
            en_lines, en_idx = sentences(os.path.join(path, "en.sent"))
            line = ja_idx[j]
            ja_lines[line], before = change_digit(rng, ja_lines[line])
            with open(os.path.join(dst, "ja.sent"), "w", encoding="utf-8") as f:
                f.write("\n".join(ja_lines))
            jobs.append((name, doc, dst, e, j, en_has_number(en_lines[en_idx[e]], before),
                         ja_lines[line]))
        changed = check_all(hashi, jobs)
        flagged = flagged_visible = visible = 0
        for (name, doc, _, e, j, vis, text), findings in zip(jobs, changed):
            hit = any(f["kind"] == "number" and j in f["ja_ids"] and e in f["en_ids"]
                      for f in findings)
            flagged += hit
            visible += vis
            flagged_visible += hit and vis
            if not hit:
                print(f"  not flagged: {name}/{doc} en {e} ja {j} "
                      f"(number in English: {vis}): {text}")
        print(f"== changed numbers: {flagged}/{N_CHANGED} flagged on the right pair; "
              f"{flagged_visible}/{visible} of those whose number the English also has")

        # 3. False number alarms on clean cases.
        clean = copy_cases(args.cases, CLEAN, os.path.join(tmp, "clean"))
        clean_results = check_all(hashi, clean)
        counts = {}
        for (name, doc, _), findings in zip(clean, clean_results):
            for f in findings:
                counts[f["kind"]] = counts.get(f["kind"], 0) + 1
                if f["kind"] in ("number", "date", "name"):
                    print(f"  {f['kind']}: {name}/{doc} en {f['en_ids']} ja {f['ja_ids']}: "
                          f"{f['detail']}")
        print(f"== clean cases ({len(clean)} documents): findings by kind {counts}; "
              f"number findings {counts.get('number', 0)}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
