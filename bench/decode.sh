#!/usr/bin/env bash
# Decode throughput of measurement messages (rank-one, d = 16): the byte decoder (MeasurementCodec)
# against the Jackson decoder it replaced, in batches of 100 and one per message, in the same run.
# Prints the median measurements/s over all measured iterations of all forks, and the ratio.
# Extra arguments go to JMH (e.g. -f 1 -i 3 for a quick look). Run on an idle machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mvn -q -o -f "$here/jmh/pom.xml" package
out="$(mktemp -d)"
java -jar "$here/jmh/target/benchmarks.jar" MeasurementDecodeBenchmark -rf json -rff "$out/jmh.json" "$@" >"$out/jmh.log"
python3 - "$out/jmh.json" <<'PY'
import json, statistics, sys
runs = {}
for r in json.load(open(sys.argv[1])):
    p = r["params"]
    raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
    runs[(p["messages"], p["decoder"])] = (statistics.median(raw), min(raw), max(raw), len(raw))
print("%-8s %-8s %14s %14s %14s %4s" % ("messages", "decoder", "median/s", "min/s", "max/s", "n"))
for (m, d), (med, lo, hi, n) in sorted(runs.items()):
    print("%-8s %-8s %14.0f %14.0f %14.0f %4d" % (m, d, med, lo, hi, n))
for m in sorted({k[0] for k in runs}):
    if (m, "bytes") in runs and (m, "jackson") in runs:
        print("%s: bytes/jackson = %.2f" % (m, runs[(m, "bytes")][0] / runs[(m, "jackson")][0]))
PY
rm -rf "$out"
