#!/usr/bin/env python3
"""PyTorch twins of dev.myelin.bench.ViewsBench, UnrollBench and BmmBench (same shapes, same method).

  views_torch.py views  [--reps N] [--size N]           us per view op on a size x size tensor
  views_torch.py unroll [--reps N] [--T 32,128,512] [--loss last,all]   RNN-style unroll: fwd / bwd ms
  views_torch.py bmm --shapes FILE [--reps N] [--only a,b]   batched attention products, GFLOP/s

Threads: --threads N calls torch.set_num_threads(N); without it torch keeps what OMP_NUM_THREADS
(and OPENBLAS_NUM_THREADS for the BLAS) say, so compare.sh can try the thread splits from outside.
Output is tab-separated with a header line starting with "name"; lines starting with # are comments.
"""
import argparse
import os
import statistics
import time

import torch


def header(what, reps):
    print(f"# torch {torch.__version__} {what} threads={torch.get_num_threads()} "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', '-')} "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '-')} reps={reps}")


def views(args):
    n = args.size
    g = torch.Generator().manual_seed(42)
    x = torch.randn(n, n, generator=g)
    xg = torch.randn(n, n, generator=g).requires_grad_(True)
    ops = [
        ("transpose", lambda t: t.transpose(0, 1), x),
        ("permute", lambda t: t.permute(1, 0), x),
        ("narrow", lambda t: t.narrow(0, n // 4, n // 2), x),
        ("slice_step2", lambda t: t[:, 0:n:2], x),
        ("select", lambda t: t.select(0, 7), x),
        ("expand", lambda t: t.expand(4, n, n), x),
        ("chunk4", lambda t: t.chunk(4, 0), x),
        ("unfold", lambda t: t.unfold(1, 64, 64), x),
        ("transpose_grad", lambda t: t.transpose(0, 1), xg),
        ("slice_step2_grad", lambda t: t[:, 0:n:2], xg),
        ("contiguous_T", lambda t: t.t().contiguous(), x),
        ("clone", lambda t: t.clone(), x),
    ]
    header(f"views size={n}x{n}", args.reps)
    print("name\tus\tmin\tmax\tcalls")
    for name, f, t in ops:
        t0 = time.perf_counter()
        calls = 0
        while calls < 3 or time.perf_counter() - t0 < 0.3:
            f(t)
            calls += 1
        per_call = (time.perf_counter() - t0) / calls
        iters = max(1, min(10_000_000, int(0.05 / per_call)))
        us = []
        for _ in range(args.reps):
            s = time.perf_counter()
            for _ in range(iters):
                f(t)
            us.append((time.perf_counter() - s) / iters * 1e6)
        print(f"{name}\t{statistics.median(us):.4f}\t{min(us):.4f}\t{max(us):.4f}\t{iters}", flush=True)


def unroll_once(x, wx, wh, batch, steps, channels, loss_all):
    x.grad = None
    wx.grad = None
    wh.grad = None
    t0 = time.perf_counter()
    h = torch.zeros(batch, channels)
    loss = None
    for t in range(steps):
        h = torch.tanh(torch.nn.functional.linear(x.select(1, t), wx) + torch.nn.functional.linear(h, wh))
        if loss_all:
            loss = h.sum() if loss is None else loss + h.sum()
    if not loss_all:
        loss = h.sum()
    t1 = time.perf_counter()
    loss.backward()
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1


def unroll(args):
    lengths = [int(v) for v in args.T.split(",")]
    b, c = args.batch, args.channels
    header(f"unroll B={b} C={c}", args.reps)

    def make(steps):
        g = torch.Generator().manual_seed(7)
        x = torch.randn(b, steps, c, generator=g).requires_grad_(True)
        wx = (torch.randn(c, c, generator=g) / c ** 0.5).requires_grad_(True)
        wh = (torch.randn(c, c, generator=g) / c ** 0.5).requires_grad_(True)
        return x, wx, wh

    # Warm-up on the shortest unroll (PyTorch has no JIT to wait for; its long unrolls take seconds).
    warm = make(min(lengths))
    w0 = time.perf_counter()
    i = 0
    while i < 10 or time.perf_counter() - w0 < 1.5:
        unroll_once(*warm, b, min(lengths), c, False)
        i += 1
    print("name\tvalue\tunit")
    for loss in args.loss.split(","):
        for steps in lengths:
            run = make(steps)
            for _ in range(2):
                unroll_once(*run, b, steps, c, loss == "all")
            fwd, bwd = [], []
            for _ in range(args.reps):
                f, bw = unroll_once(*run, b, steps, c, loss == "all")
                fwd.append(f * 1e3)
                bwd.append(bw * 1e3)
            f, bw = statistics.median(fwd), statistics.median(bwd)
            print(f"{loss}_T{steps}_fwd\t{f:.4f}\tms")
            print(f"{loss}_T{steps}_bwd\t{bw:.4f}\tms")
            print(f"{loss}_T{steps}_bwd_step\t{bw * 1e3 / steps:.3f}\tus")
            print(f"{loss}_T{steps}_fwd_step\t{f * 1e3 / steps:.3f}\tus", flush=True)


def bmm_rates(f, flops, reps, batch_ms, warm_ms):
    calls = 0
    t0 = time.perf_counter()
    while calls < 3 or time.perf_counter() - t0 < warm_ms / 1e3:
        f()
        calls += 1
    per_call = (time.perf_counter() - t0) / calls
    iters = max(1, min(1_000_000, int(batch_ms / 1e3 / per_call)))
    rates = []
    for _ in range(reps):
        s = time.perf_counter()
        for _ in range(iters):
            f()
        rates.append(flops * iters / (time.perf_counter() - s) / 1e9)
    return statistics.median(rates), min(rates), max(rates)


def bmm_case(bh, m, n, k, qk, reps, batch_ms, warm_ms):
    g = torch.Generator().manual_seed(42)
    a = torch.rand(bh, m, k, generator=g) - 0.5
    if qk:
        b = (torch.rand(bh, n, k, generator=g) - 0.5).transpose(-2, -1)  # k.transpose(-2, -1): a view
    else:
        b = torch.rand(bh, k, n, generator=g) - 0.5
    c = torch.empty(bh, m, n)
    flops = 2.0 * bh * m * n * k
    alloc = bmm_rates(lambda: torch.matmul(a, b), flops, reps, batch_ms, warm_ms)
    out = bmm_rates(lambda: torch.bmm(a, b, out=c), flops, reps, batch_ms, warm_ms)
    return alloc, out


def bmm(args):
    torch.set_grad_enabled(False)
    only = set(args.only.split(",")) if args.only else None
    shapes = []
    with open(args.shapes) as f:
        for line in f:
            name, bh, m, n, k, tb = line.split()
            if only is None or name in only:
                shapes.append((name, int(bh), int(m), int(n), int(k), tb == "T"))
    for name, bh, m, n, k, qk in shapes:  # untimed pass, as BmmBench does
        bmm_case(bh, m, n, k, qk, 1, 20, 150)
    header("bmm", args.reps)
    # gflops: the better of torch.matmul(a, b) (allocates its output, as Myelin's matmul does) and
    # torch.bmm(a, b, out=c) into a reused output; both are printed.
    print("name\tbh\tm\tn\tk\ttB\tgflops\tmin\tmax\tus\tmatmul\tbmm_out")
    for name, bh, m, n, k, qk in shapes:
        alloc, out = bmm_case(bh, m, n, k, qk, args.reps, args.batch_ms, 300)
        best = alloc if alloc[0] >= out[0] else out
        us = 2.0 * bh * m * n * k / best[0] / 1e3
        print(f"{name}\t{bh}\t{m}\t{n}\t{k}\t{'T' if qk else 'N'}\t{best[0]:.2f}\t{best[1]:.2f}\t{best[2]:.2f}\t"
              f"{us:.2f}\t{alloc[0]:.2f}\t{out[0]:.2f}", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("section", choices=["views", "unroll", "bmm"])
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--reps", type=int, default=None)
    p.add_argument("--size", type=int, default=4096)
    p.add_argument("--T", default="32,128,512")
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--channels", type=int, default=64)
    p.add_argument("--loss", default="last,all", help="unroll losses: last (h.sum() of the last step), all (sum over steps)")
    p.add_argument("--shapes", help="shape table from BmmBench --list")
    p.add_argument("--batch-ms", type=float, default=60)
    p.add_argument("--only", default=None)
    args = p.parse_args()
    if args.threads is not None:
        torch.set_num_threads(args.threads)
    if args.section == "views":
        args.reps = args.reps or 7
        views(args)
    elif args.section == "unroll":
        args.reps = args.reps or 15
        unroll(args)
    else:
        if not args.shapes:
            p.error("bmm needs --shapes (BmmBench --list)")
        args.reps = args.reps or 7
        bmm(args)


if __name__ == "__main__":
    main()
