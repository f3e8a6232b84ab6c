#!/usr/bin/env python3
"""Align a corpus of English/Japanese document pairs on Apache Spark with `hashi batch`.

Reads JSONL documents, one a line: {"id": "...", "en": "<text>", "ja": "<text>"}; splits them
into partitions; pipes every partition through `hashi batch --stdin-jsonl --format jsonl` with
RDD.pipe; writes the beads, one JSON object a line with its "doc_id", with saveAsTextFile to
the --output directory (part-00000, part-00001, ...: read in name order they are in input
order).

A document hashi cannot align (an empty side, a malformed line, ...) does not fail the job:
hashi leaves it out and exits with status 1, which a small shell wrapper around hashi accepts,
passing hashi's error lines back to the driver, which prints them, and exits with status 1.
Anything worse (hashi missing, killed, or exiting with status 2) fails the Spark task as usual.

    python align_corpus.py --input docs.jsonl --output out/ --hashi /path/to/hashi
    spark-submit --master yarn --files /path/to/hashi align_corpus.py \
        --input hdfs:///corpus/docs.jsonl --output hdfs:///corpus/aligned --hashi ./hashi

See README.md beside this file.
"""

import argparse
import os
import re
import shlex
import sys

# Marks the lines the wrapper adds to hashi's output: hashi's beads all start with "{".
STDERR = "#hashi-stderr "
EXIT = "#hashi-exit "

# Runs on the executors, as `/bin/sh -c WRAPPER hashi-pipe HASHI [ARGS...]`. hashi's standard
# error goes to a temporary file and then, once its beads are all out, to standard output,
# each line marked, followed by its exit status. Status 0 or 1 (some documents failed) let the
# task succeed; anything else fails it (RDD.pipe(checkCode=True)), with hashi's standard error
# also in the executor's log. A binary shipped without its executable bit is run from a copy.
WRAPPER = r"""
bin=$1; shift
copy=
if [ -f "$bin" ] && [ ! -x "$bin" ]; then
  copy=$(mktemp) && cp "$bin" "$copy" && chmod +x "$copy" && bin=$copy || exit 2
fi
err=$(mktemp) || exit 2
"$bin" batch --stdin-jsonl --format jsonl "$@" 2>"$err"
rc=$?
while IFS= read -r line || [ -n "$line" ]; do
  printf '%s%s\n' '#hashi-stderr ' "$line"
  [ "$rc" -le 1 ] || printf '%s\n' "$line" >&2
done <"$err"
printf '%s%s\n' '#hashi-exit ' "$rc"
rm -f "$err" $copy
[ "$rc" -le 1 ]
"""

SUMMARY = re.compile(
    r"^hashi: batch: (\d+) documents aligned, (\d+) failed, (\d+) pairs written"
)


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Align JSONL document pairs with hashi batch on Spark (RDD.pipe)."
    )
    p.add_argument("--input", required=True,
                   help='JSONL documents {"id","en","ja"}, a line (any Hadoop path)')
    p.add_argument("--output", required=True,
                   help="a directory to create, for the beads as JSONL part files")
    p.add_argument("--hashi", required=True,
                   help="the hashi binary as the executors see it: an absolute path present "
                        "on every node, or ./hashi with spark-submit --files /path/to/hashi")
    p.add_argument("--partitions", type=int, default=4,
                   help="partitions, at least (textFile's minPartitions; default 4)")
    p.add_argument("--master", default=None,
                   help="Spark master (default: spark-submit's --master if given, else local[2])")
    p.add_argument("--threads", type=int, default=1,
                   help="hashi's --threads for each task (default 1: Spark runs one task a "
                        "core; raise it together with spark.task.cpus)")
    p.add_argument("--failures", default=None,
                   help="also write hashi's failure lines to this local file")
    p.add_argument("--hashi-arg", action="append", default=[], metavar="ARG",
                   help="an extra argument for hashi batch (repeatable), e.g. "
                        "--hashi-arg=--presegmented")
    args = p.parse_args(argv)
    if args.partitions < 1:
        p.error("--partitions must be at least 1")
    if args.threads < 1:
        p.error("--threads must be at least 1")
    return args


def spark_context(master):
    from pyspark import SparkConf, SparkContext

    # Under spark-submit (which starts the JVM before Python, and says where in
    # PYSPARK_GATEWAY_PORT) its --master or spark-defaults.conf stand unless --master is given
    # here; run by python itself, the script starts its own JVM, in local[2] by default.
    under_spark_submit = "PYSPARK_GATEWAY_PORT" in os.environ
    SparkContext._ensure_initialized()
    conf = SparkConf().setAppName("hashi-align-corpus")
    if master:
        conf.setMaster(master)
    elif not (under_spark_submit and conf.contains("spark.master")):
        conf.setMaster("local[2]")
    conf.setIfMissing("spark.ui.showConsoleProgress", "false")
    if conf.get("spark.master").startswith("local"):
        # The Python workers are this interpreter, which has pyspark.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    sc = SparkContext.getOrCreate(conf)
    sc.setLogLevel("WARN")
    return sc


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark import StorageLevel

    sc = spark_context(args.master)
    if sc.master.startswith("local") and not os.access(args.hashi, os.X_OK):
        sc.stop()
        print(f"hashi: spark: --hashi {args.hashi}: not an executable file", file=sys.stderr)
        return 2
    hashi_args = ["--threads", str(args.threads)] + args.hashi_arg
    command = " ".join(
        shlex.quote(a) for a in ["/bin/sh", "-c", WRAPPER, "hashi-pipe", args.hashi] + hashi_args
    )
    docs = sc.textFile(args.input, minPartitions=args.partitions)
    # RDD.pipe gives the command an empty environment: PATH for mktemp, cp and chmod.
    piped = docs.pipe(command, env={"PATH": "/usr/local/bin:/usr/bin:/bin"}, checkCode=True)
    # Kept, so that writing the beads and collecting the messages run hashi once.
    piped.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        piped.filter(lambda line: not line.startswith("#hashi-")).saveAsTextFile(args.output)
        messages = piped.filter(lambda line: line.startswith("#hashi-")).collect()
    except Exception as e:  # py4j's Py4JJavaError: a task failed past its retries.
        sc.stop()
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        print(
            f"hashi: spark: the job failed ({first}); hashi's own error, if it ran, is in the "
            "executors' standard error",
            file=sys.stderr,
        )
        return 2
    piped.unpersist()
    partitions, master = docs.getNumPartitions(), sc.master
    sc.stop()

    failures, aligned, failed, pairs, statuses = [], 0, 0, 0, []
    for m in messages:
        if m.startswith(EXIT):
            statuses.append(int(m[len(EXIT):]))
            continue
        line = m[len(STDERR):]
        s = SUMMARY.match(line)
        if s:
            aligned += int(s.group(1))
            failed += int(s.group(2))
            pairs += int(s.group(3))
        elif line.strip():
            failures.append(line)
    for line in failures:
        print(line, file=sys.stderr)
    if args.failures:
        with open(args.failures, "w", encoding="utf-8") as f:
            f.writelines(line + "\n" for line in failures)
    print(
        f"hashi: spark: {aligned} documents aligned, {failed} failed, {pairs} pairs written, "
        f"{len(statuses)} hashi runs over {partitions} partitions on {master}, beads in "
        f"{args.output}",
        file=sys.stderr,
    )
    return 1 if failed or any(statuses) else 0


if __name__ == "__main__":
    sys.exit(main())
