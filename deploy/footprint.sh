#!/usr/bin/env bash
# Footprint of the gateway with the deploy JVM flags: a d=64 rank-one array (rank 3) on the embedded
# broker, fed N measurements per second by mosquitto_pub; measures the resident set (VmRSS, sampled
# every 0.5 s: median and peak), the time from process start to the first retained estimate, the CPU
# used, and the time a SIGTERM takes to stop it (the checkpoint).
#
#   deploy/footprint.sh [--java PATH] [--options FILE] [--jar JAR] [--archive JSA|none] [--duration S] [--rate N]
#
# --options: a java @argfile (default deploy/jvm.options, the flags the systemd unit uses); the
# environment is the unit's (its Environment= lines). --archive: the class-data-sharing archive in
# place of the installed one that jvm.options names (default target/sensor-recovery.jsa when present,
# built by mvn package or deploy/cds-archive.sh; none: without one).
# Needs: target/sensor-recovery.jar, mosquitto-clients, awk.
set -euo pipefail
cd "$(dirname "$0")/.."

java=java
options=deploy/jvm.options
jar=target/sensor-recovery.jar
archive=
duration=60
rate=1000
d=64
while [[ $# -gt 0 ]]; do
  case $1 in
    --java) java=$2; shift 2 ;;
    --options) options=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    --archive) archive=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    *) echo "usage: $0 [--java PATH] [--options FILE] [--jar JAR] [--archive JSA|none] [--duration S] [--rate N]" >&2; exit 2 ;;
  esac
done
[[ -f $jar ]] || { echo "error: $jar not found: build it first (mvn -q -B -ntp package -DskipTests)" >&2; exit 1; }
[[ -n $archive ]] || { archive=none; [[ -f target/sensor-recovery.jsa ]] && archive=target/sensor-recovery.jsa; }
# A later -XX:SharedArchiveFile wins over the installed path in the options file.
share=()
if [[ $archive != none ]]; then
  [[ -f $archive ]] || { echo "error: archive $archive not found: build it (deploy/cds-archive.sh $jar $archive)" >&2; exit 1; }
  share=(-XX:SharedArchiveFile="$archive")
fi
[[ -f $options ]] || { echo "error: JVM options file $options not found" >&2; exit 1; }
for tool in mosquitto_pub mosquitto_sub awk; do
  command -v $tool >/dev/null || { echo "error: $tool not found: apt-get install mosquitto-clients gawk" >&2; exit 1; }
done

# The service's environment (OPENBLAS_NUM_THREADS, MALLOC_ARENA_MAX): measure what runs.
while read -r assignment; do
  export "${assignment?}"
done < <(sed -n 's/^Environment=//p' deploy/sensor-recovery.service | tr ' ' '\n')

work=$(mktemp -d)
pid=
pacer=
feeder=
cleanup() {
  local p
  for p in $pacer $feeder $pid; do
    if kill -0 "$p" 2>/dev/null; then kill -9 "$p"; fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

source "$(dirname "${BASH_SOURCE[0]}")/checks.sh"
port=$(free_port)

cat >"$work/footprint.yaml" <<YAML
runtimeId: footprint
embeddedBroker:
  port: $port
dataDir: $work/data
publishInterval: 1s
arrays:
  - id: fp$d
    kind: rank-one
    d: $d
    window: 4096
YAML

# The stream: X* = U U^T, U d x 3 Gaussian; a ~ N(0, I); y = a^T X* a computed from the printed a.
total=$((duration * rate))
awk -v d="$d" -v n="$total" 'BEGIN {
  srand(7)
  for (s = 0; s < 3; s++) for (i = 0; i < d; i++) u[s, i] = gauss() / sqrt(d)
  for (k = 0; k < n; k++) {
    line = "{\"device\":\"d1\",\"seq\":" k ",\"a\":["
    for (s = 0; s < 3; s++) p[s] = 0
    for (i = 0; i < d; i++) {
      a = sprintf("%.6f", gauss()) + 0
      line = line (i ? "," : "") sprintf("%.6f", a)
      for (s = 0; s < 3; s++) p[s] += u[s, i] * a
    }
    printf "%s],\"y\":%.12g}\n", line, p[0] ^ 2 + p[1] ^ 2 + p[2] ^ 2
  }
}
function gauss() { return sqrt(-2 * log(1 - rand())) * cos(6.283185307179586 * rand()) }' >"$work/stream.ndjson"

now_ms() { echo $(($(date +%s%N) / 1000000)); }
t0=$(now_ms)
"$java" @"$options" "${share[@]}" -jar "$jar" run --config "$work/footprint.yaml" >"$work/run.log" 2>&1 &
pid=$!
# Ready: its client has subscribed (the embedded broker keeps no session, so earlier messages are lost).
until grep -q '^sensor-recovery running' "$work/run.log"; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/run.log" >&2; echo "error: the runtime exited before it was ready" >&2; exit 1; }
  (($(now_ms) - t0 < 60000)) || { echo "error: the runtime was not ready within 60 s" >&2; exit 1; }
  sleep 0.02
