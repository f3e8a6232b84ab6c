#!/usr/bin/env python3
"""Re-estimates the aligner's parameters (src/align/params.rs) on development data.

Coordinate search: each parameter in turn is moved over a few multiples of its value, and the
move that raises the mean strict F1 over the given case sets (pre-segmented input) is kept.
Fit on the `news` sets of one data source and check the others: parameters that only help
one set are not worth keeping.

usage: scripts/fit_params.py [--sets nt21-ja-en-news,nt21-en-ja-news] [--rounds 2] [--start k=v,...]
"""
import argparse, concurrent.futures as cf, json, os, shutil, subprocess, sys, tempfile

PARAMS = ["skip_score", "merge_score", "sim_weight", "sim_smoothing", "len_sigma", "len_short_var", "paragraph_cross"]
# Start from the values in src/align/params.rs.
DEFAULTS = {"skip_score": -0.375, "merge_score": -0.665, "sim_weight": 8.0, "sim_smoothing": 1.33,
            "len_sigma": 0.45, "len_short_var": 1.0, "paragraph_cross": 1.0}
STEPS = [0.5, 0.75, 1.33, 2.0]

def score_set(binary, evald, tmp, name, params):
    d = os.path.join(tmp, name)
    if not os.path.exists(d):
        shutil.copytree(os.path.join(evald, "cases", name), d)
    spec = ",".join(f"{k}={v:.4g}" for k, v in params.items())
    def one(case):
        c = os.path.join(d, case)
        subprocess.run([binary, "align", "--presegmented", "--format", "beads", "--threads", "1", "--params", spec,
                        "-o", os.path.join(c, "fit.align"), os.path.join(c, "en.sent"), os.path.join(c, "ja.sent")], check=True)
    with cf.ThreadPoolExecutor(2) as ex:
        list(ex.map(one, sorted(os.listdir(d))))
    out = subprocess.run([sys.executable, os.path.join(evald, "score.py"), "--cases", d, "fit.align"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["f1_strict"]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/hashi")
    ap.add_argument("--eval", default="../shared/eval")
    ap.add_argument("--sets", default="nt21-ja-en-news,nt21-en-ja-news")
    ap.add_argument("--check", default="nt21-ja-en-news-long,nt21-ja-en-clean,nt21-en-ja-clean")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--only", default=",".join(PARAMS))
    ap.add_argument("--start", default="")
    a = ap.parse_args()
    binary, evald = os.path.abspath(a.bin), os.path.abspath(a.eval)
    params = dict(DEFAULTS)
    for kv in filter(None, a.start.split(",")):
        k, v = kv.split("="); params[k] = float(v)
    with tempfile.TemporaryDirectory() as tmp:
        def mean(p):
            return sum(score_set(binary, evald, tmp, s, p) for s in a.sets.split(",")) / len(a.sets.split(","))
        best = mean(params)
        print(f"start {best:.4f} {params}", flush=True)
        for r in range(a.rounds):
            for k in a.only.split(","):
                for step in STEPS:
                    trial = dict(params); trial[k] = params[k] * step
                    f = mean(trial)
                    if f > best + 1e-4:
                        best, params = f, trial
                        print(f"  {k} -> {trial[k]:.4g}: {f:.4f}", flush=True)
            print(f"round {r + 1}: {best:.4f} {params}", flush=True)
        for s in a.check.split(","):
            print(f"check {s}: {score_set(binary, evald, tmp, s, params):.4f}")

if __name__ == "__main__":
    main()
