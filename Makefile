# Verbatim — the two commands: `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
# Folder of exports for `make run` (default: the bundled samples).
EXPORTS ?= fixtures/exports
export EXPORTS
RELEASE_BIN := .build/release/verbatim
DEBUG_BIN := .build/debug/verbatim

.PHONY: all deps browser-deps run reprocess test check pin pin-check eval learn bench clean install uninstall spark-test

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
	SWIFT=$(SWIFT) scripts/build-release.sh
	@code=0; $(RELEASE_BIN) run --pipeline pipelines/nightly.yaml $(if $(STRICT),--strict) $(RUN_FLAGS) || code=$$?; \
	if [ $$code -eq 2 ]; then echo "Some rows or files were rejected: see rejects.csv in the report folder."; \
	elif [ $$code -ne 0 ]; then exit $$code; fi

# Ad-hoc re-processing of one folder: make reprocess DIR=path/to/exports [OUT=reports/adhoc]
# Its records replace what the history store holds from those files; running it twice changes nothing.
OUT ?= reports/adhoc
reprocess: deps
	@test -n "$(DIR)" || { echo "usage: make reprocess DIR=folder-of-exports [OUT=folder]"; exit 64; }
	SWIFT=$(SWIFT) scripts/build-release.sh
	@code=0; $(RELEASE_BIN) run --pipeline pipelines/nightly.yaml --input "$(DIR)" --out "$(OUT)" || code=$$?; \
	if [ $$code -ne 0 ] && [ $$code -ne 2 ]; then exit $$code; fi

# Unit and integration tests (report.html in headless Chromium among them), then the fixture check.
test: browser-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(DEBUG_BIN) check --pipeline pipelines/fixtures.yaml
	$(DEBUG_BIN) check --pipeline pipelines/formats.yaml --expected fixtures/expected-formats

# The PySpark driver (scripts/spark/) in local[2] mode over the fixtures and a generated folder of 41 exports,
# compared byte for byte with a single run; installs Java 17 (apt) and pyspark (PyPI, into .venv-spark) when missing.
spark-test: deps
	$(SWIFT) build --product verbatim
	scripts/spark/spark-test.sh

# Only the fixture check (after a build).
check: deps
	$(SWIFT) build --product verbatim
	$(DEBUG_BIN) check --pipeline pipelines/fixtures.yaml
	$(DEBUG_BIN) check --pipeline pipelines/formats.yaml --expected fixtures/expected-formats

# The equivalence pin of `classify --explain` (issue 14): over 10,000 texts (../shared/eval, the project's
# own sets, Tests/Pins/edge-cases.txt) in every --lang setting, TSV and JSON. `make pin-check` compares the
# debug binary's outputs with Tests/Pins/classify-explain.sha256 (full outputs in .pins/current/; fails
# when ../shared is missing); `make pin` is a deliberate re-pin (outputs in .pins/pinned/), in its own commit.
# PIN_BIN chooses another binary, e.g. PIN_BIN=$(RELEASE_BIN) after a release build.
PIN_BIN ?= $(DEBUG_BIN)
pin: deps
	$(SWIFT) build --product verbatim
	python3 scripts/pin/pin.py write --bin $(PIN_BIN)

pin-check: deps
	$(SWIFT) build --product verbatim
	python3 scripts/pin/pin.py check --bin $(PIN_BIN)

clean:
	rm -rf .build reports var .benchmarks .venv-spark .pins

# Installs the tool: $(PREFIX)/bin/verbatim, its data (lexicons, pipelines, the sample roster) in
# $(PREFIX)/share/verbatim/ (where the binary looks, beside itself), and shell completions.
# make install PREFIX=/usr/local    ·    make uninstall PREFIX=/usr/local
PREFIX ?= /usr/local
DATADIR = $(PREFIX)/share/verbatim
install: deps
	SWIFT=$(SWIFT) scripts/build-release.sh
	install -d "$(PREFIX)/bin" "$(DATADIR)/fixtures" "$(PREFIX)/share/bash-completion/completions" \
	  "$(PREFIX)/share/zsh/site-functions" "$(PREFIX)/share/fish/vendor_completions.d"
	install -m 755 $(RELEASE_BIN) "$(PREFIX)/bin/verbatim"
	rm -rf "$(DATADIR)/lexicons" "$(DATADIR)/pipelines"
	cp -R lexicons pipelines "$(DATADIR)/"
	install -m 644 fixtures/roster.tsv "$(DATADIR)/fixtures/roster.tsv"
	$(RELEASE_BIN) --generate-completion-script bash > "$(PREFIX)/share/bash-completion/completions/verbatim"
	$(RELEASE_BIN) --generate-completion-script zsh > "$(PREFIX)/share/zsh/site-functions/_verbatim"
	$(RELEASE_BIN) --generate-completion-script fish > "$(PREFIX)/share/fish/vendor_completions.d/verbatim.fish"
	@"$(PREFIX)/bin/verbatim" --version

uninstall:
	rm -f "$(PREFIX)/bin/verbatim" "$(PREFIX)/share/bash-completion/completions/verbatim" \
	  "$(PREFIX)/share/zsh/site-functions/_verbatim" "$(PREFIX)/share/fish/vendor_completions.d/verbatim.fish"
	rm -rf "$(DATADIR)"

# Sentiment accuracy on ../shared/eval/dev and the project's own test sets.
eval: deps
	SWIFT=$(SWIFT) scripts/build-release.sh
	python3 scripts/eval.py

# The bundled learned lexicon layers (lexicons/learned/), learned from ../shared/eval/train only
# (never from eval/dev). The same training files give byte-identical layers (the date aside: LEARN_DATE).
LEARN_DATE ?= $(shell date -u +%F)
learn: deps
	SWIFT=$(SWIFT) scripts/build-release.sh
	$(RELEASE_BIN) learn --lang kk --date $(LEARN_DATE) --out lexicons/learned/kk_reviews.tsv ../shared/eval/train/kk_reviews_train.tsv
	$(RELEASE_BIN) learn --lang tr --date $(LEARN_DATE) --out lexicons/learned/tr_movies.tsv ../shared/eval/train/tr_movies_train.tsv
	$(RELEASE_BIN) learn --lang sr --date $(LEARN_DATE) --out lexicons/learned/sr_tweets.tsv ../shared/eval/train/sr_tweets_train.tsv

# Throughput and memory on a generated corpus (BENCH_RECORDS=100000 by default, about six minutes; see scripts/bench/bench.py),
# with VADER (vaderSentiment, installed from PyPI into .benchmarks/venv on first use) and `wc -l` timed on the same texts as
# `classify`; BENCH_VADER=0 leaves VADER out, BENCH_MEMORY_SCALE=0 the 10× memory run.
bench: deps
	SWIFT=$(SWIFT) scripts/build-release.sh
	python3 scripts/bench/bench.py
