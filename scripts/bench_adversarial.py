#!/usr/bin/env python3
"""Time and peak memory of `hashi align` on inputs made to defeat a linear search.

Each case runs at two or three sizes, each run bounded by a timeout, and prints its wall and
CPU time, its peak memory (whole process, `/usr/bin/time`) and how both grew against the
input from the size before (1.0: linear; 2.0 when the size doubled: quadratic). A run that
hits the timeout prints `timeout`, one that fails (out of memory under a `ulimit -v`, say)
`failed` and its status; the case's larger sizes are then skipped. Whether the search band reached its cap (the note on
standard error) is shown as `capped`. Scratch files go to a temporary folder.

  repeat-1      one English sentence repeated n times against its translation 0.64 n times
  repeat-2      the same with two sentences alternating
  line          one line of n repeated sentences a side (0.64 n Japanese), no line breaks
  one-sentence  one sentence of n bytes a side, no full stop before the end
  numbered      n different sentences a side, each with its own number (a long document)
  numbers       n lines a side of nothing but a number, drawn from 500 (no two sides agree)
  1:n           one English sentence against n Japanese ones (--force)
  news          not adversarial: issue 22's memory figures, `make_big.py` of ../shared/eval
                over the two nt21 news sets n times (6: 10,140 English sentences, 24:
                40,560, 118: 199,420); skipped when the eval data is not there

usage: scripts/bench_adversarial.py [--bin target/release/hashi] [--timeout 120]
                                    [--case NAME ...] [--quick] [--eval ../shared/eval]
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile

EN = "The rocket launched on Wednesday."
JA = "ロケットは水曜日に打ち上げられた。"
EN2 = "It carried a weather satellite."
JA2 = "気象衛星を搭載していた。"


def repeat_1(n):
    return (EN + "\n") * n, (JA + "\n") * int(n * 0.64)


def repeat_2(n):
    en = "".join((EN if i % 2 == 0 else EN2) + "\n" for i in range(n))
    ja = "".join((JA if i % 2 == 0 else JA2) + "\n" for i in range(int(n * 0.64)))
    return en, ja


def line(n):
    return " ".join([EN] * n) + "\n", JA * int(n * 0.64) + "\n"


def one_sentence(n):
    en_part = "the rocket launched on wednesday and "
    ja_part = "ロケットは水曜日に打ち上げられ、"
    en = (en_part * (n // len(en_part))).strip() + ".\n"
    ja = ja_part * (n // len(ja_part.encode())) + "。\n"
    return en, ja


def numbered(n):
    en = "".join(f"Sentence {i} reports {i * 7 + 3} new items.\n" for i in range(n))
    ja = "".join(f"文{i}は新しい項目{i * 7 + 3}件を報告した。\n" for i in range(n))
    return en, ja


def numbers(n):
    rng = random.Random(n)
    en = "".join(f"{rng.randrange(500)}\n" for _ in range(n))
    ja = "".join(f"{rng.randrange(500)}\n" for _ in range(n))
    return en, ja


def one_to_n(n):
    ja = "".join(f"{i}番目の打ち上げは成功した。\n" for i in range(n))
    return EN + "\n", ja


EVAL = "../shared/eval"


def news(n):
    """make_big.py's case of the two nt21 news sets joined n times."""
    out = tempfile.mkdtemp(prefix="bench-news-")
    try:
        cases = [os.path.join(EVAL, "cases", s) for s in ("nt21-ja-en-news", "nt21-en-ja-news")]
        subprocess.run(
            [sys.executable, os.path.join(EVAL, "make_big.py"), out, str(n)] + cases,
            check=True,
            capture_output=True,
        )
        with open(os.path.join(out, "en.txt"), encoding="utf-8") as f:
            en = f.read()
        with open(os.path.join(out, "ja.txt"), encoding="utf-8") as f:
            ja = f.read()
        return en, ja
    finally:
        shutil.rmtree(out, ignore_errors=True)


# name, maker, sizes (the unit of each: sentences, or bytes for one-sentence; copies for
# news), --force
CASES = [
    ("repeat-1", repeat_1, [4000, 8000, 16000], True),
    ("repeat-2", repeat_2, [4000, 8000, 16000], True),
    ("line", line, [40000, 80000, 150000], True),
    ("one-sentence", one_sentence, [5_000_000, 20_000_000], True),
    ("numbered", numbered, [50000, 100000, 200000], False),
    ("numbers", numbers, [10000, 40000, 160000], True),
    ("1:n", one_to_n, [10000, 50000, 200000], True),
    ("news", news, [6, 24, 118], False),
]


def run(binary, en_path, ja_path, force, timeout):
    """(wall s, CPU s, peak MB, capped), "timeout", or "failed (STATUS)"."""
    time_out = en_path + ".time"
    cmd = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", time_out, binary, "align"]
    if force:
        cmd.append("--force")
    cmd += ["-o", os.devnull, en_path, ja_path]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout"
    with open(time_out) as f:
        fields = f.read().split()[-4:]
    wall, user, system, kb = (float(x) for x in fields)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-500:])
        return f"failed ({proc.returncode})"
    return wall, user + system, kb / 1024, "band reached its cap" in proc.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default="target/release/hashi")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--case", action="append", help="only these cases (repeatable)")
    ap.add_argument("--quick", action="store_true", help="the two smallest sizes of each")
    ap.add_argument("--eval", default="../shared/eval", help="the eval folder, for news")
    args = ap.parse_args()
    global EVAL
    EVAL = args.eval
    binary = os.path.abspath(args.bin)
    print(
        f"{'case':<13} {'size':>10} {'bytes':>11} {'wall s':>8} {'CPU s':>8} "
        f"{'peak MB':>8} {'CPU x':>6} {'mem x':>6}  note"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for name, make, sizes, force in CASES:
            if args.case and name not in args.case:
                continue
            if name == "news" and not os.path.exists(os.path.join(EVAL, "make_big.py")):
                print(f"{name:<13} skipped: no {EVAL}/make_big.py", flush=True)
                continue
            before = None
            for size in sizes[:2] if args.quick else sizes:
                en, ja = make(size)
                en_path, ja_path = os.path.join(tmp, "en.txt"), os.path.join(tmp, "ja.txt")
                with open(en_path, "w") as f:
                    f.write(en)
                with open(ja_path, "w") as f:
                    f.write(ja)
                nbytes = len(en.encode()) + len(ja.encode())
                del en, ja
                got = run(binary, en_path, ja_path, force, args.timeout)
                if isinstance(got, str):
                    print(f"{name:<13} {size:>10} {nbytes:>11} {got:>8}", flush=True)
                    break
                wall, cpu, mb, capped = got
                grow = ""
                if before:
                    # Growth of CPU time and memory per unit of input: 1.0 is linear.
                    scale = nbytes / before[0]
                    grow = f"{cpu / before[1] / scale:>6.2f} {mb / before[2] / scale:>6.2f}"
                else:
                    grow = f"{'':>6} {'':>6}"
                note = "capped" if capped else ""
                print(
                    f"{name:<13} {size:>10} {nbytes:>11} {wall:>8.2f} {cpu:>8.2f} "
                    f"{mb:>8.0f} {grow}  {note}",
                    flush=True,
                )
                before = (nbytes, max(cpu, 0.01), mb)


if __name__ == "__main__":
    main()
