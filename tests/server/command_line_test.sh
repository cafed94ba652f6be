#!/usr/bin/env bash
# news-widget-server's command line: --help names every option; each bad
# value is refused with exactly one line on stderr and exit code 2, before
# anything listens.
#   command_line_test.sh PATH/TO/news-widget-server
set -uo pipefail
server=$1
failures=0
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

help=$("$server" --help)
for option in --host --port --root --data --threads --public-url --cors-origin \
              --max-connections --access-log --version --help; do
  if ! grep -q -- "$option" <<<"$help"; then
    echo "FAIL: --help does not mention $option"
    failures=$((failures + 1))
  fi
done

# Each case: arguments (one string, split on spaces) | the start of the error line.
cases=(
  "--public-url ftp://x.example|--public-url must be an http or https origin"
  "--public-url https://x.example/path|--public-url must be an http or https origin"
  "--public-url=https://x.example?q|--public-url must be an http or https origin"
  "--public-url https://user@x.example|--public-url must be an http or https origin"
  "--public-url http://x.example:0|--public-url must be an http or https origin"
  "--public-url|--public-url needs a value"
  "--cors-origin null|--cors-origin must be * or an http or https origin"
  "--cors-origin https://a.example --cors-origin https://b.example/x|--cors-origin must be"
  "--max-connections 0|--max-connections must be a number from 1 to 1000000"
  "--max-connections 1000001|--max-connections must be a number from 1 to 1000000"
  "--max-connections -5|--max-connections must be a number from 1 to 1000000"
  "--max-connections ten|--max-connections must be a number from 1 to 1000000"
  "--port 65536|--port must be a number from 0 to 65535"
  "--threads 0|--threads must be a number from 1 to 256"
  "--host localhost|--host must be an IP address"
  "--frobnicate|unknown option '--frobnicate'"
  "--root $dir/missing|--root directory $dir/missing does not exist"
)
for case in "${cases[@]}"; do
  args=${case%%|*}
  expected=${case#*|}
  # shellcheck disable=SC2086  # the arguments are split on purpose
  "$server" --port 0 $args >"$dir/out" 2>"$dir/err" </dev/null &
  pid=$!
  # A server that accepted the options would run: stop it after a moment.
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    wait "$pid"
    echo "FAIL: '$args' was accepted"
    failures=$((failures + 1))
    continue
  fi
  wait "$pid"
  status=$?
  lines=$(wc -l <"$dir/err")
  first=$(head -n 1 "$dir/err")
  if [ "$status" -ne 2 ] || [ "$lines" -ne 1 ] || [[ $first != "news-widget-server: $expected"* ]]; then
    echo "FAIL: '$args': exit $status, $lines stderr lines: $(cat "$dir/err")"
    failures=$((failures + 1))
  fi
done

# Good values start a server (stopped by SIGTERM, exit 0).
"$server" --port 0 --public-url HTTPS://Widgets.Example:443/ --cors-origin https://a.example \
  --cors-origin '*' --max-connections 1 --access-log "$dir/log" >"$dir/out" 2>"$dir/err" &
pid=$!
for _ in $(seq 50); do grep -q listening "$dir/out" && break; sleep 0.1; done
if ! grep -q "listening on http://127.0.0.1:" "$dir/out"; then
  echo "FAIL: good options did not start the server: $(cat "$dir/err")"
  failures=$((failures + 1))
fi
kill "$pid" 2>/dev/null
wait "$pid"
status=$?
if [ "$status" -ne 0 ]; then
  echo "FAIL: the server exited $status after SIGTERM"
  failures=$((failures + 1))
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "command line: ${#cases[@]} bad values refused, good ones accepted"
