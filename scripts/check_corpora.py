#!/usr/bin/env python3
"""Checks corpora/*/ against the file conventions of corpora/README.md.

UTF-8 without BOM, \n line endings, one final newline, no trailing white space; the .sent
lines tile the .txt paragraphs in order (joined by a space in English, by nothing in
Japanese, where white space between two sentences belongs to neither; paragraphs by a blank
line); gold.align beads are well formed, non-empty, and name every sentence of both sides
exactly once, in order.

usage: scripts/check_corpora.py [FOLDER...]   (default: every folder of corpora/)
"""
import os, re, sys
def check(d):
    errs = []
    raw = {}
    for f in ["en.txt", "ja.txt", "en.sent", "ja.sent", "gold.align"]:
        b = open(os.path.join(d, f), "rb").read()
        if b.startswith(b"\xef\xbb\xbf"): errs.append(f"{f}: BOM")
        if b"\r" in b: errs.append(f"{f}: CR")
        if not b.endswith(b"\n") or b.endswith(b"\n\n"): errs.append(f"{f}: final newline")
        t = b.decode("utf-8")
        for i, l in enumerate(t.split("\n")):
            if l != l.rstrip(): errs.append(f"{f}:{i}: trailing white space")
        raw[f] = t
    sents = {}
    for side, sep in (("en", " "), ("ja", "")):
        s = raw[f"{side}.sent"][:-1].split("\n")
        sents[side] = s
        if any(not x or x != x.strip() for x in s): errs.append(f"{side}.sent: empty or padded line")
        txt = raw[f"{side}.txt"][:-1]
        paras = txt.split("\n\n")
        # rejoin: sentences must tile each paragraph in order with the side's separator
        k = 0
        for p in paras:
            pos = 0
            while pos < len(p):
                if k >= len(s) or not p.startswith(s[k], pos):
                    errs.append(f"{side}: sentence {k} does not continue paragraph at {pos}: {p[pos:pos+30]!r}"); break
                pos += len(s[k]); k += 1
                if pos < len(p):
                    if sep and p.startswith(sep, pos): pos += len(sep)
                    elif sep: errs.append(f"{side}: no separator after sentence {k-1}"); break
                    else:
                        # Japanese: white space between two sentences belongs to neither.
                        while pos < len(p) and p[pos] in " \u3000": pos += 1
            else:
                continue
            break
        if k != len(s): errs.append(f"{side}: {len(s)-k} sentences left over")
        if "\n" in txt.replace("\n\n", ""): errs.append(f"{side}.txt: single newline")
    n = {"en": 0, "ja": 0}
    for i, l in enumerate(raw["gold.align"][:-1].split("\n")):
        m = re.fullmatch(r"\[([0-9,]*)\]:\[([0-9,]*)\]", l)
        if not m: errs.append(f"gold:{i}: bad line {l!r}"); continue
        e = [int(x) for x in m[1].split(",") if x]; j = [int(x) for x in m[2].split(",") if x]
        if not e and not j: errs.append(f"gold:{i}: empty bead")
        for side, ids in (("en", e), ("ja", j)):
            for x in ids:
                if x != n[side]: errs.append(f"gold:{i}: {side} id {x} expected {n[side]}")
                n[side] = x + 1
    for side in n:
        if n[side] != len(sents[side]): errs.append(f"gold covers {n[side]} of {len(sents[side])} {side} sentences")
    return errs
bad = 0
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpora")
folders = sys.argv[1:] or sorted(
    os.path.join(root, f) for f in os.listdir(root) if os.path.isdir(os.path.join(root, f)))
for d in folders:
    e = check(d)
    print(os.path.basename(os.path.normpath(d)), "OK" if not e else "\n  ".join(["FAIL"] + e)); bad += bool(e)
sys.exit(bad)
