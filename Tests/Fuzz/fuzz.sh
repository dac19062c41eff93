#!/usr/bin/env bash
# Builds the fuzzers and runs one of them, single process, from the repository root.
#
#   Tests/Fuzz/fuzz.sh csv 600      # CSVRecordReader for 600 seconds
#   Tests/Fuzz/fuzz.sh xml 600      # XMLRecordReader for 600 seconds
#   Tests/Fuzz/fuzz.sh json 600     # JSONRecordReader (arrays, NDJSON)
#   Tests/Fuzz/fuzz.sh xlsx 600     # XLSXRecordReader (whole files; worksheets and shared strings in a valid workbook)
#   Tests/Fuzz/fuzz.sh input 600    # InputReader: the sniffer, gzip and ZIP around every reader
#   Tests/Fuzz/fuzz.sh csv 0 FILE   # replay one input (a crash-… artifact) and exit
#
# Everything it writes is git-ignored: the build in .build-fuzz/, the growing corpus in
# .build-fuzz-runs/corpus/<reader>/, crash/timeout/oom inputs in .build-fuzz-runs/artifacts/<reader>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
reader=${1:?usage: Tests/Fuzz/fuzz.sh csv|xml|json|xlsx|input [seconds] [input]}
seconds=${2:-600}
case $reader in
  csv) fuzzer=CSVReaderFuzzer ;;
  xml) fuzzer=XMLReaderFuzzer ;;
  json) fuzzer=JSONReaderFuzzer ;;
  xlsx) fuzzer=XLSXReaderFuzzer ;;
  input) fuzzer=InputReaderFuzzer ;;
  *) echo "reader must be csv, xml, json, xlsx or input" >&2; exit 64 ;;
esac
swift build --package-path Tests/Fuzz --scratch-path .build-fuzz -c release \
  -Xswiftc -sanitize=fuzzer,address --product "$fuzzer"
# Swift's own crash backtracer fights ASan over the crashing thread: let ASan report.
export SWIFT_BACKTRACE=enable=no
# One known leak in ZIPFoundation (see lsan.supp); any other leak still stops the fuzzer.
export LSAN_OPTIONS="suppressions=$PWD/Tests/Fuzz/lsan.supp:print_suppressions=0"
if [ -n "${3:-}" ]; then
  exec ".build-fuzz/release/$fuzzer" -timeout=10 -rss_limit_mb=2048 "$3"
fi
mkdir -p ".build-fuzz-runs/corpus/$reader" ".build-fuzz-runs/artifacts/$reader"
exec ".build-fuzz/release/$fuzzer" ".build-fuzz-runs/corpus/$reader" \
  fixtures/exports Tests/Data/ingest Tests/Data/ingest/regressions Tests/Data/formats \
  -max_len=8192 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=".build-fuzz-runs/artifacts/$reader/" -print_final_stats=1
