"""Runs Verbatim over a folder of exports on Apache Spark.

`verbatim list` gives the files and their sizes; they are dealt into shards,
largest first onto the lightest shard; each Spark task runs one shard as
`verbatim run --files-from - --shard I/N --partial ...` (an argument list,
its exit code checked: a failed shard fails the job, and no reports are
written); the driver then runs `verbatim merge`, which writes the reports,
byte-identical to a single `verbatim run`, and records the run in the store.

    spark-submit scripts/spark/verbatim_spark.py --pipeline pipelines/nightly.yaml \
        --input /srv/exports/2026-11-21 --out reports/2026-11-21 --partials /shared/verbatim/partials/2026-11-21
"""
import argparse, os, subprocess, sys, tempfile
from pyspark.sql import SparkSession

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("--verbatim", default="verbatim", help="the verbatim binary on every worker")
ap.add_argument("--pipeline", required=True)
ap.add_argument("--input", required=True)
ap.add_argument("--out", required=True)
ap.add_argument("--as-of")
ap.add_argument("--shards", type=int, default=0, help="default: Spark's default parallelism")
ap.add_argument("--partials", help="a folder on shared storage for the partials (default: collected to the driver)")
ap.add_argument("--store", help="history store for `list --unseen` and `merge` (default: the pipeline's)")
ap.add_argument("--unseen", action="store_true", help="leave out files the store has processed (nightly)")
args = ap.parse_args()
cwd = os.getcwd()  # relative paths in the pipeline file resolve here, on every worker
dated = ["--as-of", args.as_of] if args.as_of else []
store = ["--store", args.store] if args.store else []

listing = subprocess.run([args.verbatim, "list", "--pipeline", args.pipeline, "--input", args.input]
                         + (["--unseen"] + store if args.unseen else []), check=True, capture_output=True, text=True, cwd=cwd).stdout
files = sorted((l.split("\t", 1) for l in listing.splitlines() if l), key=lambda f: (-int(f[0]), f[1].encode()))
if not files:
    sys.exit("verbatim_spark: no input files to read")
spark = SparkSession.builder.appName("verbatim").getOrCreate()
n = max(1, min(args.shards or spark.sparkContext.defaultParallelism, len(files)))
shards, weight = [[] for _ in range(n)], [0] * n
for size, path in files:  # largest first, onto the lightest shard
    k = weight.index(min(weight))
    shards[k].append(f"{size}\t{path}\n")
    weight[k] += int(size)

def run_shard(index, lists):
    target = os.path.join(args.partials, f"shard-{index}.partial") if args.partials else "-"
    command = [args.verbatim, "run", "--pipeline", args.pipeline, "--input", args.input, "--files-from", "-",
               "--shard", f"{index}/{n}", "--partial", target, "--quiet"] + dated
    done = subprocess.run(command, input="".join(line for l in lists for line in l).encode(), capture_output=True, cwd=cwd)
    if done.returncode != 0:
        raise RuntimeError(f"verbatim shard {index}/{n} failed (exit {done.returncode}): {done.stderr.decode(errors='replace')[-2000:]}")
    yield index, (target if args.partials else done.stdout)

results = spark.sparkContext.parallelize(shards, n).mapPartitionsWithIndex(run_shard).collect()
spark.stop()
with tempfile.TemporaryDirectory(prefix="verbatim-partials-") as tmp:
    paths = [value for _, value in results] if args.partials else []
    for index, data in ([] if args.partials else results):
        paths.append(os.path.join(tmp, f"shard-{index}.partial"))
        with open(paths[-1], "wb") as f:
            f.write(data)
    merge = subprocess.run([args.verbatim, "merge", "--pipeline", args.pipeline, "--out", args.out] + dated + store + paths, cwd=cwd)
sys.exit(0 if merge.returncode in (0, 2) else merge.returncode)  # 2: completed, some rows rejected (see rejects.csv)
