#!/usr/bin/env bash
# make spark-test: the PySpark driver in local[2] mode over the bundled fixtures and a generated
# folder of 41 exports (two of one source overlapping), each compared byte for byte with a single
# `verbatim run` (manifest.json aside); then a failing shard must fail the job and write no reports.
# Installs Java 17 with apt when missing, and pyspark from PyPI into .venv-spark.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERBATIM="$PWD/${VERBATIM:-.build/debug/verbatim}"
PIPELINE=pipelines/fixtures.yaml
VENV=.venv-spark

if ! command -v java >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]]; then
    echo "spark-test: installing openjdk-17-jre-headless with apt-get" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
  else
    echo "spark-test: Java is missing: sudo apt-get install -y openjdk-17-jre-headless" >&2; exit 1
  fi
fi
if ! "$VENV/bin/python" -c "import pyspark" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q pyspark
fi

work=$(mktemp -d /tmp/verbatim-spark-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 scripts/bench/generate_corpus.py "$work/generated" --records 4000 --files 24 >/dev/null
{ head -1 "$work/generated/000_survey_utf8.csv"; sed -n 2,11p "$work/generated/000_survey_utf8.csv"; } > "$work/generated/040_survey_utf8.csv"
echo "spark-test: $(ls "$work/generated" | wc -l) generated files"

export PYSPARK_PYTHON="$PWD/$VENV/bin/python" SPARK_LOCAL_IP=127.0.0.1
spark() { "$VENV/bin/python" scripts/spark/verbatim_spark.py --verbatim "$VERBATIM" --pipeline "$PIPELINE" "$@"; }
status=0
for name in fixtures generated; do
  input=fixtures/exports; [[ $name == generated ]] && input="$work/generated"
  code=0; "$VERBATIM" run --pipeline "$PIPELINE" --input "$input" --out "$work/$name-single" --store "$work/$name-a.sqlite" --quiet || code=$?
  [[ $code -eq 0 || $code -eq 2 ]] || { echo "spark-test: single run over $name failed ($code)" >&2; exit 1; }
  PYSPARK_SUBMIT_ARGS="--master local[2] pyspark-shell" spark --input "$input" --out "$work/$name-spark" --store "$work/$name-b.sqlite" --shards 4 2>"$work/$name-spark.log" \
    || { tail -30 "$work/$name-spark.log" >&2; echo "spark-test: Spark run over $name failed" >&2; exit 1; }
  if diff -r --exclude manifest.json "$work/$name-single" "$work/$name-spark" >"$work/$name.diff"; then
    echo "spark-test: $name: reports of the Spark run (4 shards, local[2]) are byte-identical to a single run"
  else
    head -40 "$work/$name.diff" >&2; echo "spark-test: $name: reports differ" >&2; status=1
  fi
done

# A shard that fails (exit 1 from the binary for shard 1) fails the job, and no reports are written.
cat > "$work/failing-verbatim" <<SH
#!/usr/bin/env bash
for a in "\$@"; do [[ "\$a" == 1/* ]] && { echo "simulated failure of shard \$a" >&2; exit 1; }; done
exec "$VERBATIM" "\$@"
SH
chmod +x "$work/failing-verbatim"
if PYSPARK_SUBMIT_ARGS="--master local[2] pyspark-shell" "$VENV/bin/python" scripts/spark/verbatim_spark.py --verbatim "$work/failing-verbatim" \
     --pipeline "$PIPELINE" --input fixtures/exports --out "$work/failed" --store "$work/failed.sqlite" --shards 3 2>"$work/failed.log"; then
  echo "spark-test: a failing shard did not fail the job" >&2; status=1
elif [[ -e "$work/failed" ]]; then
  echo "spark-test: a failing shard left reports behind" >&2; status=1
elif ! grep -q "simulated failure of shard 1/3" "$work/failed.log"; then
  tail -20 "$work/failed.log" >&2; echo "spark-test: the job failed, but not because of the shard" >&2; status=1
else
  echo "spark-test: a failing shard fails the job and no reports are written"
fi
exit $status
