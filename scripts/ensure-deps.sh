#!/usr/bin/env bash
# Installs the system packages Verbatim builds and tests with, when missing:
#   libxml2-dev (+ pkg-config)   for the CLibXML2 target
#   libsqlite3-dev               for GRDB (the history store)
#   zlib1g-dev                   for the CInflate target (.gz exports)
#   libfreexl-dev                for the CFreeXL target (legacy .xls workbooks)
#   libzip-dev                   for the CZip target (.zip exports, .xlsx and .ods workbooks)
#   chromium                     only with --browser (the HTML report test)
#   postgresql                   only with --browser (the tests' private PostgreSQL server for the store suite)
# Runs apt-get as root; otherwise prints the one command needed.
set -euo pipefail

need=()
if ! command -v pkg-config >/dev/null 2>&1; then need+=(pkg-config); fi
if ! pkg-config --exists libxml-2.0 2>/dev/null; then need+=(libxml2-dev); fi
if ! pkg-config --exists zlib 2>/dev/null; then need+=(zlib1g-dev); fi
if ! pkg-config --exists freexl 2>/dev/null; then need+=(libfreexl-dev); fi
if ! pkg-config --exists libzip 2>/dev/null; then need+=(libzip-dev); fi
if ! pkg-config --exists sqlite3 2>/dev/null && [[ ! -f /usr/include/sqlite3.h ]]; then need+=(libsqlite3-dev); fi
if [[ "${1:-}" == "--browser" ]] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  need+=(chromium)
fi
if [[ "${1:-}" == "--browser" ]] && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  need+=(postgresql)
fi
[[ ${#need[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-deps: installing ${need[*]} with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "ensure-deps: missing ${need[*]}. Install them with:" >&2
  echo "  sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
