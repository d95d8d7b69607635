#!/usr/bin/env bash
# Starts an installed server, waits until GET /api/v1/health answers 200, prints how long that
# took, and stops the server again.
#   benchmarks/start-to-healthy.sh MILLRACE_HOME PORT [HEALTH_PATH]
# With HEALTH_PATH "-" it waits for the port to accept connections instead: the baseline, an
# installation whose system/ holds only Felix HTTP with Jetty (see docs/benchmarks.md).
set -euo pipefail
home="$1"
port="$2"
path="${3:-/api/v1/health}"

started=$(date +%s%N)
"$home/bin/millrace" --port "$port" >/dev/null 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT

for _ in $(seq 1 600); do
  if [[ "$path" == "-" ]]; then
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "ready after $(( ($(date +%s%N) - started) / 1000000 )) ms"
      exit 0
    fi
  elif [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")" == "200" ]]; then
    echo "ready after $(( ($(date +%s%N) - started) / 1000000 )) ms"
    exit 0
  fi
  sleep 0.05
done
echo "not healthy within 30 s" >&2
exit 1