done
# "running" is printed once the client is connected; the subscription may still be on its way. A
# probe that the runtime refuses (no seq) comes back on the rejected topic once it is subscribed.
mosquitto_sub -h 127.0.0.1 -p "$port" -i footprint-probe -q 1 -t "sensors/fp$d/rejected" -C 1 -W 30 >/dev/null &
probe=$!
while kill -0 "$probe" 2>/dev/null; do
  mosquitto_pub -h 127.0.0.1 -p "$port" -i footprint-probe-pub -q 1 -t "sensors/fp$d/m" -m '{"probe":1}' || true
  sleep 0.05
done
wait "$probe" || { echo "error: the runtime did not subscribe within 30 s" >&2; exit 1; }
t_ready=$(now_ms)

# Paced feed: each tenth of a second's lines go to mosquitto_pub (one message a line) at its start.
mkfifo "$work/feed"
mosquitto_pub -h 127.0.0.1 -p "$port" -q 1 -i footprint-device -t "sensors/fp$d/m" -l <"$work/feed" &
feeder=$!
split -a 5 -d -l $((rate / 10)) "$work/stream.ndjson" "$work/chunk."
(
  start=$(now_ms)
  for ((s = 0; s < duration * 10; s++)); do
    cat "$work/chunk.$(printf '%05d' "$s")"
    wait_ms=$((start + (s + 1) * 100 - $(now_ms)))
    if ((wait_ms > 0)); then sleep "0.$(printf '%03d' "$wait_ms")"; fi
  done
) >"$work/feed" &
pacer=$!

mosquitto_sub -h 127.0.0.1 -p "$port" -i footprint-first -q 1 -t "sensors/fp$d/estimate" -C 1 -W 60 >"$work/first.json" \
  || { echo "error: no estimate within 60 s of the runtime being ready" >&2; exit 1; }
t_first=$(now_ms)

rss_samples=()
while kill -0 "$feeder" 2>/dev/null; do
  rss_samples+=("$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")")
  sleep 0.5
done
wait "$feeder" || { echo "error: mosquitto_pub failed" >&2; exit 1; }
feeder=
pacer=
field() { sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p" "$2"; }
# The estimate of the whole stream: at most a publish interval plus one refine after the last message.
for ((i = 0; i < 30; i++)); do
  rss_samples+=("$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")")
  mosquitto_sub -h 127.0.0.1 -p "$port" -i footprint-last -t "sensors/fp$d/estimate" -C 1 -W 10 >"$work/last.json"
  [[ $(field measurements "$work/last.json") == "$total" ]] && break
  sleep 1
done
read -r utime stime < <(awk '{ print $14, $15 }' "/proc/$pid/stat")
# Anonymous (heap, metaspace, code, thread stacks, native) vs file-backed (jar, JVM libraries, journal mmap).
rss_split=$(awk '/^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 } END { printf "anonymous %d MB, file-backed %d MB", a / 1024, f / 1024 }' "/proc/$pid/status")
threads=$(awk '/^Threads:/ { print $2 }' "/proc/$pid/status")
ticks=$(getconf CLK_TCK)

t_stop=$(now_ms)
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
stop_ms=$(($(now_ms) - t_stop))

measurements=$(field measurements "$work/last.json")
rank=$(field rank "$work/last.json")
residual=$(field residual "$work/last.json")
read -r median peak < <(printf '%s\n' "${rss_samples[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)], v[NR] }')
cpu_s=$(awk -v t=$((utime + stime)) -v k="$ticks" 'BEGIN { printf "%.1f", t / k }')

echo "footprint: java $("$java" -version 2>&1 | head -1 | cut -d'"' -f2), $jar, archive $archive, flags $(grep -v '^#' "$options" | paste -sd' '), env OPENBLAS_NUM_THREADS=$OPENBLAS_NUM_THREADS MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX"
echo "footprint: d=$d rank-one, $rate measurements/s for $duration s ($total sent, $measurements in the last estimate, rank $rank, residual $residual)"
echo "footprint: RSS median $((median / 1024)) MB, peak $((peak / 1024)) MB ($((${#rss_samples[@]})) samples; at the end $rss_split; $threads threads)"
echo "footprint: start to ready (broker up, subscribed) $((t_ready - t0)) ms, start to first estimate $((t_first - t0)) ms"
echo "footprint: CPU $cpu_s s over the run; SIGTERM to exit $stop_ms ms (exit $status)"
if [[ $measurements != "$total" || $rank != 3 ]] || grep -q OutOfMemoryError "$work/run.log"; then
  grep -E 'ERROR|Exception|OutOfMemory' "$work/run.log" | head -5 >&2 || true
  echo "error: the runtime did not keep up: $measurements of $total measurements in the last estimate, rank $rank (truth 3)" >&2
  exit 1
fi
