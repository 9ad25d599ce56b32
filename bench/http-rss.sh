#!/usr/bin/env bash
# What the HTTP layer adds to the runtime's resident memory: `demo` with --no-http against `demo`
# with the dashboard's event stream open and /metrics scraped every second (loopback only).
# VmRSS from /proc near the end of each run, and the live heap after a full GC (jcmd); runs
# alternate; prints each and the medians. JAVA_OPTS (default: a fixed, pre-touched 256 MB heap)
# keeps G1's heap sizing, which moves RSS by tens of MB from run to run, out of the comparison;
# JAVA_OPTS= measures with the JVM's defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/sensor-recovery.jar
RUNS=${RUNS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-30}
PORT=${PORT:-18097}
JAVA_OPTS=${JAVA_OPTS--Xms256m -Xmx256m -XX:+AlwaysPreTouch}

rss_of() { # mode -> "VmRSS-kB live-heap-kB"
  local mode=$1 pid load=() rss live
  if [[ $mode == off ]]; then
    # shellcheck disable=SC2086
    java $JAVA_OPTS -jar "$JAR" demo --no-http --duration "$SECONDS_PER_RUN" >/dev/null 2>&1 &
  else
    # shellcheck disable=SC2086
    java $JAVA_OPTS -jar "$JAR" demo --http 127.0.0.1:$PORT --duration "$SECONDS_PER_RUN" >/dev/null 2>&1 &
  fi
  pid=$!
  if [[ $mode == on ]]; then
    sleep 3
    curl -sN "http://127.0.0.1:$PORT/api/events" >/dev/null 2>&1 & load+=($!)
    ( for ((i = 0; i < SECONDS_PER_RUN; i++)); do curl -s -o /dev/null "http://127.0.0.1:$PORT/metrics" || true; sleep 1; done ) &
    load+=($!)
  fi
  sleep $((SECONDS_PER_RUN - 3))
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  jcmd "$pid" GC.run >/dev/null 2>&1 || true
  live=$(jcmd "$pid" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {gsub(/K,?/, "", $6); print $6}')
  wait "$pid" || true
  for p in "${load[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  echo "$rss ${live:-0}"
}

off=(); on=(); offLive=(); onLive=()
for ((r = 1; r <= RUNS; r++)); do
  read -r a al < <(rss_of off); off+=("$a"); offLive+=("$al"); echo "run $r: --no-http VmRSS $a kB, live heap $al kB"
  read -r b bl < <(rss_of on); on+=("$b"); onLive+=("$bl"); echo "run $r: HTTP + SSE + scrapes VmRSS $b kB, live heap $bl kB"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
mo=$(median "${off[@]}"); mn=$(median "${on[@]}")
lo=$(median "${offLive[@]}"); ln=$(median "${onLive[@]}")
echo "JAVA_OPTS='$JAVA_OPTS', median of $RUNS: VmRSS --no-http $mo kB, with HTTP $mn kB, delta $((mn - mo)) kB;" \
  "live heap after GC $lo kB vs $ln kB, delta $((ln - lo)) kB"
