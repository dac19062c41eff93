# Verbatim — the two commands: `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
# Folder of exports for `make run` (default: the bundled samples).
EXPORTS ?= fixtures/exports
export EXPORTS
RELEASE_BIN := .build/release/verbatim
DEBUG_BIN := .build/debug/verbatim

.PHONY: all deps browser-deps run reprocess test check eval bench clean spark-test

all: run

deps:
	@scripts/ensure-deps.sh

# The tests also render report.html in headless Chromium (Debian's chromium package).
browser-deps:
	@scripts/ensure-deps.sh --browser

# The nightly job (the cron entry point): release build, then pipelines/nightly.yaml over $(EXPORTS),
# recording into the history store (var/verbatim.sqlite): files seen before are skipped.
# Exit code 2 (completed, some rows rejected) is reported but not a failure here; STRICT=1 makes it one (exit 4).
# RUN_FLAGS passes more options, e.g. RUN_FLAGS="--log-format json" or RUN_FLAGS=--reprocess.
run: deps
	$(SWIFT) build -c release --product verbatim
	@code=0; $(RELEASE_BIN) run --pipeline pipelines/nightly.yaml $(if $(STRICT),--strict) $(RUN_FLAGS) || code=$$?; \
	if [ $$code -eq 2 ]; then echo "Some rows or files were rejected: see rejects.csv in the report folder."; \
	elif [ $$code -ne 0 ]; then exit $$code; fi

# Ad-hoc re-processing of one folder: make reprocess DIR=path/to/exports [OUT=reports/adhoc]
# Its records replace what the history store holds from those files; running it twice changes nothing.
OUT ?= reports/adhoc
reprocess: deps
	@test -n "$(DIR)" || { echo "usage: make reprocess DIR=folder-of-exports [OUT=folder]"; exit 64; }
	$(SWIFT) build -c release --product verbatim
	@code=0; $(RELEASE_BIN) run --pipeline pipelines/nightly.yaml --input "$(DIR)" --out "$(OUT)" || code=$$?; \
	if [ $$code -ne 0 ] && [ $$code -ne 2 ]; then exit $$code; fi

# Unit and integration tests (report.html in headless Chromium among them), then the fixture check.
test: browser-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(DEBUG_BIN) check --pipeline pipelines/fixtures.yaml

# The PySpark driver (scripts/spark/) in local[2] mode over the fixtures and a generated folder of 41 exports,
# compared byte for byte with a single run; installs Java 17 (apt) and pyspark (PyPI, into .venv-spark) when missing.
spark-test: deps
	$(SWIFT) build --product verbatim
	scripts/spark/spark-test.sh

# Only the fixture check (after a build).
check: deps
	$(SWIFT) build --product verbatim
	$(DEBUG_BIN) check --pipeline pipelines/fixtures.yaml

clean:
	rm -rf .build reports var .benchmarks .venv-spark

# Sentiment accuracy on ../shared/eval/dev and the project's own test sets.
eval: deps
	$(SWIFT) build -c release --product verbatim
	python3 scripts/eval.py

# Throughput and memory on a generated corpus (BENCH_RECORDS=100000 by default, about six minutes; see scripts/bench/bench.py).
bench: deps
	$(SWIFT) build -c release --product verbatim
	python3 scripts/bench/bench.py
