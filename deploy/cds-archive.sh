#!/usr/bin/env bash
# Builds the application class-data-sharing archive (AppCDS) of the jar: two training runs list the
# classes that a batch `solve` and a short `demo` (embedded broker, ingest, journal, solver,
# publisher, dashboard on an ephemeral loopback port: what the gateway loads before its first
# estimate) load, and one static archive holds
# them, the JDK's and the application's, parsed and verified. A JVM started with
# -XX:SharedArchiveFile=ARCHIVE maps them instead of loading them from the jar (README, Deploy:
# start times).
#
#   deploy/cds-archive.sh [--java PATH] JAR ARCHIVE
#
# The archive is valid only for this Java build and for the jar at this path, size and time; the
# JVM silently ignores a stale or missing one (and starts as without it). deploy/install.sh builds
# it for the installed jar on every install; `mvn package` builds target/sensor-recovery.jsa.
# Classes of pre-Java-6 bytecode (picocli's) and those generated at run time are left out (the
# dump lists them as skipped).
set -euo pipefail

java=java
while [[ $# -gt 0 ]]; do
  case $1 in
    --java) java=$2; shift 2 ;;
    -*) echo "usage: $0 [--java PATH] JAR ARCHIVE" >&2; exit 2 ;;
    *) break ;;
  esac
done
[[ $# -eq 2 ]] || { echo "usage: $0 [--java PATH] JAR ARCHIVE" >&2; exit 2; }
jar=$(realpath "$1")
archive=$2
[[ -f $jar ]] || { echo "error: jar $jar not found" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The Vector API module as deploy/jvm.options adds it: its classes go into the archive too.
modules=--add-modules=jdk.incubator.vector

# A small noiseless rank-one problem for `solve`: d = 12, X* = e1 e1^T + e2 e2^T, y = a1^2 + a2^2.
awk 'BEGIN {
  srand(3)
  for (k = 0; k < 200; k++) {
    line = "{\"device\":\"t\",\"seq\":" k ",\"a\":["
    for (i = 0; i < 12; i++) { a[i] = rand() * 2 - 1; line = line (i ? "," : "") sprintf("%.6f", a[i]) }
    printf "%s],\"y\":%.12g}\n", line, a[0] ^ 2 + a[1] ^ 2
  }
}' >"$work/train.ndjson"
"$java" "$modules" -XX:DumpLoadedClassList="$work/solve.classes" -jar "$jar" \
  solve --kind rank-one --d 12 "$work/train.ndjson" >"$work/solve.log" 2>&1 \
  || { cat "$work/solve.log" >&2; echo "error: the solve training run failed" >&2; exit 1; }
"$java" "$modules" -XX:DumpLoadedClassList="$work/demo.classes" -jar "$jar" \
  demo --duration 2 --http 127.0.0.1:0 --data-dir "$work/data" >"$work/demo.log" 2>&1 \
  || { tail -20 "$work/demo.log" >&2; echo "error: the demo training run failed" >&2; exit 1; }
# One list, first occurrence kept: a class comes after the classes it needs.
awk '!/^#/ && !seen[$0]++' "$work/solve.classes" "$work/demo.classes" >"$work/classes"

rm -f "$archive.new"
"$java" "$modules" -Xshare:dump -XX:SharedClassListFile="$work/classes" -XX:SharedArchiveFile="$archive.new" \
  -cp "$jar" >"$work/dump.log" 2>&1 || { tail -20 "$work/dump.log" >&2; echo "error: the archive dump failed" >&2; exit 1; }
mv "$archive.new" "$archive"
echo "cds-archive: $archive ($(du -h "$archive" | cut -f1), $(wc -l <"$work/classes") classes listed, $(grep -c 'Skipping' "$work/dump.log" || true) skipped) for $jar"
