#!/usr/bin/env bash
# One command: builds the JMH benchmarks, runs them and the NumPy reference on the same shapes,
# and prints GFLOP/s (4 m d k flops per iteration, median times) and the time ratio Java/NumPy
# (below 1.0: the Java iteration is faster). Both sides are timed alike (3 warm-up and 5 measured
# iterations of 1 s, the mean time per call in each) and run twice, and the faster run counts on each:
# NumPy before and after JMH, JMH in two forks (the median of each fork's iterations). The column
# "fastest 1 s" is the ratio of each side's fastest one-second iteration (over both runs): the
# machine's quietest moments on either side. The last column is the ratio with the median of all
# JMH iterations instead (load on the machine included).
# Needs a python3 with numpy (Debian: apt-get install python3-numpy). Run on an idle machine.
# Arguments go to JMH, e.g. bench/run.sh -p kernel=best,unsplit (one kernel: -p kernel=best).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shapes="100,100,2500 200,200,10000 500,50,25000"
py=""
for cand in python3 /usr/bin/python3; do
  if "$cand" -c 'import numpy' 2>/dev/null; then py="$cand"; break; fi
done
[ -n "$py" ] || { echo "no python3 with numpy (apt-get install python3-numpy)" >&2; exit 2; }

mvn -q -o -f "$here/jmh/pom.xml" package 2>/dev/null || mvn -q -f "$here/jmh/pom.xml" package
out="$(mktemp -d)"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
# NumPy before and after JMH; the faster of the two is the baseline, so load that comes and goes
# during the run can only make the ratio look worse for Java, never better.
"$py" "$here/numpy_iteration.py" $shapes >"$out/numpy.txt"
java -jar "$here/jmh/target/benchmarks.jar" RankOneIterationBenchmark -f 2 "$@" -rf json -rff "$out/jmh.json" >"$out/jmh.log"
"$py" "$here/numpy_iteration.py" $shapes >>"$out/numpy.txt"

"$py" - "$out/jmh.json" "$out/numpy.txt" <<'PY'
import json, sys
jmh = json.load(open(sys.argv[1]))
numpy = {}
for line in open(sys.argv[2]):
    s, ms, gf, fastest = line.split()
    best = min(float(fastest), numpy[s][2]) if s in numpy else float(fastest)
    if s not in numpy or float(ms) < numpy[s][0]:
        numpy[s] = (float(ms), float(gf), best)
    else:
        numpy[s] = (numpy[s][0], numpy[s][1], best)
import statistics
print(f"{'shape d,k,m':<16}{'kernel':<9}{'Java ms':>9}{'Java GF/s':>11}{'NumPy ms':>10}{'NumPy GF/s':>12}{'time Java/NumPy':>17}{'fastest 1 s':>13}{'(all iterations)':>18}")
for r in jmh:
    p = r["params"]
    shape = p["shape"].replace("x", ",")
    d, k, m = map(int, shape.split(","))
    ms = min(statistics.median(fork) for fork in r["primaryMetric"]["rawData"])
    every = r["primaryMetric"]["scorePercentiles"]["50.0"]
    gf = 4.0 * m * d * k / (ms / 1e3) / 1e9
    fastest = min(min(fork) for fork in r["primaryMetric"]["rawData"])
    nms, ngf, nfastest = numpy[shape]
    print(f"{shape:<16}{p['kernel']:<9}{ms:>9.3f}{gf:>11.1f}{nms:>10.3f}{ngf:>12.1f}{ms / nms:>17.2f}"
          f"{fastest / nfastest:>13.2f}{every / nms:>18.2f}")
PY
echo "load average (1, 5, 15 min) before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg); JMH log: $out/jmh.log"
