#!/usr/bin/env bash
# Measures how long a connector jar takes from landing in deploy/ to being listed by
# GET /api/v1/connectors, on a running server that still has its initial admin password.
#   benchmarks/deploy-to-listed.sh MILLRACE_HOME PORT [ROUNDS]
# It moves the shipped H2 connector out of deploy/ and back in, ROUNDS times (default 5), and
# prints each time in milliseconds.
set -euo pipefail
home="$1"
port="$2"
rounds="${3:-5}"
api="http://127.0.0.1:$port/api/v1"

password="$(cat "$home/data/initial-admin-password")"
token="$(curl -sf -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$api/auth/login" \
  | sed 's/.*"token":"\([^"]*\)".*/\1/')"
listed() {
  curl -sf -H "Authorization: Bearer $token" "$api/connectors" | grep -q '"id":"h2"'
}

jar="$(ls "$home"/deploy/io.millrace.connector.h2-*.jar)"
parked="$home/data/$(basename "$jar").parked"
for round in $(seq 1 "$rounds"); do
  mv "$jar" "$parked"
  while listed; do sleep 0.02; done
  started=$(date +%s%N)
  mv "$parked" "$jar"
  until listed; do sleep 0.02; done
  echo "round $round: listed after $(( ($(date +%s%N) - started) / 1000000 )) ms"
done
