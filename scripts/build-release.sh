#!/usr/bin/env bash
# Builds the release binary (`swift build -c release --product verbatim`), first setting aside the
# compiled modules of Verbatim's own targets when its sources changed since the last release build.
#
# Why: SwiftPM's incremental build does not recompile a target whose direct dependencies' interfaces
# are unchanged when a struct of a module it reaches only through them changes its stored properties
# (on 2026-12-05, `HeaderAliases` in VerbatimIngest, held inside VerbatimPipeline's `LoadedResources`,
# which the `verbatim` target holds): the binary then reads the old layout and crashes at start. A
# nightly host that pulls an update and runs `make run` would build exactly such a binary. Rebuilding
# Verbatim's own modules (about two minutes; the dependencies stay built) whenever a source changed
# costs that time only after a change. `make test` builds debug incrementally, as developers need.
set -euo pipefail
SWIFT="${SWIFT:-swift}"
cd "$(dirname "$0")/.."
stamp=.build/verbatim-release-sources.sha256
sources=$(find Sources Package.swift -type f \( -name '*.swift' -o -name '*.c' -o -name '*.h' -o -name '*.modulemap' \) -print0 \
    | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
if [ -d .build/release ] && [ "$(cat "$stamp" 2>/dev/null)" != "$sources" ]; then
    echo "build-release: sources changed since the last release build; rebuilding Verbatim's own modules"
    # The build plan too: without it SwiftPM looks for the output maps of the folders just removed.
    rm -rf .build/release/Verbatim*.build .build/release/verbatim.build .build/release/description.json
fi
"$SWIFT" build -c release --product verbatim
mkdir -p .build
echo "$sources" > "$stamp"
