#!/usr/bin/env bash
# Runs a test that reads third-party data from ../shared, or reports it as
# skipped (exit 77, the tests' SKIP_RETURN_CODE) naming the folder that is
# missing: FOLDER... -- COMMAND [ARGS...]
set -euo pipefail
while [ $# -gt 0 ] && [ "$1" != -- ]; do
  if [ ! -d "$1" ]; then
    echo "skipped: needs $1 (not found)"
    exit 77
  fi
  shift
done
[ $# -gt 1 ] || { echo "usage: needs_shared.sh FOLDER... -- COMMAND [ARGS...]" >&2; exit 2; }
shift
exec "$@"
