#!/usr/bin/env python3
"""Runs annalist over a JSON Lines corpus on Spark and merges the result.

Map: every partition of `{"id","text","published"?}` lines is piped through
`annalist extract - --format jsonl` (one partial timeline per document).
Reduce: `annalist merge` combines the parts; the merge is associative and
order-independent, so the timeline equals a single-machine run.

usage: spark-submit examples/spark/annalist_spark.py CORPUS.jsonl OUT_DIR [--annalist PATH]
       (or python3 ... with pyspark installed: runs on a local[*] master)
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys

from pyspark import SparkConf, SparkContext


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--annalist", default=shutil.which("annalist") or "target/release/annalist")
    ap.add_argument("--partitions", type=int, default=4)
    args = ap.parse_args()
    annalist = os.path.abspath(args.annalist)
    conf = SparkConf().setAppName("annalist").setIfMissing("spark.master", "local[*]")
    sc = SparkContext(conf=conf)
    try:
        lines = sc.textFile(os.path.abspath(args.corpus), minPartitions=args.partitions)
        # Each executor runs one annalist process per partition; a bad line is
        # reported on that executor's stderr and skipped, as on one machine.
        parts = lines.pipe(f"{annalist} extract - --format jsonl --threads 1")
        parts_dir = os.path.join(args.out, "parts")
        shutil.rmtree(parts_dir, ignore_errors=True)
        parts.saveAsTextFile(parts_dir)
    finally:
        sc.stop()
    part_files = sorted(glob.glob(os.path.join(parts_dir, "part-*")))
    subprocess.run([annalist, "merge", *part_files, "--out", os.path.join(args.out, "timeline.json")], check=True)
    print(f"{len(part_files)} parts merged into {os.path.join(args.out, 'timeline.json')}", file=sys.stderr)


if __name__ == "__main__":
    main()
