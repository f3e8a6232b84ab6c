#!/usr/bin/env python3
"""Throughput and memory of `hashi batch` on many document pairs streamed as JSONL.

The 146 documents of ../shared/eval/data/nt21.{ja-en,en-ja}.jsonl are joined into running text
(a paragraph's segments with a space in English, with nothing in Japanese; paragraphs with a
blank line) and repeated, with distinct ids, to N documents written to a temporary file (never
into the repository). Each run is

    /usr/bin/time -v target/release/hashi batch --stdin-jsonl --format jsonl [--threads T] \
        < docs.jsonl > /dev/null

and prints wall seconds, documents/s, pairs written/s and peak RSS. Figures: N = 10,000 and
100,000 (streaming: the peak should not grow with N), and --threads 1 against 2.

usage: scripts/bench_batch.py [--sizes 10000,100000] [--threads-n 10000] [--bin PATH]
(needs a release build; the machine's other load shows in the figures: run it idle.)
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "data"


def load_documents():
    docs = []
    for name in ("nt21.ja-en.jsonl", "nt21.en-ja.jsonl"):
        with open(DATA / name, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                d = json.loads(line)
                en = "\n\n".join(" ".join(p) for p in d["en"])
                ja = "\n\n".join("".join(p) for p in d["ja"])
                docs.append((d["id"], en, ja))
    return docs


def write_input(path, docs, n):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            doc_id, en, ja = docs[i % len(docs)]
            f.write(json.dumps({"id": f"{doc_id}#{i}", "en": en, "ja": ja}, ensure_ascii=False))
            f.write("\n")


def run(binary, input_path, threads=None):
    cmd = ["/usr/bin/time", "-v", binary, "batch", "--stdin-jsonl", "--format", "jsonl"]
    if threads:
        cmd += ["--threads", str(threads)]
    with open(input_path, "rb") as stdin, open(os.devnull, "wb") as devnull:
        proc = subprocess.run(cmd, stdin=stdin, stdout=devnull, stderr=subprocess.PIPE, text=True)
    err = proc.stderr
    if proc.returncode != 0:
        sys.exit(f"hashi batch failed ({proc.returncode}):\n{err[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", err).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    peak_mb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1)) / 1024
    summary = re.search(r"hashi: batch: (\d+) documents aligned, (\d+) failed.*?, (\d+) pairs written", err)
    docs, failed, pairs = (int(g) for g in summary.groups())
    return {"wall": seconds, "peak_mb": peak_mb, "docs": docs, "failed": failed, "pairs": pairs}


def show(label, r):
    print(
        f"{label:<28} {r['wall']:8.2f} s {r['docs'] / r['wall']:9.0f} docs/s "
        f"{r['pairs'] / r['wall']:10.0f} pairs/s {r['peak_mb']:8.1f} MB peak "
        f"({r['docs']} docs, {r['failed']} failed, {r['pairs']} pairs)",
        flush=True,
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--threads-n", type=int, default=10000, help="documents for the 1-vs-2 threads run (0: none)")
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "hashi"))
    args = ap.parse_args()
    docs = load_documents()
    print(f"{len(docs)} distinct documents from {DATA}")
    with tempfile.TemporaryDirectory(prefix="hashi-bench-batch-") as tmp:
        inputs = {}

        def input_for(n):
            if n not in inputs:
                path = Path(tmp) / f"docs{n}.jsonl"
                write_input(path, docs, n)
                inputs[n] = path
            return inputs[n]

        for n in (int(s) for s in args.sizes.split(",") if s):
            show(f"{n} docs, default threads", run(args.bin, input_for(n)))
        n = args.threads_n
        if not n:
            return
        one = run(args.bin, input_for(n), threads=1)
        show(f"{n} docs, --threads 1", one)
        two = run(args.bin, input_for(n), threads=2)
        show(f"{n} docs, --threads 2", two)
        print(f"speed-up of 2 threads over 1: {one['wall'] / two['wall']:.2f}x")


if __name__ == "__main__":
    main()
