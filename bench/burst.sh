#!/usr/bin/env bash
# The largest burst of single QoS 1 measurements that reaches a subscriber whole through a stock
# Mosquitto (max_inflight_messages 20, max_queued_messages 1000: its defaults), for the runtime on
# MQTT 3.1.1 and on MQTT v5, each with journal.sync none and batch, and for `mosquitto_sub -q 1 -c`.
# Each run starts a fresh broker (only a listener line and allow_anonymous, which Mosquitto 2.0 needs
# to let anyone in on a listener) and a fresh subscriber with a persistent session, publishes N
# measurements (rank-one, d = 32, seq 0..) with `mosquitto_pub -l -q 1` from a pre-generated file,
# then counts what arrived: `accepted` from /api/arrays for the runtime, lines for mosquitto_sub.
# One mosquitto_pub sends at most 24000 (a larger input loses lines inside mosquitto_pub 2.0.11:
# of 96000 lines the broker received 30467, with no subscriber at all), so a larger burst is
# several devices of 24000 publishing at once. For each subscriber the ladder of N stops at the
# first burst whose median count (over RUNS runs) falls short.
#
#   bench/burst.sh                                  # all five subscribers, N = 1000 1500 3000 ... 96000
#   SIZES="1500 6000" RUNS=5 bench/burst.sh v5-batch v3-batch sub
#
# Needs: java 17, mosquitto and mosquitto-clients 2.0, python3, curl; the runtime jar
# (JAR, default target/sensor-recovery.jar: mvn -q -B package -DskipTests).
# Prints one line per run and a table (markdown) of medians at the end; details in $WORK.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$here/target/sensor-recovery.jar}
SIZES=${SIZES:-"1000 1500 3000 6000 12000 24000 48000 96000"}
RUNS=${RUNS:-3}
SETTLE=${SETTLE:-3}       # seconds without a new arrival after which a burst counts as done
WORK=${WORK:-$(mktemp -d /tmp/burst.XXXXXX)}
KINDS=("$@")
[ ${#KINDS[@]} -gt 0 ] || KINDS=(sub v3-none v3-batch v5-none v5-batch)
MOSQUITTO=$(command -v mosquitto || echo /usr/sbin/mosquitto)
[ -f "$JAR" ] || { echo "no $JAR: mvn -q -B package -DskipTests" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# The measurements: X* of rank 3, a ~ N(0, I), y = a^T X* a; one JSON object per line, device
# burst-K for lines 24000 K to 24000 K + 23999 (one publisher each).
largest=0; for n in $SIZES; do [ "$n" -gt "$largest" ] && largest=$n; done
python3 - "$largest" > "$WORK/measurements.ndjson" <<'PY'
import json, random, sys
random.seed(7)
d, r = 32, 3
v = [[random.gauss(0, 1) for _ in range(d)] for _ in range(r)]
for seq in range(int(sys.argv[1])):
    a = [round(random.gauss(0, 1), 6) for _ in range(d)]
    y = sum(sum(vi * ai for vi, ai in zip(vs, a)) ** 2 for vs in v)
    print(json.dumps({"device": "burst-%d" % (seq // 24000), "seq": seq, "a": a, "y": y}, separators=(",", ":")))
PY

start_broker() {  # $1 port, $2 dir
    printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$1" > "$2/mosquitto.conf"
    "$MOSQUITTO" -c "$2/mosquitto.conf" > "$2/mosquitto.log" 2>&1 &
    pids+=($!); echo $!
    for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.05; done
    echo "mosquitto did not listen on $1" >&2; return 1
}

accepted() {  # $1 http port: the array's accepted counter
    curl -sf "http://127.0.0.1:$1/api/arrays" | python3 -c '
import json, sys
doc = json.load(sys.stdin)
arrays = doc["arrays"] if isinstance(doc, dict) else doc
print(int(next(a for a in arrays if a["id"] == "burst")["counters"]["accepted"]))'
}

# Waits until count ($1: a command printing a number) has not changed for SETTLE s; prints it.
settle() {
    local last=-1 same=0 now
    while [ "$same" -lt $((SETTLE * 10)) ]; do
        now=$($1 2>/dev/null || echo -1)
        if [ "$now" = "$last" ]; then same=$((same + 1)); else same=0; last=$now; fi
        sleep 0.1
    done
    echo "$last"
}

PER_PUBLISHER=24000
publish() {  # $1 N, $2 port: N measurements, one mosquitto_pub per 24000, all at once
    local from=1 jobs=()
    while [ "$from" -le "$1" ]; do
        local to=$((from + PER_PUBLISHER - 1)); [ "$to" -le "$1" ] || to=$1
        sed -n "${from},${to}p" "$WORK/measurements.ndjson" | mosquitto_pub -h 127.0.0.1 -p "$2" -q 1 -t sensors/burst/m -l &
        jobs+=($!); from=$((to + 1))
    done
    wait "${jobs[@]}"
}

run_sub() {  # $1 N, $2 dir; prints the count
    local port; port=$(free_port)
    local broker; broker=$(start_broker "$port" "$2")
    # Make the persistent session and its subscription first, so the burst finds it.
    mosquitto_sub -h 127.0.0.1 -p "$port" -q 1 -c -i burst-sub -t sensors/burst/m -E
    mosquitto_sub -h 127.0.0.1 -p "$port" -q 1 -c -i burst-sub -t sensors/burst/m > "$2/received" &
    local sub=$!; pids+=($sub)
    sleep 0.5
    publish "$1" "$port"
    settle "lines $2/received"
    kill "$sub" "$broker" 2>/dev/null || true; wait "$sub" "$broker" 2>/dev/null || true
}

run_runtime() {  # $1 N, $2 dir, $3 protocol, $4 journal.sync; prints the count
    local port http; port=$(free_port); http=$(free_port)
    local broker; broker=$(start_broker "$port" "$2")
    cat > "$2/gateway.yaml" <<YAML
runtimeId: burst
broker:
  url: tcp://127.0.0.1:$port
  protocol: "$3"
dataDir: $2/data
journal:
  sync: $4
http:
  port: $http
arrays:
  - id: burst
    kind: rank-one
    d: 32
YAML
    java -jar "$JAR" run --config "$2/gateway.yaml" > "$2/runtime.log" 2>&1 &
    local rt=$!; pids+=($rt)
    for _ in $(seq 300); do curl -sf "http://127.0.0.1:$http/healthz" > /dev/null && break; sleep 0.1; done
    publish "$1" "$port"
    settle "accepted $http"
    kill "$rt" "$broker" 2>/dev/null || true; wait "$rt" "$broker" 2>/dev/null || true
}

lines() { wc -l < "$1" | tr -d ' '; }

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

declare -A table
for kind in "${KINDS[@]}"; do
    for n in $SIZES; do
        counts=()
        for run in $(seq "$RUNS"); do
            dir="$WORK/$kind-$n-$run"; mkdir -p "$dir"
            case $kind in
                sub) c=$(run_sub "$n" "$dir") ;;
                v3-none) c=$(run_runtime "$n" "$dir" 3.1.1 none) ;;
                v3-batch) c=$(run_runtime "$n" "$dir" 3.1.1 batch) ;;
                v5-none) c=$(run_runtime "$n" "$dir" 5 none) ;;
                v5-batch) c=$(run_runtime "$n" "$dir" 5 batch) ;;
                *) echo "unknown subscriber $kind (sub, v3-none, v3-batch, v5-none, v5-batch)" >&2; exit 2 ;;
            esac
            drops=$(grep -c "Outgoing messages are being dropped" "$dir/mosquitto.log" || true)
            echo "$kind N=$n run $run: $c of $n (broker drop warnings: $drops)"
            counts+=("$c")
        done
        m=$(printf '%s\n' "${counts[@]}" | median)
        table[$kind,$n]="$m"
        [ "$m" -eq "$n" ] || break
    done
done

echo
printf '| burst N |'; for kind in "${KINDS[@]}"; do printf ' %s |' "$kind"; done; echo
printf '|---|'; for _ in "${KINDS[@]}"; do printf '%s' '---|'; done; echo
for n in $SIZES; do
    printf '| %s |' "$n"
    for kind in "${KINDS[@]}"; do printf ' %s |' "${table[$kind,$n]:--}"; done; echo
done
echo "(median of $RUNS runs: measurements that arrived; '-' not run, a smaller burst already fell short; details in $WORK)"
