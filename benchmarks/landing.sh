#!/usr/bin/env bash
# Landing benchmarks between two local PostgreSQL servers, with public tools only (PostgreSQL's
# initdb, pg_ctl, psql and pgbench, curl, jq). Run from the project root after
# `mvn -B -q install -DskipTests`:
#
#   benchmarks/landing.sh setup [SCALE]     two servers, pgbench -i -s SCALE (20) in the source,
#                                           a Millrace server with connections to both
#   benchmarks/landing.sh full-load         Millrace: a full-load task of pgbench_accounts, timed
#                                           from start to the last row committed
#   benchmarks/landing.sh pipe              the baseline: psql COPY TO STDOUT | psql COPY FROM STDIN
#   benchmarks/landing.sh cdc RATE SECONDS  a full-load+cdc task of the pgbench tables, then pgbench
#                                           tpcb-like at RATE transactions/s (0: as fast as it can)
#                                           for SECONDS; prints changes/s and latency percentiles
#   benchmarks/landing.sh teardown
#
# PG_BIN names the PostgreSQL client binaries (default: /usr/lib/postgresql/<newest>/bin),
# PG_SERVER_BIN the server's (initdb, pg_ctl; default: PG_BIN).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/tmp/millrace-landing-bench}
pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
pg_server_bin=${PG_SERVER_BIN:-$pg_bin}
source_port=55432
target_port=55433
http_port=18580
api="http://127.0.0.1:$http_port/api/v1"

psql_source() { "$pg_bin/psql" -X -q -h 127.0.0.1 -p $source_port -U postgres -d postgres "$@"; }
psql_target() { "$pg_bin/psql" -X -q -h 127.0.0.1 -p $target_port -U postgres -d postgres "$@"; }

# PostgreSQL refuses to run as root; root runs it as the user postgres.
as_server() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_postgres() { # DIR PORT
  mkdir -p "$1" "$work/sockets"
  [[ $(id -u) == 0 ]] && chown postgres "$1" "$work/sockets"
  as_server "$pg_server_bin/initdb" -D "$1" -U postgres -A trust >/dev/null
  cat >>"$1/postgresql.conf" <<EOF
port = $2
listen_addresses = '127.0.0.1'
unix_socket_directories = '$work/sockets'
wal_level = logical
max_wal_size = 4GB
shared_buffers = 512MB
EOF
  as_server "$pg_server_bin/pg_ctl" -D "$1" -l "$1/server.log" -w start >/dev/null
}

token() {
  curl -sf -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$(cat "$work/server/data/initial-admin-password")\"}" \
    "$api/auth/login" | jq -r .token
}

call() { # METHOD PATH [BODY]
  curl -sf -X "$1" -H "Authorization: Bearer $(cat "$work/token")" -H 'Content-Type: application/json' \
    ${3:+-d "$3"} "$api$2"
}

connection() { # NAME PORT
  call POST /connections "{\"name\":\"$1\",\"connector\":\"postgres\",\"properties\":{\"host\":\"127.0.0.1\",
    \"port\":\"$2\",\"database\":\"postgres\",\"user\":\"postgres\",\"sslmode\":\"disable\"}}" | jq -r .id
}

# Creates a project and a task, starts it, and prints "project task".
start_task() { # MODE TABLES_JSON
  local name="bench_$(date +%s%N)"
  local project task
  project=$(call POST /projects "{\"name\":\"$name\",\"type\":\"replication\",
    \"targetConnection\":\"$(cat "$work/target-id")\"}" | jq -r .id)
  task=$(call POST "/projects/$project/tasks" "{\"name\":\"bench\",\"type\":\"landing\",
    \"sourceConnection\":\"$(cat "$work/source-id")\",\"tables\":$2,\"mode\":\"$1\"}" | jq -r .id)
  call POST "/projects/$project/tasks/$task/actions/start" >/dev/null
  echo "$project $task"
}

status() { call GET "/projects/$1/tasks/$2/status"; }

# Deletes earlier benchmark projects (and their slots) and landing schemas.
clean() {
  for project in $(call GET /projects | jq -r '.[] | select(.name | startswith("bench_")) | .id'); do
    call DELETE "/projects/$project" >/dev/null
  done
  psql_target -c "DO \$\$ DECLARE s text; BEGIN FOR s IN SELECT nspname FROM pg_namespace
    WHERE nspname LIKE 'bench%' LOOP EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; END \$\$;"
}

