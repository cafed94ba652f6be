#!/usr/bin/env bash
# A short, bounded fuzz run (a fixed number of inputs, not a time) for the test
# suite: HARNESS DICT RUNS SEED_DIR...   (DICT: files joined by ':', or "-" for none)
set -euo pipefail
harness=$1 dicts=$2 runs=$3
shift 3
[ -x "$harness" ] || { echo "fuzz smoke: $harness is not built (cmake --build --preset fuzz)"; exit 1; }
corpus=$(mktemp -d)
dict=$(mktemp)
trap 'rm -rf "$corpus" "$dict"' EXIT
dict_arg=()
if [ "$dicts" != - ]; then
  IFS=: read -r -a dict_files <<< "$dicts"
  cat "${dict_files[@]}" > "$dict"
  dict_arg=(-dict="$dict")
fi
"$harness" -runs="$runs" -seed=1 "${dict_arg[@]}" -artifact_prefix="$corpus/" "$corpus" "$@" 2>&1 | tail -n 3
