#!/usr/bin/env python3
"""Figures for `hashi check` against ../shared/eval (never copied into the repository).

1. Omissions and additions: on nt21-ja-en-news and nt21-en-ja-news, `hashi check
   --presegmented --format json en.sent ja.sent`; recall = share of gold beads with an empty
   side (0-1, 1-0) reported as omission/addition with the same ids; false share = share of
   omission/addition findings that are not gold ones.
2. Changed numbers: in 50 gold 1-1 pairs of those cases (fixed seed, temp copies), a number
   that both sentences write is changed on one side (36 → 37, 200 → 500, 200 → 2000); count
   those flagged as `number` or `date` on the right pair. A number only one side writes is
   left alone: no comparison can tell it changed.
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


REFUSED = []


def run_check(hashi, en, ja):
    out = subprocess.run(
        [hashi, "check", "--presegmented", "--format", "json", en, ja],
        capture_output=True, text=True)
    if out.returncode == 2 and "do not look like translations" in out.stderr:
        # Refused by its verdict: no findings, every gold one missed.
        REFUSED.append(en)
        return []
    if out.returncode not in (0, 1):
        raise RuntimeError(f"{en}: {out.stderr}")
    return json.loads(out.stdout)["findings"]


def furniture_lines(hashi, path):
    """The line numbers (as gold.align counts them) that `hashi segment` marks as furniture."""
    out = subprocess.run([hashi, "segment", "--presegmented", "--lang", "en", "--format",
                          "jsonl", path], capture_output=True, text=True, check=True).stdout
    return {i for i, l in enumerate(out.splitlines()) if json.loads(l)["furniture"]}


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


def omission_figures(docs, results, marker):
    """Recall and false share of omissions and additions. A finding over an untranslated
    stretch counts each of its sentences. Page furniture (gold 1-0 beads of lines `hashi
    segment` marks) is left out of the gold: check does not report it by design; the fifth
    figure counts the furniture lines that were reported all the same."""
    gold_n = hit = found_n = false_n = furniture_n = 0
    misses = []
    for (_, doc, path), findings in zip(docs, results):
        furniture = furniture_lines(marker, os.path.join(path, "en.sent"))
        gold = set()
        for en, ja in gold_beads(os.path.join(path, "gold.align")):
            if not en and ja:
                gold.add(("omission", ja))
            elif en and not ja and not set(en) <= furniture:
                gold.add(("addition", en))
        found = set()
        for f in findings:
            if f["kind"] == "omission":
                found.update(("omission", (j,)) for j in f["ja_ids"])
            elif f["kind"] == "addition":
                found.update(("addition", (e,)) for e in f["en_ids"])
                furniture_n += len(set(f["en_ids"]) & furniture)
        gold_n += len(gold)
        hit += len(gold & found)
        found_n += len(found)
        false_n += len(found - gold)
        misses.extend((doc, g) for g in sorted(gold - found))
    return gold_n, hit, found_n, false_n, misses, furniture_n


DIGIT = re.compile(r"[0-9０-９]")
# A written number: digits with thousands separators or a decimal point (・ in Japanese news).
RUN = re.compile(r"[0-9０-９]+(?:[,，.．・][0-9０-９]+)*")


def value(run):
    """The value a digit run writes, as a string: ２，０００ and 2,000 → 2000, １８２・４４ → 182.44."""
    t = unicodedata.normalize("NFKC", run).replace("・", ".")
    return t.replace(",", "")


def shared_runs(text, other):
    """Digit runs of `text` whose value the other sentence also writes in digits."""
    theirs = {value(m.group()) for m in RUN.finditer(other)}
    return [m for m in RUN.finditer(text) if value(m.group()) in theirs]


def change_number(rng, text, m):
    """Changes the number `m` of `text` the ways translations go wrong: the last digit off by
    one (36 → 37, 2016 → 2017), another first digit (200 → 500), a zero added (200 → 2000)."""
    run = m.group()
    digits = [i for i, c in enumerate(run) if DIGIT.match(c)]
    full = "０" <= run[digits[0]] <= "９"

    def digit(v):
        return chr(ord("０") + v) if full else str(v)

    how = rng.choice(["last", "first", "zero"])
    chars = list(run)
    if how == "last":
        i = digits[-1]
        v = int(unicodedata.normalize("NFKC", chars[i]))
        chars[i] = digit((v + rng.choice([1, 9])) % 10)
    elif how == "first":
        i = digits[0]
        v = int(unicodedata.normalize("NFKC", chars[i]))
        chars[i] = digit(rng.choice([d for d in range(1, 10) if d != v]))
    else:
        chars.append(digit(0))
    new = "".join(chars)
    if float(value(new)) == float(value(run)):  # 8.2 → 8.20: change the last digit instead
        i = digits[-1]
        v = int(unicodedata.normalize("NFKC", chars[i]))
        chars[i] = digit((v + 1) % 10)
        new = "".join(chars)
    return text[:m.start()] + new + text[m.end():], run, new


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap.add_argument("--hashi", default=os.path.join(repo, "target/release/hashi"))
    ap.add_argument("--cases", default=os.path.join(repo, "../shared/eval/cases"))
    ap.add_argument("--seed", type=int, default=SEED,
                    help="seed choosing and changing the 50 pairs (the figures use the default)")
    ap.add_argument("--marker", help="the hashi that marks furniture (default --hashi; to "
                    "measure a build from before the marks, give a newer one)")
    args = ap.parse_args()
    hashi = os.path.abspath(args.hashi)
    marker = os.path.abspath(args.marker or args.hashi)
    tmp = tempfile.mkdtemp(prefix="hashi-check-figures-")
    try:
        news = copy_cases(args.cases, NEWS, os.path.join(tmp, "orig"))
        results = check_all(hashi, news)
        print("== omissions and additions (news, presegmented)")
        for name in NEWS + ["both"]:
            sel = [(d, r) for d, r in zip(news, results) if name in ("both", d[0])]
            g, h, fn, fa, misses, fu = omission_figures(
                [d for d, _ in sel], [r for _, r in sel], marker)
            print(f"{name}: gold {g}, reported {h} (recall {h / max(g, 1):.3f}); "
                  f"findings {fn}, not gold {fa} (false share {fa / max(fn, 1):.3f}); "
                  f"furniture lines reported {fu}")
        print("missed:", misses)
        print("refused by the verdict:", REFUSED)

        # 2. Changed numbers: in 50 gold 1-1 pairs, one number that both sentences write
        # in digits (so the pair carries it) is changed on one side, English or Japanese.
        candidates = []
        for name, doc, path in news:
            en_lines, en_idx = sentences(os.path.join(path, "en.sent"))
            ja_lines, ja_idx = sentences(os.path.join(path, "ja.sent"))
            for en, ja in gold_beads(os.path.join(path, "gold.align")):
                if len(en) == 1 and len(ja) == 1:
                    e_text, j_text = en_lines[en_idx[en[0]]], ja_lines[ja_idx[ja[0]]]
                    if shared_runs(e_text, j_text):
                        candidates.append((name, doc, path, en[0], ja[0]))
        rng = random.Random(args.seed)
        chosen = rng.sample(candidates, N_CHANGED)
        jobs = []
        for k, (name, doc, path, e, j) in enumerate(chosen):
            dst = os.path.join(tmp, "changed", str(k))
            os.makedirs(dst)
            files = {side: sentences(os.path.join(path, f"{side}.sent")) for side in ("en", "ja")}
            side = rng.choice(["en", "ja"])
            other = "ja" if side == "en" else "en"
            lines, idx = files[side]
            line = idx[e if side == "en" else j]
            other_text = files[other][0][files[other][1][j if side == "en" else e]]
            m = rng.choice(shared_runs(lines[line], other_text))
            lines[line], old, new = change_number(rng, lines[line], m)
            for s in ("en", "ja"):
                with open(os.path.join(dst, f"{s}.sent"), "w", encoding="utf-8") as f:
                    f.write("\n".join(files[s][0]))
            jobs.append((name, doc, dst, e, j, f"{side} {old} → {new}", lines[line]))
        changed = check_all(hashi, jobs)
        flagged = 0
        for (name, doc, _, e, j, what, text), findings in zip(jobs, changed):
            hit = any(f["kind"] in ("number", "date") and j in f["ja_ids"] and e in f["en_ids"]
                      for f in findings)
            flagged += hit
            if not hit:
                print(f"  not flagged: {name}/{doc} en {e} ja {j} ({what}): {text}")
        print(f"== changed numbers: {flagged}/{N_CHANGED} flagged on the right pair "
              f"({len(candidates)} gold 1-1 pairs write a number on both sides)")

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
