#!/usr/bin/env python3
"""Fits the short model of src/align/evidence.rs (SHORT_WEIGHTS): the score of a pair in a
document with one sentence on a side (a post, a title, a caption against its translation),
which has no neighbours to set the pair against, so that the two-stage model of longer
documents (fit_evidence.py) does not apply.

From every `--every`-th 1-1 gold bead of the `--fit` sets three one-sentence document pairs
are made and aligned pre-segmented (`hashi align --dump-evidence`, the short inputs `xs`):

  true       the bead's two sentences; right.
  unrelated  its English against the Japanese of a bead of another case of the set; wrong.
  neighbour  its English against the Japanese of a bead three or more further on in the same
             case (a thread of posts mis-paired); wrong.

and likewise, every other time, the bead and the next one with the English written as one
sentence against the two Japanese (a 1-2 bead: right when the aligner pairs them whole).
A logistic regression (fit_evidence.fit) is fitted on the `--fit` sets and its reliability
tabled on the `--report` sets, which the fit never sees.

usage: scripts/fit_short.py [--bin B] [--fit SETS] [--report SETS] [--every N] [--check]
   (needs numpy)"""
import argparse, os, random, sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fit_evidence import FIT, REPORT, fit, gold_of, lines, run  # noqa: E402


def examples(bin_, sets, eval_dir, every, seed=0):
    """(kind, short inputs, right) for the pair beads of the short documents made from
    `sets`."""
    rng = random.Random(seed)
    jobs = []
    for s in sets:
        d = os.path.join(eval_dir, "cases", s)
        cases = [os.path.join(d, c) for c in sorted(os.listdir(d))]
        texts = [(lines(os.path.join(c, "en.sent")), lines(os.path.join(c, "ja.sent")), gold_of(c))
                 for c in cases]
        ones = [(n, e[0], j[0]) for n, (_, _, g) in enumerate(texts) for e, j in sorted(g)
                if len(e) == 1 and len(j) == 1]
        for k, (n, i, j) in enumerate(ones[::every]):
            en, ja, gold = texts[n]
            jobs.append(("true", [en[i]], [ja[j]], {((0,), (0,))}))
            m, _, o = ones[rng.randrange(len(ones))]
            if m != n:
                jobs.append(("unrelated", [en[i]], [texts[m][1][o]], set()))
            far = [jj for (nn, _, jj) in ones if nn == n and abs(jj - j) >= 3]
            if far:
                jobs.append(("neighbour", [en[i]], [ja[rng.choice(far)]], set()))
            if k % 2 == 0 and ((i + 1,), (j + 1,)) in gold:
                jobs.append(("true", [en[i] + " " + en[i + 1]], [ja[j], ja[j + 1]],
                             {((0,), (0, 1))}))

    def label(job):
        kind, en, ja, gold = job
        dumped = run(bin_, en, ja) or []
        return [(kind, b["xs"], (tuple(b["en"]), tuple(b["ja"])) in gold, b["score"])
                for b in dumped if b["pair"] and b["short"]]

    with ThreadPoolExecutor(max_workers=2) as pool:
        return [x for part in pool.map(label, jobs) for x in part]


def table(title, p, y, kinds):
    print(f"\n{title}")
    print("score bin     pairs   mean score   share right   in band ±0.05")
    for lo in np.arange(0, 1, 0.1):
        m = (p >= lo) & (p < lo + 0.1 if lo < 0.85 else p <= 1)
        if m.sum():
            r = y[m].mean()
            ok = lo - 0.05 <= r <= lo + 0.15
            print(f"[{lo:.1f}, {lo + 0.1:.1f})  {m.sum():6d}   {p[m].mean():10.3f}   {r:11.3f}   "
                  f"{'yes' if ok else 'NO'}")
    for kind in ("true", "unrelated", "neighbour"):
        m = kinds == kind
        if m.sum():
            print(f"  {kind:10s} {m.sum():5d} pairs   >=0.8 {np.mean(p[m] >= 0.8):.3f}   "
                  f">=0.5 {np.mean(p[m] >= 0.5):.3f}   right {y[m].mean():.3f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/hashi")
    ap.add_argument("--eval", default="../shared/eval")
    ap.add_argument("--fit", default=FIT)
    ap.add_argument("--report", default=REPORT)
    ap.add_argument("--every", type=int, default=2)
    ap.add_argument("--check", action="store_true", help="table the binary's scores, fit nothing")
    a = ap.parse_args()
    data = {}
    for name, sets in (("fit", a.fit), ("report", a.report)):
        ex = examples(a.bin, sets.split(","), a.eval, a.every)
        data[name] = (np.array([x[1] for x in ex]), np.array([float(x[2]) for x in ex]),
                      np.array([x[0] for x in ex]), np.array([x[3] for x in ex]))
    if not a.check:
        X, y, _, _ = data["fit"]
        w = fit(X, y)
        print(f"const SHORT_WEIGHTS: [f32; {len(w)}] = [{', '.join(f'{v:.4f}' for v in w)}];"
              f"  // {len(y)} pairs, {int(y.sum())} right")
    for name in ("fit", "report"):
        X, y, kinds, s = data[name]
        p = 1 / (1 + np.exp(-X @ w)) if not a.check else s
        table(f"{name} sets ({getattr(a, name)})", p, y, kinds)


if __name__ == "__main__":
    main()