case "${1:-}" in
  setup)
    scale=${2:-20}
    rm -rf "$work" && mkdir -p "$work"
    start_postgres "$work/source" $source_port
    start_postgres "$work/target" $target_port
    "$pg_bin/pgbench" -q -i -s "$scale" -h 127.0.0.1 -p $source_port -U postgres postgres
    psql_target -c "CREATE TABLE public.pgbench_accounts (aid int NOT NULL, bid int, abalance int, filler char(84))"
    cp -r "$root/platform/io.millrace.distribution/target/millrace" "$work/server"
    echo "enabled=false" >"$work/server/etc/io.millrace.demo.cfg"
    # Both databases share this machine's cores with the server: one range per core at a time.
    echo "loadParallelism=${LOAD_PARALLELISM:-$(nproc)}" >"$work/server/etc/io.millrace.engine.cfg"
    "$work/server/bin/millrace" --port $http_port >"$work/server.out" 2>&1 &
    for _ in $(seq 1 300); do
      curl -sf "http://127.0.0.1:$http_port/api/v1/health" >/dev/null && break
      sleep 0.1
    done
    sleep 1 # the metadata store opens in the background
    token >"$work/token"
    connection "bench source" $source_port >"$work/source-id"
    connection "bench target" $target_port >"$work/target-id"
    echo "ready: source :$source_port, target :$target_port, Millrace :$http_port"
    ;;
  full-load)
    clean
    read -r project task < <(start_task full-load '{"tables":[{"schema":"public","table":"pgbench_accounts"}]}')
    # One light poll every 200 ms: on a small machine the polling itself competes for the CPU.
    until status "$project" "$task" | grep -qE '"state":"(stopped|failed)"'; do
      sleep 0.2
    done
    status "$project" "$task" | jq -c '{state, lastError, rows: .tables[0].rowsLoaded}'
    ;;
  pipe)
    psql_target -c "TRUNCATE public.pgbench_accounts"
    psql_source -c "COPY public.pgbench_accounts TO STDOUT" | psql_target -c "COPY public.pgbench_accounts FROM STDIN"
    ;;
  cdc)
    rate=${2:-1000}
    seconds=${3:-30}
    clean
    read -r project task < <(start_task full-load+cdc '{"include":["public.pgbench_%"]}')
    until status "$project" "$task" | jq -e '.state == "cdc"' >/dev/null; do sleep 0.2; done
    before=$(psql_source -At -c "SELECT count(*) FROM pgbench_history")
    throttle=()
    [[ "$rate" != 0 ]] && throttle=(-R "$rate")
    started=$(date +%s.%N)
    "$pg_bin/pgbench" -n -c 4 -j 2 -T "$seconds" "${throttle[@]}" -h 127.0.0.1 -p $source_port -U postgres postgres \
      >"$work/pgbench.out" 2>&1 &
    pgbench=$!
    : >"$work/latency"
    while kill -0 $pgbench 2>/dev/null; do
      status "$project" "$task" | jq -r '.latencyMillis // empty' >>"$work/latency"
      sleep 0.1
    done
    wait $pgbench
    transactions=$(( $(psql_source -At -c "SELECT count(*) FROM pgbench_history") - before ))
    changes=$(( transactions * 4 )) # tpcb-like: three updates and one insert
    until status "$project" "$task" | jq -e ".changesLanded >= $changes" >/dev/null; do sleep 0.05; done
    landed=$(date +%s.%N)
    grep -E "^tps" "$work/pgbench.out" | head -1
    sort -n "$work/latency" | awk -v changes=$changes -v secs="$(echo "$landed - $started" | bc)" '
      { v[NR] = $1 }
      END {
        printf "changes %d landed in %.1f s: %.0f changes/s; latency samples %d: p50 %d ms, p99 %d ms, max %d ms\n",
          changes, secs, changes / secs, NR, v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1], v[NR]
      }'
    ;;
  teardown)
    "$work/server/bin/millrace" stop >/dev/null 2>&1 || true
    as_server "$pg_server_bin/pg_ctl" -D "$work/source" -m fast stop >/dev/null 2>&1 || true
    as_server "$pg_server_bin/pg_ctl" -D "$work/target" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    sed -n '2,20p' "$0"
    exit 2
    ;;
esac
