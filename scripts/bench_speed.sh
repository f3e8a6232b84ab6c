#!/usr/bin/env bash
# Speed and memory of `hashi align` end to end (running text, JSONL out, whole process) on
# the large cases of ../shared/eval (make_big.py over both news sets, N = 1, 6, 24), and the
# accuracy there. Scratch files go to a temporary folder, never into the repository.
#
# usage: scripts/bench_speed.sh [N ...]        (default: 1 6 24; needs a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${EVAL:-../shared/eval}
BIN=${BIN:-target/release/hashi}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-4s %10s %10s %12s %10s %10s\n' N sentences "wall (s)" "peak (MB)" "strict F1" "lax F1"
for n in "${@:-1 6 24}"; do
  for n1 in $n; do
    d="$tmp/big$n1/case"
    python3 "$EVAL/make_big.py" "$d" "$n1" "$EVAL/cases/nt21-ja-en-news" "$EVAL/cases/nt21-en-ja-news" >/dev/null
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$BIN" align --format jsonl -o "$d/out.jsonl" "$d/en.txt" "$d/ja.txt"
    read -r wall kb < "$tmp/time"
    # e2e_score.py is quadratic in the number of sentences; score the same run's sentences
    # by pre-segmented beads above N = 6 instead.
    if [ "$n1" -le 6 ]; then
      fig=$(python3 "$EVAL/e2e_score.py" "$tmp/big$n1" out.jsonl)
    else
      "$BIN" align --presegmented --format beads -o "$d/out.align" "$d/en.sent" "$d/ja.sent"
      fig=$(python3 "$EVAL/score.py" --cases "$tmp/big$n1" out.align)
    fi
    read -r f1 lax < <(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["f1_strict"], d["f1_lax"])' "$fig")
    printf '%-4s %10s %10s %12s %10s %10s\n' "$n1" "$(wc -l < "$d/en.sent")" "$wall" "$((kb / 1024))" "$f1" "$lax"
  done
done
