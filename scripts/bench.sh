#!/usr/bin/env bash
# Measures bind throughput of navixy-gateway against nginx proxy_pass in front of the same
# navixy-sim, on loopback only. Every process is started here and stopped by its PID.
#
# Usage: scripts/bench.sh   (BENCH_SECONDS, BENCH_CONNECTIONS and BENCH_THREADS override)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-32}
threads=${BENCH_THREADS:-1}
hash=22eac1c27af4be7b9d04da2ce1af111b
work=$(mktemp -d)
pids=()

cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_for_port() {
    for _ in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "bench: nothing listens on port $1" >&2
    exit 1
}

# Prints the CPU time, in clock ticks, used so far by the processes $@ and their children.
cpu_ticks() {
    local total=0 pid child
    for pid in "$@"; do
        for child in $pid $(pgrep -P "$pid" || true); do
            # Fields 14 and 15 of /proc/PID/stat: user and system time.
            total=$((total + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0)))
        done
    done
    echo "$total"
}

# Runs wrk against port $2 with script $3 and prints requests/s and the CPU time per request
# of the processes $4... (the server under test), which is steadier than requests/s on a
# machine whose cores are shared with wrk and the simulator.
run_wrk() {
    local label=$1 port=$2 script=$3
    shift 3
    local before after output rate requests
    before=$(cpu_ticks "$@")
    output=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" -s "$script" \
        "http://127.0.0.1:$port")
    after=$(cpu_ticks "$@")
    rate=$(awk '/Requests\/sec/ {print $2}' <<<"$output")
    requests=$(awk '/requests in/ {print $1}' <<<"$output")
    printf '%-44s %10s requests/s %8s us CPU/request\n' "$label" "$rate" \
        "$(awk -v t=$((after - before)) -v n="$requests" -v hz="$(getconf CLK_TCK)" \
            'BEGIN { printf "%.0f", t * 1e6 / hz / n }')"
}

sim_port=$(free_port)
.build/release/navixy-sim --listen "127.0.0.1:$sim_port" --hash "$hash" >"$work/sim.log" &
sim_pid=$!
pids+=($sim_pid)
wait_for_port "$sim_port"

# Starts a gateway logging at level $1 and sets gateway_port. It is not called in a
# subshell, so that its PID reaches the cleanup list.
start_gateway() {
    local level=$1 port
    port=$(free_port)
    cat >"$work/gateway-$level.json" <<JSON
{"listen": "127.0.0.1:$port", "store": "sqlite:$work/gateway-$level.sqlite3",
 "log_level": "$level",
 "regions": {"bench": {"base_url": "http://127.0.0.1:$sim_port/v2"}}}
JSON
    .build/release/navixy-gateway serve --config "$work/gateway-$level.json" \
        >"$work/gateway-$level.log" &
    gateway_pid=$!
    pids+=($gateway_pid)
    wait_for_port "$port"
    curl -sf -X PUT "http://127.0.0.1:$port/v1/subjects/bench-subject/session" \
        -H 'Content-Type: application/json' -d "{\"hash\":\"$hash\",\"region\":\"bench\"}" \
        >/dev/null
    gateway_port=$port
}

nginx_port=$(free_port)
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx;
    proxy_temp_path $work/nginx;
    upstream sim { server 127.0.0.1:$sim_port; keepalive 64; }
    server {
        listen 127.0.0.1:$nginx_port;
        location / {
            proxy_pass http://sim;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
CONF
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
pids+=($nginx_pid)
wait_for_port "$nginx_port"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "wrk: $threads thread(s), $connections connections, ${seconds}s per run"
run_wrk "navixy-sim directly" "$sim_port" scripts/bench/bind-nginx.lua "$sim_pid"
run_wrk "nginx proxy_pass -> navixy-sim" "$nginx_port" scripts/bench/bind-nginx.lua "$nginx_pid"
start_gateway info
run_wrk "navixy-gateway -> navixy-sim (log_level info)" "$gateway_port" \
    scripts/bench/bind-gateway.lua "$gateway_pid"
start_gateway warning
run_wrk "navixy-gateway -> navixy-sim (log_level warning)" "$gateway_port" \
    scripts/bench/bind-gateway.lua "$gateway_pid"
