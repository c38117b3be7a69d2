#!/usr/bin/env python3
"""PyTorch side of the GEMM comparison: the same shapes and method as dev.myelin.bench.GemmBench.

Reads the shape table (name m n k tA tB, tab-separated; GemmBench --list prints it) from the file
given with --shapes, times C = op(A) @ op(B) into a preallocated C (transposes are views, as in
Myelin no copy is made), and prints: name, m, n, k, tA, tB, median GFLOP/s, min, max, us.
"""
import argparse
import statistics
import time

import torch


def measure(m, n, k, ta, tb, reps, batch_ms, warm_ms):
    g = torch.Generator().manual_seed(42)
    a = torch.rand((k, m) if ta else (m, k), generator=g) - 0.5
    b = torch.rand((n, k) if tb else (k, n), generator=g) - 0.5
    opa = a.t() if ta else a
    opb = b.t() if tb else b
    c = torch.empty(m, n)
    flops = 2.0 * m * n * k
    calls = 0
    t0 = time.perf_counter()
    while calls < 3 or time.perf_counter() - t0 < warm_ms / 1e3:
        torch.matmul(opa, opb, out=c)
        calls += 1
    per_call = (time.perf_counter() - t0) / calls
    iters = max(1, min(1_000_000, int(batch_ms / 1e3 / per_call)))
    rates = []
    for _ in range(reps):
        start = time.perf_counter()
        for _ in range(iters):
            torch.matmul(opa, opb, out=c)
        rates.append(flops * iters / (time.perf_counter() - start) / 1e9)
    return statistics.median(rates), min(rates), max(rates)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--shapes", required=True, help="shape table from GemmBench --list")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--reps", type=int, default=7)
    p.add_argument("--batch-ms", type=float, default=60)
    p.add_argument("--only", default=None, help="comma-separated shape names")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_grad_enabled(False)
    only = set(args.only.split(",")) if args.only else None
    shapes = []
    with open(args.shapes) as f:
        for line in f:
            name, m, n, k, ta, tb = line.split()
            if only is None or name in only:
                shapes.append((name, int(m), int(n), int(k), ta == "T", tb == "T"))
    for name, m, n, k, ta, tb in shapes:  # untimed pass, as GemmBench does
        measure(m, n, k, ta, tb, 1, 20, 150)
    print(f"# torch {torch.__version__} threads={torch.get_num_threads()} reps={args.reps}")
    print("name\tm\tn\tk\ttA\ttB\tgflops\tmin\tmax\tus")
    for name, m, n, k, ta, tb in shapes:
        med, lo, hi = measure(m, n, k, ta, tb, args.reps, args.batch_ms, 300)
        us = 2.0 * m * n * k / med / 1e3
        print(f"{name}\t{m}\t{n}\t{k}\t{'T' if ta else 'N'}\t{'T' if tb else 'N'}\t"
              f"{med:.2f}\t{lo:.2f}\t{hi:.2f}\t{us:.2f}", flush=True)


if __name__ == "__main__":
    main()
