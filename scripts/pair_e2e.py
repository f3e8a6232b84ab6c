#!/usr/bin/env python3
"""End to end: pair a document-pairing task, align the pairs found, and score the sentence
pairs against the gold of every true pair; then the same for the true pairs aligned
directly, the bound pairing can reach.

A task is what ../shared/eval/pair_cases.py builds: TASK/en/, TASK/ja/, TASK/gold.tsv and a
case folder TASK/cases/EN_JA/ for every true pair. Runs

    hashi pair TASK/en TASK/ja -o OUT/pairs.csv
    hashi batch --manifest OUT/pairs.csv --format jsonl -o OUT/pairs.jsonl
    hashi batch --manifest OUT/gold.csv --format jsonl -o OUT/gold.jsonl   (the true pairs)

writes each document's beads into its case folder (TASK/cases/EN_JA/NAME.jsonl; a pair not
found leaves its folder without one, so its gold beads count as missed) and scores both
with e2e_score.py. Prints one JSON line each, and the pairing's precision and recall.

usage: pair_e2e.py TASK OUT [--hashi PATH] [--eval DIR] [--force-gold]"""
import argparse, csv, json, os, subprocess, sys, time

def run(cmd):
    t = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    sys.stderr.write(p.stderr)
    if p.returncode not in (0, 1):
        sys.exit(f"{cmd[0]} failed ({p.returncode})")
    return time.time() - t

def split(jsonl, cases, name):
    """Writes each document's beads to cases/DOC_ID/name; clears name from every case first."""
    for c in os.listdir(cases):
        path = os.path.join(cases, c, name)
        if os.path.exists(path):
            os.remove(path)
    out = {}
    for line in open(jsonl, encoding="utf-8"):
        b = json.loads(line)
        case = os.path.join(cases, b["doc_id"])
        if not os.path.isdir(case):
            continue  # a false pair: no gold to score it against
        if b["doc_id"] not in out:
            out[b["doc_id"]] = open(os.path.join(case, name), "w", encoding="utf-8")
        out[b["doc_id"]].write(json.dumps({"en": b["en"], "ja": b["ja"]}, ensure_ascii=False) + "\n")
    for f in out.values():
        f.close()

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("task"); ap.add_argument("out")
    ap.add_argument("--hashi", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "hashi"))
    ap.add_argument("--eval", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval"))
    ap.add_argument("--force-gold", action="store_true", help="align the true pairs with --force")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    task = os.path.abspath(a.task)
    cases = os.path.join(task, "cases")
    pairs_csv = os.path.join(a.out, "pairs.csv")
    t_pair = run([a.hashi, "pair", os.path.join(task, "en"), os.path.join(task, "ja"), "-o", pairs_csv])
    pairing = subprocess.run([sys.executable, os.path.join(a.eval, "pair_score.py"),
                              os.path.join(task, "gold.tsv"), pairs_csv], capture_output=True, text=True).stdout
    print(json.dumps({"pairing": json.loads(pairing), "pair_seconds": round(t_pair, 1)}))
    gold_csv = os.path.join(a.out, "gold.csv")
    with open(gold_csv, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "en", "ja"])
        for line in open(os.path.join(task, "gold.tsv")):
            en, ja = line.split()
            w.writerow([en[:-4] + "_" + ja[:-4], os.path.join(task, "en", en), os.path.join(task, "ja", ja)])
    for name, manifest, extra in (("pairs", pairs_csv, []), ("gold", gold_csv, ["--force"] if a.force_gold else [])):
        out = os.path.join(a.out, name + ".jsonl")
        run([a.hashi, "batch", "--manifest", manifest, "--format", "jsonl", "-o", out] + extra)
        split(out, cases, f"hashi-{name}.jsonl")
        score = subprocess.run([sys.executable, os.path.join(a.eval, "e2e_score.py"), cases, f"hashi-{name}.jsonl"],
                               capture_output=True, text=True).stdout
        print(json.dumps({"aligned": name, **json.loads(score)}))

if __name__ == "__main__":
    main()
