#!/usr/bin/env python3
"""The bead-score figures of issue 20 in one run: how the scores and verdicts behave on true,
unrelated and half-translated pairs, end to end, as a user runs hashi and with --force.

For each case set, `../shared/eval/mismatch.py` (without and with --force) gives the shares
of 1-1 beads scoring 0.8 or 0.5 or more on true pairs, on unrelated pairs (each English
against the Japanese of the next case by size) and on half pairs (the true first halves and
the unrelated tails). Beside those, this script labels the 1-1 beads against the gold, as
e2e_score.py places sentences: a 1-1 bead is right when one gold bead holds both of its
sentences. That tells a right bead scored low from a wrong one:

  true 1-1       the share of true pairs' 1-1 beads at 0.8 or more, how many are right, and
                 how many right ones are below 0.8
  true halves    the same for the half pairs' 1-1 beads whose English is from the true half
                 (default and --force)

Then the project's own pairs in `corpora/` (held out from every fit): each pair as it is,
each English against the next pair's Japanese, and mismatch.py's half pairs built from them;
the pairs translated only in part (`PARTIAL`, see corpora/README.md) apart, with their
verdict and how their beads inside and outside the gold's translated stretch score.

usage: scripts/score_figures.py [--bin target/release/hashi] [--eval ../shared/eval]
                                [--sets a,b,...] [--corpora corpora]"""
import argparse, glob, json, os, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor

SETS = ("nt21-ja-en-news,nt21-en-ja-news,nt21-ja-en-clean,nt21-en-ja-clean,"
        "gt23-ja-en-news,gt23-en-ja-news,gt23-ja-en-clean,gt23-en-ja-clean")


