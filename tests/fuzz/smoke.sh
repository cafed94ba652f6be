#!/usr/bin/env bash
# A short, bounded fuzz run (a fixed number of inputs, not a time) for the test
# suite: HARNESS DICT RUNS SEED_DIR...   (DICT "-" runs without a dictionary)
set -euo pipefail
harness=$1 dict=$2 runs=$3
shift 3
[ -x "$harness" ] || { echo "fuzz smoke: $harness is not built (cmake --build --preset fuzz)"; exit 1; }
dict_arg=()
[ "$dict" = - ] || dict_arg=(-dict="$dict")
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
"$harness" -runs="$runs" -seed=1 "${dict_arg[@]}" -artifact_prefix="$corpus/" "$corpus" "$@" 2>&1 | tail -n 3
