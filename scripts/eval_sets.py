#!/usr/bin/env python3
"""Strict and lax F1 of `hashi` on the case sets of ../shared/eval, pre-segmented, in one
process per set: every case of a set is fed to `hashi batch --stdin-jsonl --presegmented`
(so the dictionary and lexicon load once), the beads are written back to a scratch copy of the
set (never into the repository) and scored by the shared `score.py`. The figures equal
`bench_align.py`'s, which runs one `hashi align` per case; this is for parameter searches.

usage: scripts/eval_sets.py [--bin target/release/hashi] [--eval ../shared/eval]
                            [--sets a,b] [--params k=v,...] [--no-lexicon] [--force]
"""
import argparse, json, os, shutil, subprocess, sys, tempfile

SETS = ["nt21-ja-en-news", "nt21-en-ja-news", "nt21-ja-en-news-long", "nt21-ja-en-clean",
        "nt21-en-ja-clean", "gt23-ja-en-clean", "gt23-en-ja-clean", "gt23-ja-en-news",
        "gt23-en-ja-news"]


def run_set(binary, evald, name, tmp, extra):
    src = os.path.join(evald, "cases", name)
    dst = os.path.join(tmp, name)
    shutil.copytree(src, dst)
    cases = sorted(os.listdir(dst))
    lines = []
    for case in cases:
        with open(os.path.join(dst, case, "en.sent"), encoding="utf-8") as f:
            en = f.read()
        with open(os.path.join(dst, case, "ja.sent"), encoding="utf-8") as f:
            ja = f.read()
        lines.append(json.dumps({"id": case, "en": en, "ja": ja}, ensure_ascii=False))
    out = subprocess.run([binary, "batch", "--stdin-jsonl", "--presegmented", "--format", "jsonl",
                          "--max-ratio", "1000"] + extra,
                         input="\n".join(lines) + "\n", capture_output=True, text=True)
    # Exit 1: some documents were refused (a pair whose verdict finds no translation); they
    # count as aligned to nothing, every gold bead missed. Anything else is a failure.
    if out.returncode not in (0, 1) or (out.returncode == 1 and not out.stdout):
        sys.exit(f"hashi batch failed on {name}: {out.stderr}")
    refused = [l for l in out.stderr.splitlines() if "do not look like translations" in l]
    if refused:
        print(f"{name}: {len(refused)} refused: " + "; ".join(refused), file=sys.stderr)
    beads = {case: [] for case in cases}
    for line in out.stdout.splitlines():
        b = json.loads(line)
        beads[b["doc_id"]].append(f"[{','.join(map(str, b['en_ids']))}]:[{','.join(map(str, b['ja_ids']))}]")
    for case, bs in beads.items():
        with open(os.path.join(dst, case, "out.align"), "w") as f:
            f.write("\n".join(bs) + "\n")
    cmd = [sys.executable, os.path.join(evald, "score.py"), "--cases", dst, "out.align"]
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/hashi")
    ap.add_argument("--eval", default="../shared/eval")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--params")
    ap.add_argument("--no-lexicon", action="store_true")
    ap.add_argument("--keep", help="write the scratch copies with their out.align here")
    ap.add_argument("--force", action="store_true", help="align pairs the verdict would refuse")
    a = ap.parse_args()
    extra = (["--params", a.params] if a.params else []) + (["--no-lexicon"] if a.no_lexicon else [])
    extra += ["--force"] if a.force else []
    with tempfile.TemporaryDirectory() as tmp:
        if a.keep:
            shutil.rmtree(a.keep, ignore_errors=True)
            os.makedirs(a.keep)
            tmp = a.keep
        for name in a.sets.split(","):
            r = run_set(os.path.abspath(a.bin), os.path.abspath(a.eval), name, tmp, extra)
            print(f"{name:24} strict F1 {r['f1_strict']:.4f}  lax F1 {r['f1_lax']:.4f}", flush=True)


if __name__ == "__main__":
    main()
