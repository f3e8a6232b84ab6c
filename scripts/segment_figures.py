#!/usr/bin/env python3
"""Sentence-boundary recall and precision of `hashi segment` against gold sentences.

For every case folder under the given case sets, segments en.txt and ja.txt with hashi and
compares boundary positions (counted in characters with white space removed) with those of
the gold en.sent / ja.sent. Prints one table row a language.

usage: scripts/segment_figures.py [--bin target/release/hashi] CASE_SET_DIR...
example: scripts/segment_figures.py ../shared/eval/cases/nt21-ja-en-clean ../shared/eval/cases/nt21-en-ja-clean
"""
import argparse, os, re, subprocess, sys

def squash(s):
    return re.sub(r"\s+", "", s)

def boundaries(sentences):
    out, pos = set(), 0
    for s in sentences:
        n = len(squash(s))
        if n:
            pos += n
            out.add(pos)
    out.discard(pos)  # the end of the text is not a decision
    return out, pos

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/hashi")
    ap.add_argument("--show", type=int, default=0, help="print up to N missed/extra boundaries per language")
    ap.add_argument("sets", nargs="+")
    a = ap.parse_args()
    for lang in ("en", "ja"):
        tp = fn = fp = 0
        shown = 0
        for d in a.sets:
            for case in sorted(os.listdir(d)):
                c = os.path.join(d, case)
                gold = open(os.path.join(c, f"{lang}.sent"), encoding="utf-8").read().splitlines()
                out = subprocess.run([a.bin, "segment", "--lang", lang, os.path.join(c, f"{lang}.txt")],
                                     capture_output=True, text=True, check=True).stdout
                ours = [l for l in out.splitlines() if l.strip()]
                g, gl = boundaries(gold)
                o, ol = boundaries(ours)
                if gl != ol:
                    sys.exit(f"{c}/{lang}: hashi's sentences do not cover the text ({ol} vs {gl} characters)")
                tp += len(g & o); fn += len(g - o); fp += len(o - g)
                if shown < a.show:
                    text = squash("".join(gold))
                    for kind, ps in (("missed", g - o), ("extra", o - g)):
                        for p in sorted(ps):
                            if shown < a.show:
                                print(f"  {lang} {kind} {case}: ...{text[max(0,p-40):p]} | {text[p:p+25]}...")
                                shown += 1
        print(f"{lang}: boundary recall {tp/(tp+fn):.4f}  precision {tp/(tp+fp):.4f}  (gold {tp+fn}, found {tp+fp}, correct {tp})")

if __name__ == "__main__":
    main()
