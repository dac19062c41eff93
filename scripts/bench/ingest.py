#!/usr/bin/env python3
"""Ingest-only throughput: the readers through `verbatim run` with no text stages, one job.

    python3 scripts/bench/ingest.py [--records N] [--repeat R] [--binary PATH]

Uses the corpus `make bench` generates (scripts/bench/generate_corpus.py, the same N gives
the same bytes), split into UTF-8 CSV, all CSV/TSV encodings, and XML, and times
`verbatim run --jobs 1 --no-store` over each with `stages: []` (the readers, the aggregate
and the report writers: summary.json, records.csv, rejects.csv). Prints the best of R
runs per row, in MB/s of input and records/s. The readers alone, without the runner, are
measured by the micro-benchmarks in Benchmarks/ (`swift package benchmark`).
"""
import argparse, os, shutil, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORK = os.environ.get("BENCH_DIR", "/tmp/verbatim-bench")


def corpus(records):
    path = os.path.join(WORK, f"corpus-{records}")
    if not os.path.isdir(path):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts/bench/generate_corpus.py"), path, "--records", str(records)],
                       check=True)
    return path


def subset(src, name, suffixes):
    """A folder of links to the files of `src` whose names end with one of `suffixes`."""
    path = os.path.join(WORK, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    for f in sorted(os.listdir(src)):
        if f.endswith(suffixes):
            os.symlink(os.path.join(src, f), os.path.join(path, f))
    return path


def pipeline(input_dir, name):
    p = os.path.join(WORK, f"ingest-{name}.yaml")
    with open(p, "w") as f:
        f.write(f"input: {input_dir}\nlexicons: {os.path.join(ROOT, 'lexicons')}\nas_of: 2026-11-21\nstore: none\n")
        f.write("stages: []\nreports: [summary.json, records.csv, rejects.csv]\n")
    return p


def timed(args):
    start = time.perf_counter()
    p = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    wall = time.perf_counter() - start
    if p.returncode not in (0, 2):
        sys.exit(f"ingest bench: {' '.join(args)} failed with {p.returncode}:\n{p.stderr.decode(errors='replace')}")
    return wall


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--binary", default=os.environ.get("VERBATIM", os.path.join(ROOT, ".build/release/verbatim")))
    args = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    data = corpus(args.records)
    groups = [("utf8", "UTF-8 CSV", ("_utf8.csv",)), ("csv", "CSV/TSV, all encodings", (".csv", ".tsv")), ("xml", "XML", (".xml",))]
    out = os.path.join(WORK, "ingest-out")
    print(f"ingest only, 1 job, best of {args.repeat}: {args.binary}")
    print(f"{'input':<24} {'MB':>7} {'s':>7} {'MB/s':>8}")
    for name, label, suffixes in groups:
        folder = subset(data, f"ingest-{name}", suffixes)
        mb = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder)) / 1e6
        best = min(timed([args.binary, "run", "--pipeline", pipeline(folder, name),
                          "--out", out, "--jobs", "1", "--no-store", "--quiet"]) for _ in range(args.repeat))
        print(f"{label:<24} {mb:>7.1f} {best:>7.2f} {mb / best:>8.1f}")


if __name__ == "__main__":
    main()
