"""PyTorch twin of dev.myelin.bench.PoolBench: median ms of pooling and BatchNorm2d forward and backward (autograd).

Usage: /usr/bin/python3 myelin-bench/bench/pool_torch.py [--threads N] [--reps N]
"""
import argparse
import time

import torch
import torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument("--threads", type=int, default=2)
p.add_argument("--reps", type=int, default=21)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)
cases = [
    ("max2_32x28", (128, 32, 28, 28), lambda x: F.max_pool2d(x, 2)),
    ("max2_64x14", (128, 64, 14, 14), lambda x: F.max_pool2d(x, 2)),
    ("max3s2p1_32x28", (128, 32, 28, 28), lambda x: F.max_pool2d(x, 3, 2, 1)),
    ("avg2_32x28", (128, 32, 28, 28), lambda x: F.avg_pool2d(x, 2)),
    ("bn_32x28", (128, 32, 28, 28), torch.nn.BatchNorm2d(32)),
]
print(f"# torch {torch.__version__} PoolBench threads={a.threads} reps={a.reps}")
print("name\tforward_ms\tbackward_ms")
for name, shape, f in cases:
    x = torch.randn(*shape, requires_grad=True)
    fwd, bwd = [], []
    for r in range(-5, a.reps):
        x.grad = None
        t0 = time.perf_counter()
        y = f(x)
        t1 = time.perf_counter()
        y.backward(torch.ones_like(y))
        t2 = time.perf_counter()
        if r >= 0:
            fwd.append((t1 - t0) * 1e3)
            bwd.append((t2 - t1) * 1e3)
    fwd.sort()
    bwd.sort()
    print(f"{name}\t{fwd[len(fwd) // 2]:.3f}\t{bwd[len(bwd) // 2]:.3f}")
