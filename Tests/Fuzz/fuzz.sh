#!/usr/bin/env bash
# Builds the fuzzers and runs one of them, single process, from the repository root.
#
#   Tests/Fuzz/fuzz.sh csv 600      # CSVRecordReader for 600 seconds
#   Tests/Fuzz/fuzz.sh xml 600      # XMLRecordReader for 600 seconds
#   Tests/Fuzz/fuzz.sh html 600     # HTMLTableRecordReader (an HTML page named .xls, as web applications export one)
#   Tests/Fuzz/fuzz.sh json 600     # JSONRecordReader (arrays, NDJSON)
#   Tests/Fuzz/fuzz.sh xlsx 600     # XLSXRecordReader (whole files; worksheets and shared strings in a valid workbook)
#   Tests/Fuzz/fuzz.sh ods 600      # ODSRecordReader (whole files; content.xml in a valid spreadsheet)
#   Tests/Fuzz/fuzz.sh xls 600      # XLSRecordReader (FreeXL: whole files; bytes written over a valid workbook)
#   Tests/Fuzz/fuzz.sh input 600    # InputReader: the sniffer, gzip and ZIP around every reader
#   Tests/Fuzz/fuzz.sh text 600     # the text stages (classify, themes, evidence, masking) on arbitrary text
#   Tests/Fuzz/fuzz.sh reports 600  # the report writers on arbitrary names and text
#   Tests/Fuzz/fuzz.sh data 600     # the pipeline file and every lexicon / data file, loaded and used
#   Tests/Fuzz/fuzz.sh partial 600  # verbatim merge on an arbitrary partial, into a new history store
#   Tests/Fuzz/fuzz.sh csv 0 FILE   # replay one input (a crash-… artifact) and exit
#
# Everything it writes is git-ignored: the build in .build-fuzz/, the growing corpus in
# .build-fuzz-runs/corpus/<reader>/, crash/timeout/oom inputs in .build-fuzz-runs/artifacts/<reader>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
reader=${1:?usage: Tests/Fuzz/fuzz.sh csv|xml|html|json|xlsx|xls|ods|input|text|reports|data|partial [seconds] [input]}
seconds=${2:-600}
case $reader in
  csv) fuzzer=CSVReaderFuzzer ;;
  xml) fuzzer=XMLReaderFuzzer ;;
  html) fuzzer=HTMLReaderFuzzer ;;
  json) fuzzer=JSONReaderFuzzer ;;
  xlsx) fuzzer=XLSXReaderFuzzer ;;
  xls) fuzzer=XLSReaderFuzzer ;;
  ods) fuzzer=ODSReaderFuzzer ;;
  input) fuzzer=InputReaderFuzzer ;;
  text) fuzzer=TextFuzzer ;;
  reports) fuzzer=ReportFuzzer ;;
  data) fuzzer=DataFileFuzzer ;;
  partial) fuzzer=PartialFuzzer ;;
  *) echo "the fuzzer must be csv, xml, html, json, xlsx, xls, ods, input, text, reports, data or partial" >&2; exit 64 ;;
esac
# SwiftPM plans a path dependency's sources again only when this package's manifest changes: without
# the touch, a source file added to the main package is missing from the fuzzers' build ("cannot find …").
touch Tests/Fuzz/Package.swift
# Nor does it always rebuild a fuzzer when a public type of the main package changes its layout (a field
# added to `SourceOptions`): the stale fuzzer then crashes at once, in code that is not wrong. Our own
# modules are rebuilt whole whenever a source is newer than the last build (the libraries stay built).
stamp=.build-fuzz/verbatim-sources.stamp
if [ ! -f "$stamp" ] || [ -n "$(find Sources Tests/Fuzz/Sources Tests/VerbatimIngestTests -newer "$stamp" -type f -print -quit)" ]; then
  rm -rf .build-fuzz/*/release/Verbatim*.build .build-fuzz/*/release/*Fuzzer.build .build-fuzz/*/release/description.json
fi
# The time the build starts: a source changed while it runs is newer, and rebuilds the next time.
mkdir -p .build-fuzz && touch "$stamp.next"
swift build --package-path Tests/Fuzz --scratch-path .build-fuzz -c release \
  -Xswiftc -sanitize=fuzzer,address --product "$fuzzer"
mv "$stamp.next" "$stamp"
# Swift's own crash backtracer fights ASan over the crashing thread: let ASan report.
export SWIFT_BACKTRACE=enable=no
# One known leak in ZIPFoundation (see lsan.supp); any other leak still stops the fuzzer.
export LSAN_OPTIONS="suppressions=$PWD/Tests/Fuzz/lsan.supp:print_suppressions=0"
if [ -n "${3:-}" ]; then
  exec ".build-fuzz/release/$fuzzer" -timeout=10 -rss_limit_mb=2048 "$3"
fi
mkdir -p ".build-fuzz-runs/corpus/$reader" ".build-fuzz-runs/artifacts/$reader"
if [ "$reader" = data ] || [ "$reader" = partial ]; then
  # Seeds, written by the fuzzer: each data file as bundled (its first byte picks the file), or the fixtures' partials.
  seeds=.build-fuzz-runs/seeds/$reader
  rm -rf "$seeds"
  VERBATIM_FUZZ_SEEDS=$seeds exec ".build-fuzz/release/$fuzzer" ".build-fuzz-runs/corpus/$reader" "$seeds" \
    -max_len=65536 -len_control=50 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=".build-fuzz-runs/artifacts/$reader/" -print_final_stats=1
fi
if [ "$reader" = text ] || [ "$reader" = reports ]; then
  # Seeds: each text of the sentiment, aspect and language test sets as an input of its own (for the
  # report writers, as employee, channel, text, file and date cut at U+0001).
  seeds=.build-fuzz-runs/seeds/$reader
  if [ ! -d "$seeds" ]; then
    mkdir -p "$seeds"
    cat Tests/Data/sentiment/*.tsv Tests/Data/aspects/*.tsv Tests/Data/langid/*.tsv \
      | awk -F'\t' -v d="$seeds" -v r="$reader" '!/^#/ && NF > 1 { f = d "/" NR
          if (r == "text") printf "%s", $NF > f; else printf "Ayşe Yılmaz\001Telefon\001%s\001anket_%d.csv\0012026-11-21", $NF, NR > f
          close(f) }'
  fi
  exec ".build-fuzz/release/$fuzzer" ".build-fuzz-runs/corpus/$reader" "$seeds" \
    -max_len=1024 -len_control=20 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=".build-fuzz-runs/artifacts/$reader/" -print_final_stats=1
fi
exec ".build-fuzz/release/$fuzzer" ".build-fuzz-runs/corpus/$reader" \
  fixtures/exports Tests/Data/ingest Tests/Data/ingest/regressions Tests/Data/formats \
  -max_len=8192 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=".build-fuzz-runs/artifacts/$reader/" -print_final_stats=1
