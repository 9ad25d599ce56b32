#!/usr/bin/env bash
# Whole-process time of a short command: `solve` of a noiseless rank-one problem, d = 100, r = 5,
# m = 2500 (the ndjson file is generated first), from the shell's fork to the process's exit, with
# and without the application class-data-sharing archive, C1 only and the Serial GC. The configurations run in
# turn, ROUNDS times, so that load coming and going on the machine hits them alike; prints the median
# wall time and the median CPU time (user + sys, steadier on a busy machine) of each. The last
# configuration is what the installed command line (deploy/sensor-recovery) runs a short command with.
#
#   bench/start.sh [--jar JAR] [--archive JSA] [--baseline-jar JAR] [--rounds N]
#
# --archive: default target/sensor-recovery.jsa (mvn package builds it; else deploy/cds-archive.sh).
# --baseline-jar: also time another build's jar (defaults only), e.g. the one before a change.
# Needs /usr/bin/time (Debian: apt-get install time) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/sensor-recovery.jar
archive=target/sensor-recovery.jsa
baseline=
rounds=11
while [[ $# -gt 0 ]]; do
  case $1 in
    --jar) jar=$2; shift 2 ;;
    --archive) archive=$2; shift 2 ;;
    --baseline-jar) baseline=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "usage: $0 [--jar JAR] [--archive JSA] [--baseline-jar JAR] [--rounds N]" >&2; exit 2 ;;
  esac
done
[[ -f $jar ]] || { echo "error: $jar not found: build it first (mvn -q -B -ntp package -DskipTests)" >&2; exit 1; }
[[ -f $archive ]] || { echo "error: $archive not found: deploy/cds-archive.sh $jar $archive" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "error: /usr/bin/time not found: apt-get install time" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# X* = U U^T with U (100 x 5) Gaussian / 10; a ~ N(0, I); y = ||U^T a||^2.
awk 'BEGIN {
  srand(11); d = 100; r = 5
  for (s = 0; s < r; s++) for (i = 0; i < d; i++) u[s, i] = gauss() / 10
  for (k = 0; k < 2500; k++) {
    line = "{\"device\":\"b\",\"seq\":" k ",\"a\":["
    for (s = 0; s < r; s++) p[s] = 0
    for (i = 0; i < d; i++) {
      a = sprintf("%.6f", gauss()) + 0
      line = line (i ? "," : "") sprintf("%.6f", a)
      for (s = 0; s < r; s++) p[s] += u[s, i] * a
    }
    y = 0; for (s = 0; s < r; s++) y += p[s] ^ 2
    printf "%s],\"y\":%.15g}\n", line, y
  }
}
function gauss() { return sqrt(-2 * log(1 - rand())) * cos(6.283185307179586 * rand()) }' >"$work/in.ndjson"

solve=(solve --kind rank-one --d 100 "$work/in.ndjson")
labels=("defaults" "archive" "archive, C1, Serial GC")
commands=("java -jar $jar ${solve[*]}"
  "java -XX:SharedArchiveFile=$archive -jar $jar ${solve[*]}"
  "java -XX:SharedArchiveFile=$archive -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar $jar ${solve[*]}")
if [[ -n $baseline ]]; then
  labels=("baseline jar, defaults" "${labels[@]}")
  commands=("java -jar $baseline ${solve[*]}" "${commands[@]}")
fi
for ((r = 0; r < rounds; r++)); do
  for i in "${!commands[@]}"; do
    /usr/bin/time -f "$i %e %U %S" -a -o "$work/times" ${commands[$i]} >"$work/out" 2>&1 \
      || { tail -5 "$work/out" >&2; echo "error: ${labels[$i]} failed" >&2; exit 1; }
  done
done
echo "start: solve d=100 r=5 m=2500 (rank-one, noiseless), $rounds rounds, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/times" "${labels[@]}" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.split() and l.split()[0].isdigit()]
base = None
for i, label in enumerate(sys.argv[2:]):
    wall = [float(r[1]) * 1000 for r in rows if int(r[0]) == i]
    cpu = [(float(r[2]) + float(r[3])) * 1000 for r in rows if int(r[0]) == i]
    w, c = statistics.median(wall), statistics.median(cpu)
    base = base or (w, c)
    print(f"start: {label:<24} wall median {w:6.0f} ms (min {min(wall):5.0f}, max {max(wall):5.0f}, {w / base[0]:.2f}x)"
          f"  CPU median {c:6.0f} ms ({c / base[1]:.2f}x)")
PY
