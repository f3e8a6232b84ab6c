#!/usr/bin/env python3
"""Alignment figures against ../shared/eval: pre-segmented and end to end, every case set.

Copies each case set to a scratch folder (the shared data stays read-only and out of the
repository), runs hashi on every case, and scores with the shared scorers.

usage: scripts/bench_align.py [--bin target/release/hashi] [--eval ../shared/eval] [--sets a,b] [--e2e] [-- extra hashi args]
"""
import argparse, json, os, shutil, subprocess, sys, tempfile, time

SETS = ["nt21-ja-en-news", "nt21-en-ja-news", "nt21-ja-en-news-long", "nt21-ja-en-clean", "nt21-en-ja-clean"]

def run_set(binary, evald, name, tmp, e2e, extra):
    src = os.path.join(evald, "cases", name)
    dst = os.path.join(tmp, name)
    if not os.path.exists(dst):
        shutil.copytree(src, dst)
    t0 = time.time()
    for case in sorted(os.listdir(dst)):
        c = os.path.join(dst, case)
        if e2e:
            args = [binary, "align", "--format", "jsonl", "-o", os.path.join(c, "out.jsonl"),
                    os.path.join(c, "en.txt"), os.path.join(c, "ja.txt")]
        else:
            args = [binary, "align", "--presegmented", "--format", "beads", "-o", os.path.join(c, "out.align"),
                    os.path.join(c, "en.sent"), os.path.join(c, "ja.sent")]
        r = subprocess.run(args + extra, capture_output=True, text=True)
        if r.returncode == 2 and "do not look like translations" in r.stderr:
            # Refused by the verdict: aligned to nothing, every gold bead missed.
            print(f"{name}/{case}: refused: {r.stderr.strip()}", file=sys.stderr)
            open(os.path.join(c, "out.jsonl" if e2e else "out.align"), "w").close()
        elif r.returncode != 0:
            sys.exit(f"{name}/{case}: {r.stderr}")
    secs = time.time() - t0
    scorer = "e2e_score.py" if e2e else "score.py"
    cmd = [sys.executable, os.path.join(evald, scorer)] + ([dst, "out.jsonl"] if e2e else ["--cases", dst, "out.align"])
    res = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    return res, secs

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/hashi")
    ap.add_argument("--eval", default="../shared/eval")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--e2e", action="store_true", help="segment en.txt/ja.txt with hashi and score with e2e_score.py")
    ap.add_argument("extra", nargs="*", help="extra arguments for hashi align (after --)")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    with tempfile.TemporaryDirectory() as tmp:
        mode = "end to end" if a.e2e else "pre-segmented"
        print(f"{'case set':24} {'strict P':>8} {'strict R':>8} {'strict F1':>9} {'lax F1':>7} {'seconds':>7}  ({mode})")
        for name in a.sets.split(","):
            r, secs = run_set(binary, os.path.abspath(a.eval), name, tmp, a.e2e, a.extra)
            extra = f"  not found: {r['sentences_not_found']}" if a.e2e else ""
            print(f"{name:24} {r['precision_strict']:8.4f} {r['recall_strict']:8.4f} {r['f1_strict']:9.4f} {r['f1_lax']:7.4f} {secs:7.2f}{extra}")

if __name__ == "__main__":
    main()
