#!/usr/bin/env python3
"""NumPy reference of one rank-one sensing iteration (the same work as RankOneIterationBenchmark):
B = A @ U; r = rowSquares(B) - y; G = A.T @ (r[:, None] * B). Prints one line per shape:
`d,k,m median_ms gflops` with 4*m*d*k flops per iteration."""
import sys
import time

import numpy as np


def bench(d, k, m, repeats=30):
    rng = np.random.default_rng(1)
    a = rng.standard_normal((m, d))
    y = rng.random(m)
    u = 0.1 * rng.standard_normal((d, k))
    for _ in range(5):
        b = a @ u
        r = (b * b).sum(axis=1) - y
        g = a.T @ (r[:, None] * b)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        b = a @ u
        r = (b * b).sum(axis=1) - y
        g = a.T @ (r[:, None] * b)
        times.append(time.perf_counter() - t0)
    med = sorted(times)[len(times) // 2]
    return med * 1e3, 4.0 * m * d * k / med / 1e9


if __name__ == "__main__":
    shapes = sys.argv[1:] or ["100,100,2500", "200,200,10000", "500,50,25000"]
    for s in shapes:
        d, k, m = map(int, s.split(","))
        ms, gf = bench(d, k, m)
        print(f"{s} {ms:.3f} {gf:.1f}")
