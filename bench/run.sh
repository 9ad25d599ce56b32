#!/usr/bin/env bash
# One command: builds the JMH benchmarks, runs them and the NumPy reference on the same shapes,
# and prints GFLOP/s (4 m d k flops per iteration, median times) and the time ratio Java/NumPy
# (below 1.0: the Java iteration is faster). Both sides are timed alike: 3 warm-up iterations of
# 1 s, then 50 iterations of 0.1 s (the mean time per call in each), so they sample the machine's
# load over the same spans. Shape by shape, each side runs twice and its faster run counts: NumPy
# before and after JMH, JMH in two forks. "time Java/NumPy" is the ratio of the medians of the iterations; "quiet
# (p10)" the ratio of their 10th percentiles, the machine's quiet moments on either side (on a
# shared machine the fairer figure: NumPy's threads lose far more than Java's to other load).
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
# Shape by shape, NumPy before and after JMH (the two sides minutes apart at most); the faster NumPy
# run is the baseline, so load that comes and goes can only make the ratio look worse for Java.
for shape in $shapes; do
  "$py" "$here/numpy_iteration.py" "$shape" >>"$out/numpy.txt"
  java -jar "$here/jmh/target/benchmarks.jar" RankOneIterationBenchmark -f 2 -wi 3 -w 1s -i 50 -r 100ms \
      -p shape="${shape//,/x}" "$@" -rf json -rff "$out/jmh-$shape.json" >>"$out/jmh.log"
  "$py" "$here/numpy_iteration.py" "$shape" >>"$out/numpy.txt"
done

"$py" - "$out/numpy.txt" "$out"/jmh-*.json <<'PY'
import json, sys
jmh = sorted((r for f in sys.argv[2:] for r in json.load(open(f))), key=lambda r: r["params"]["kernel"])
numpy = {}
for line in open(sys.argv[1]):
    s, ms, gf, p10 = line.split()
    best = min(float(p10), numpy[s][2]) if s in numpy else float(p10)
    if s not in numpy or float(ms) < numpy[s][0]:
        numpy[s] = (float(ms), float(gf), best)
    else:
        numpy[s] = (numpy[s][0], numpy[s][1], best)
import statistics
print(f"{'shape d,k,m':<16}{'kernel':<9}{'Java ms':>9}{'Java GF/s':>11}{'NumPy ms':>10}{'NumPy GF/s':>12}{'time Java/NumPy':>17}{'quiet (p10)':>13}")
for r in jmh:
    p = r["params"]
    shape = p["shape"].replace("x", ",")
    d, k, m = map(int, shape.split(","))
    ms = min(statistics.median(fork) for fork in r["primaryMetric"]["rawData"])
    gf = 4.0 * m * d * k / (ms / 1e3) / 1e9
    p10 = min(sorted(fork)[len(fork) // 10] for fork in r["primaryMetric"]["rawData"])
    nms, ngf, np10 = numpy[shape]
    print(f"{shape:<16}{p['kernel']:<9}{ms:>9.3f}{gf:>11.1f}{nms:>10.3f}{ngf:>12.1f}{ms / nms:>17.2f}{p10 / np10:>13.2f}")
PY
echo "load average (1, 5, 15 min) before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg); JMH log: $out/jmh.log"
