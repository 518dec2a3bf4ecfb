#!/usr/bin/env bash
# Rebuild the seed dataset (datasets/seed/data) from its sources with the curation pipeline:
# our original training modules (datasets/seed/sources) and the template library (rtl_templates).
# Every record is verified with real tools, deduplicated, and checked against every installed
# benchmark suite; records close to a benchmark task are dropped. Run from anywhere:
#   datasets/seed/build.sh [OUT]      (default OUT: datasets/seed/data; RTLWB=path/to/rtlwb for another install)
set -euo pipefail
OUT=$(realpath -m "${1:-$(dirname "$0")/data}")
cd "$(dirname "$0")/../.."
RTLWB=${RTLWB:-.venv/bin/rtlwb}
WORKSPACE=$(mktemp -d)
trap 'rm -rf "$WORKSPACE"' EXIT

"$RTLWB" dataset ingest datasets/seed/sources rtl_templates -w "$WORKSPACE" --license Apache-2.0
"$RTLWB" dataset verify -w "$WORKSPACE" --timeout 30
"$RTLWB" dataset dedup -w "$WORKSPACE"
# Only the suites shipped here: a seed built on a machine with imported suites must not depend on them.
RTLWB_HOME="$WORKSPACE/no-imports" RTLWB_BENCHMARKS= "$RTLWB" dataset decontaminate -w "$WORKSPACE" --action drop
"$RTLWB" dataset export -w "$WORKSPACE" --out "$OUT" --name rtlwb-seed --about @datasets/seed/ABOUT.md --format jsonl \
  --license Apache-2.0
"$RTLWB" dataset stats -w "$WORKSPACE"
