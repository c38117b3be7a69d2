#!/usr/bin/env python3
"""PyTorch twin of SpmmBench: torch.sparse.mm(A, X) with A a coalesced COO tensor of a random graph of 100k nodes and
1M directed edges (endpoints uniform, one weight per edge) and X [100k, 64]; rows fwd (the product) and fwd_bwd
(the product and its backward to X). Coalescing is done once before timing, as Myelin builds its CSR once.
Threads: torch.set_num_threads(THREADS) (compare.sh runs 1 and 2 and keeps the faster).

Usage: spmm_torch.py THREADS [--reps N] [--nodes N] [--edges N] [--features N]; prints a TSV: name, ms, min, max, cpu_ms
(process CPU time per call, median).
"""
import argparse
import time

import torch

p = argparse.ArgumentParser()
p.add_argument("threads", type=int)
p.add_argument("--reps", type=int, default=9)
p.add_argument("--nodes", type=int, default=100_000)
p.add_argument("--edges", type=int, default=1_000_000)
p.add_argument("--features", type=int, default=64)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(42)
src = torch.randint(0, a.nodes, (a.edges,))
dst = torch.randint(0, a.nodes, (a.edges,))
w = torch.rand(a.edges)
x = torch.randn(a.nodes, a.features)
g = torch.randn(a.nodes, a.features)
t0 = time.perf_counter()
A = torch.sparse_coo_tensor(torch.stack([dst, src]), w, (a.nodes, a.nodes)).coalesce()
build = (time.perf_counter() - t0) * 1e3
print(f"# torch {torch.__version__} spmm threads={a.threads} reps={a.reps} nodes={a.nodes} edges={a.edges} "
      f"features={a.features} coalesce {build:.1f} ms (once per graph)")
xg = x.clone().requires_grad_()


def fwd():
    torch.sparse.mm(A, x)


def fwd_bwd():
    xg.grad = None
    torch.sparse.mm(A, xg).backward(g)


for _ in range(3):
    fwd()
    fwd_bwd()
print("name\tms\tmin\tmax\tcpu_ms")
for name, f in [("fwd", fwd), ("fwd_bwd", fwd_bwd)]:
    ms, cpu = [], []
    for _ in range(a.reps):
        c, t = time.process_time(), time.perf_counter()
        f()
        ms.append((time.perf_counter() - t) * 1e3)
        cpu.append((time.process_time() - c) * 1e3)
    ms.sort()
    cpu.sort()
    print(f"{name}\t{ms[len(ms) // 2]:.3f}\t{ms[0]:.3f}\t{ms[-1]:.3f}\t{cpu[len(cpu) // 2]:.3f}")
