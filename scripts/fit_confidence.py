#!/usr/bin/env python3
"""Fits the confidence mapping (confidence_slope, confidence_offset in src/align/params.rs).

Aligns the given case sets pre-segmented, reads each bead's margin back from its score (run
with slope 0.1 and offset 0, so margin = 10 × logit(score)), labels the bead right when it is
a gold bead, and fits P(right) = sigmoid(slope × margin + offset) by logistic regression.
Prints the fit and a reliability table (mean confidence against the share right, per bin).

usage: scripts/fit_confidence.py [--sets nt21-ja-en-news,nt21-en-ja-news,nt21-ja-en-clean,nt21-en-ja-clean]
"""
import argparse, json, math, os, subprocess

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/hashi")
    ap.add_argument("--eval", default="../shared/eval")
    ap.add_argument("--sets", default="nt21-ja-en-news,nt21-en-ja-news,nt21-ja-en-clean,nt21-en-ja-clean")
    ap.add_argument("--check", action="store_true", help="only print the reliability table of the current defaults")
    a = ap.parse_args()
    data = []
    for s in a.sets.split(","):
        d = os.path.join(a.eval, "cases", s)
        for case in sorted(os.listdir(d)):
            c = os.path.join(d, case)
            gold = {l.strip() for l in open(os.path.join(c, "gold.align")) if l.strip()}
            args = [a.bin, "align", "--presegmented", "--format", "jsonl", os.path.join(c, "en.sent"), os.path.join(c, "ja.sent")]
            if not a.check:
                args += ["--params", "confidence_slope=0.1,confidence_offset=0"]
            out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
            for line in out.splitlines():
                b = json.loads(line)
                key = "[" + ",".join(map(str, b["en_ids"])) + "]:[" + ",".join(map(str, b["ja_ids"])) + "]"
                p = min(max(b["score"], 1e-4), 1 - 1e-4)
                x = p if a.check else 10 * math.log(p / (1 - p))
                data.append((x, 1.0 if key in gold else 0.0))
    if not a.check:
        w, c = 1.0, 0.0
        for _ in range(3000):
            gw = gc = 0.0
            for x, y in data:
                p = 1 / (1 + math.exp(-(w * x + c)))
                gw += (p - y) * x; gc += p - y
            w -= 0.5 * gw / len(data) / 10; c -= 0.5 * gc / len(data)
        print(f"confidence_slope = {w:.3f}, confidence_offset = {c:.3f}  ({len(data)} beads)")
        data = [(1 / (1 + math.exp(-(w * x + c))), y) for x, y in data]
    bins = {}
    for p, y in data:
        k = min(int(p * 10), 9)
        bins.setdefault(k, []).append((p, y))
    print("confidence bin   beads   mean confidence   share right")
    for k in sorted(bins):
        v = bins[k]
        print(f"  {k/10:.1f}-{(k+1)/10:.1f}      {len(v):6d}   {sum(p for p, _ in v)/len(v):15.3f}   {sum(y for _, y in v)/len(v):11.3f}")

if __name__ == "__main__":
    main()
