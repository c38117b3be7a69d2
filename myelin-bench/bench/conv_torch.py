#!/usr/bin/env python3
"""PyTorch side of dev.myelin.bench.ConvBench: the same layer shapes (batch 128) and passes, timed the same way
(warm-up, then the median of REPS calls). Prints: name, pass, median GFLOP/s, ms."""
import statistics
import sys
import time

import torch

LAYERS = [  # name, N, C, H, W, O, k, pad
    ("cnn.conv1", 128, 1, 28, 28, 32, 3, 1),
    ("cnn.conv2", 128, 32, 14, 14, 64, 3, 1),
    ("lenet.conv1", 128, 1, 28, 28, 6, 5, 2),
    ("lenet.conv2", 128, 6, 14, 14, 16, 5, 0),
]
REPS = 15


def report(name, what, macs, fn):
    end = time.perf_counter() + 1.5
    while time.perf_counter() < end:
        fn()
    ms = []
    for _ in range(REPS):
        t0 = time.perf_counter()
        fn()
        ms.append((time.perf_counter() - t0) * 1e3)
    med = statistics.median(ms)
    print(f"{name}\t{what}\t{2 * macs / (med * 1e6):.1f}\t{med:.2f}")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        torch.set_num_threads(int(sys.argv[1]))
    print(f"# torch {torch.__version__} conv threads={torch.get_num_threads()} reps={REPS}")
    print("name\tpass\tgflops\tms")
    for name, n, c, h, w, o, k, p in LAYERS:
        x = torch.rand(n, c, h, w) - 0.5
        wt = torch.rand(o, c, k, k) - 0.5
        b = torch.rand(o) - 0.5
        y = torch.nn.functional.conv2d(x, wt, b, padding=p)
        dy = torch.rand_like(y) - 0.5
        macs = n * o * y.shape[2] * y.shape[3] * c * k * k
        args = dict(bias_sizes=[o], stride=[1, 1], padding=[p, p], dilation=[1, 1], transposed=False,
                    output_padding=[0, 0], groups=1)
        report(name, "forward", macs, lambda: torch.nn.functional.conv2d(x, wt, b, padding=p))
        report(name, "backward-input", macs,
               lambda: torch.ops.aten.convolution_backward(dy, x, wt, output_mask=[True, False, False], **args))
        report(name, "backward-weight", macs,
               lambda: torch.ops.aten.convolution_backward(dy, x, wt, output_mask=[False, True, False], **args))
