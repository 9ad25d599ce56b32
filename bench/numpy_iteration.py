#!/usr/bin/env python3
"""NumPy reference of one rank-one sensing iteration (the same work as RankOneIterationBenchmark):
B = A @ U; r = rowSquares(B) - y; G = A.T @ (r[:, None] * B). Timed the way bench/run.sh has JMH
time the Java side (3 warm-up iterations of 1 s, then 50 measured iterations of 0.1 s, the mean time
per call in each), so both sides sample the machine's load over the same spans. Prints one line per
shape: `d,k,m median_ms gflops p10_ms` (the median and the 10th percentile of the 50 iterations;
the 10th percentile is the machine's quiet moments) with 4*m*d*k flops per iteration."""
import sys
import time

import numpy as np


def iteration(a, u, y):
    b = a @ u
    r = (b * b).sum(axis=1) - y
    return a.T @ (r[:, None] * b)


def timed(a, u, y, seconds):
    """Mean seconds per call over calls made for about `seconds` (one JMH iteration)."""
    n = 0
    t0 = time.perf_counter()
    while True:
        iteration(a, u, y)
        n += 1
        elapsed = time.perf_counter() - t0
        if elapsed >= seconds:
            return elapsed / n


def bench(d, k, m, warmups=3, iterations=50, seconds=0.1):
    rng = np.random.default_rng(1)
    a = rng.standard_normal((m, d))
    y = rng.random(m)
    u = 0.1 * rng.standard_normal((d, k))
    for _ in range(warmups):
        timed(a, u, y, 1.0)
    times = sorted(timed(a, u, y, seconds) for _ in range(iterations))
    med = times[len(times) // 2]
    return med * 1e3, 4.0 * m * d * k / med / 1e9, times[len(times) // 10] * 1e3


if __name__ == "__main__":
    shapes = sys.argv[1:] or ["100,100,2500", "200,200,10000", "500,50,25000"]
    for s in shapes:
        d, k, m = map(int, s.split(","))
        ms, gf, p10 = bench(d, k, m)
        print(f"{s} {ms:.3f} {gf:.1f} {p10:.3f}")