def align(bin_, en, ja, force):
    """The beads of `hashi align` on a file pair, or None when it refuses the pair."""
    r = subprocess.run([bin_, "align", "-f", "jsonl"] + (["--force"] if force else []) + [en, ja],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return None
    return [json.loads(l) for l in r.stdout.splitlines() if l.strip()]


def squash(s):
    return "".join(s.split())


def truth(case, ev):
    """A case's gold: its sentences of each side and its gold beads."""
    read = lambda name: open(os.path.join(case, name), encoding="utf-8").read().splitlines()
    return read("en.sent"), read("ja.sent"), ev.read_beads(os.path.join(case, "gold.align"))


def right(bead, gold, ev, first_ja=None):
    """Whether a 1-1 bead is a gold pair (`gold` from `truth`; sentences placed as
    e2e_score.py does); with `first_ja`, only when its Japanese is from there."""
    en_sent, ja_sent, beads = gold
    if first_ja is not None and squash(bead["ja"][0]) not in first_ja:
        return False
    e = ev.Placer(en_sent).place(bead["en"])[0] or []
    j = ev.Placer(ja_sent).place(bead["ja"])[0] or []
    if not e or not j:
        return False
    return any(set(e) <= set(ge) and set(j) <= set(gj) for ge, gj in beads)


def true_pairs(bin_, cases, ev):
    """(1-1 beads, right ones, right ones below 0.8, beads at 0.8 or more) over true pairs."""
    n = ok = ok_low = high = 0
    for c in cases:
        beads = align(bin_, c + "en.txt", c + "ja.txt", False) or []
        gold = truth(c, ev)
        for b in beads:
            if len(b["en"]) == 1 and len(b["ja"]) == 1:
                r = right(b, gold, ev)
                n, ok, high = n + 1, ok + r, high + (b["score"] >= 0.8)
                ok_low += r and b["score"] < 0.8
    return n, ok, ok_low, high


def true_halves(bin_, cases, ev, mm, force):
    """(1-1 beads of the true halves, right ones, right ones at 0.8 or more, beads at 0.8 or
    more) over mismatch.py's half pairs."""
    read = lambda p: open(p, encoding="utf-8").read()
    tmp = tempfile.mkdtemp(prefix="hashi-score-figures-")
    n = ok = ok_high = high = 0
    for i, c in enumerate(cases):
        o_en = cases[(i + len(cases) // 2) % len(cases)]
        o_ja = cases[(i + len(cases) // 2 + 1) % len(cases)]
        en1, _ = mm.halves(read(c + "en.txt"))
        _, en2 = mm.halves(read(o_en + "en.txt"))
        ja1, _ = mm.halves(read(c + "ja.txt"))
        _, ja2 = mm.halves(read(o_ja + "ja.txt"))
        if not en2.strip() or not ja2.strip():
            continue
        en, ja = os.path.join(tmp, "en.txt"), os.path.join(tmp, "ja.txt")
        open(en, "w", encoding="utf-8").write(en1 + "\n\n" + en2)
        open(ja, "w", encoding="utf-8").write(ja1 + "\n\n" + ja2)
        beads = align(bin_, en, ja, force) or []
        first_en, first_ja, gold = squash(en1), squash(ja1), truth(c, ev)
        for b in beads:
            if len(b["en"]) == 1 and len(b["ja"]) == 1 and squash(b["en"][0]) in first_en:
                r = right(b, gold, ev, first_ja)
                n, ok, high = n + 1, ok + r, high + (b["score"] >= 0.8)
                ok_high += r and b["score"] >= 0.8
    return n, ok, ok_high, high


def one_set(bin_, evald, name):
    sys.path.insert(0, evald)
    import e2e_score as ev, mismatch as mm
    d = os.path.join(evald, "cases", name)
    shares = {}
    for force in (False, True):
        cmd = [sys.executable, os.path.join(evald, "mismatch.py"), bin_, d, "--json"]
        out = subprocess.run(cmd + (["--force"] if force else []), capture_output=True,
                             text=True, check=True).stdout
        shares[force] = json.loads(out.splitlines()[-1])
    cases = sorted(glob.glob(os.path.join(d, "*", "")), key=lambda c: os.path.getsize(c + "ja.txt"))
    return (name, shares, true_pairs(bin_, cases, ev),
            true_halves(bin_, cases, ev, mm, False), true_halves(bin_, cases, ev, mm, True))


def share(a, b):
    return f"{a / b:.4f}" if b else "–"


# The pairs of corpora/ whose English edition translates only part of the Japanese
# (corpora/README.md): no true pairs, no material for unrelated ones.
PARTIAL = ("library-robot",)


def corpus_dirs(folder):
    """corpora/'s whole pairs (folders with en.txt), PARTIAL left out."""
    return sorted(p for p in glob.glob(os.path.join(folder, "*", ""))
                  if os.path.exists(p + "en.txt") and os.path.basename(p[:-1]) not in PARTIAL)


def partial(bin_, folder):
    """The verdict on each PARTIAL pair, and its 1-1 beads: those the gold pairs at 0.8 or
    more, the others at 0.5 or more."""
    for name in PARTIAL:
        d = os.path.join(folder, name)
        r = subprocess.run([bin_, "align", "-f", "jsonl", d + "/en.txt", d + "/ja.txt"],
                           capture_output=True, text=True)
        beads = [json.loads(l) for l in r.stdout.splitlines()]
        gold = set(l.strip() for l in open(os.path.join(d, "gold.align"), encoding="utf-8"))
        ones = [b for b in beads if b["kind"] == "1-1"]
        inside = [b for b in ones if f"[{b['en_ids'][0]}]:[{b['ja_ids'][0]}]" in gold]
        outside = [b for b in ones if b not in inside]
        print(f"corpora/{name} (translated in part): exit {r.returncode}, "
              f"{r.stderr.strip().split(': ', 2)[-1]}; gold 1-1 beads at 0.8 or more "
              f"{sum(b['score'] >= 0.8 for b in inside)}/{len(inside)}, other 1-1 beads at 0.5 "
              f"or more {sum(b['score'] >= 0.5 for b in outside)}/{len(outside)}")


def corpora(bin_, folder):
    dirs = corpus_dirs(folder)
    refused = unrelated_refused = 0
    ones, forced = [], []
    for i, d in enumerate(dirs):
        other = dirs[(i + 1) % len(dirs)]
        beads = align(bin_, d + "en.txt", d + "ja.txt", False)
        if beads is None:
            refused += 1
        else:
            ones += [b["score"] for b in beads if len(b["en"]) == 1 and len(b["ja"]) == 1]
        unrelated_refused += align(bin_, d + "en.txt", other + "ja.txt", False) is None
        beads = align(bin_, d + "en.txt", other + "ja.txt", True) or []
        forced += [b["score"] for b in beads if len(b["en"]) == 1 and len(b["ja"]) == 1]
    print(f"\ncorpora/ ({len(dirs)} pairs): true refused {refused}, true 1-1 at 0.8 or more "
          f"{sum(s >= 0.8 for s in ones)}/{len(ones)}; unrelated refused {unrelated_refused}"
          f"/{len(dirs)}, their forced 1-1 at 0.5 or more {sum(s >= 0.5 for s in forced)}"
          f"/{len(forced)}")


def corpora_halves(bin_, evald, folder):
    """mismatch.py's half pairs built from `folder`'s pairs, as for the eval's sets: the
    true halves' 1-1 beads at 0.8 or more and the unrelated tails' at 0.5 or more, without
    and with --force."""
    out = []
    whole = tempfile.mkdtemp(prefix="hashi-score-figures-corpora-")
    for d in corpus_dirs(folder):
        os.symlink(os.path.abspath(d), os.path.join(whole, os.path.basename(d[:-1])))
    for force in (False, True):
        cmd = [sys.executable, os.path.join(evald, "mismatch.py"), bin_, whole, "--json"]
        res = subprocess.run(cmd + (["--force"] if force else []), capture_output=True,
                             text=True, check=True).stdout
        half = json.loads(res.splitlines()[-1])["half"]
        t, u = half["true_half"], half["unrelated_half"]
        out.append(f"true halves' 1-1 at 0.8 or more {t['share_ge_0.8']:.4f} of {t['beads_1_1']}, "
                   f"unrelated tails' at 0.5 or more {u['share_ge_0.5']:.4f} of {u['beads_1_1']}")
    print(f"corpora/ half pairs (mismatch.py): default: {out[0]}; --force: {out[1]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/hashi")
    ap.add_argument("--eval", default="../shared/eval")
    ap.add_argument("--sets", default=SETS)
    ap.add_argument("--corpora", default="corpora")
    a = ap.parse_args()
    bin_, evald = os.path.abspath(a.bin), os.path.abspath(a.eval)
    with ThreadPoolExecutor(max_workers=2) as pool:
        rows = list(pool.map(lambda s: one_set(bin_, evald, s), a.sets.split(",")))
    print("| set | true refused | true 1-1 ≥ 0.8 | right / right below 0.8 | unrelated refused + "
          "warned | forced unrelated 1-1 ≥ 0.5 | tails ≥ 0.5: default (n) / forced | true halves "
          "≥ 0.8: default / forced | right ones ≥ 0.8: default / forced |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, shares, (n, ok, ok_low, high), hd, hf in rows:
        t, w = shares[False]["true"], shares[False]["wrong"]
        tail_d, tail_f = shares[False]["half"]["unrelated_half"], shares[True]["half"]["unrelated_half"]
        print(f"| {name} | {t['refused']}/{t['pairs']} | {share(high, n)} | {ok}/{n} / {ok_low} | "
              f"{w['refused']} + {w['warned']} | {shares[True]['wrong']['share_ge_0.5']:.4f} | "
              f"{tail_d['share_ge_0.5']:.4f} ({tail_d['beads_1_1']}) / {tail_f['share_ge_0.5']:.4f} | "
              f"{share(hd[3], hd[0])} / {share(hf[3], hf[0])} | "
              f"{share(hd[2], hd[1])} / {share(hf[2], hf[1])} |")
    corpora(bin_, a.corpora)
    corpora_halves(bin_, evald, a.corpora)
    partial(bin_, a.corpora)


if __name__ == "__main__":
    main()
