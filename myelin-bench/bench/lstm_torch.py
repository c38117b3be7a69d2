#!/usr/bin/env python3
"""PyTorch twin of dev.myelin.bench.LstmBatchBench: x [128, 28, 28] batch first -> nn.LSTM(28, 128) ->
last h -> nn.Linear(128, 10) -> cross-entropy, forward and backward on random data; prints the median
milliseconds per batch and the implied seconds per epoch (469 batches). Arguments: [reps] [threads]."""
import sys, time
import torch
import torch.nn as nn

reps = int(sys.argv[1]) if len(sys.argv) > 1 else 30
if len(sys.argv) > 2:
    torch.set_num_threads(int(sys.argv[2]))
torch.manual_seed(0)
lstm, head, loss_fn = nn.LSTM(28, 128, batch_first=True), nn.Linear(128, 10), nn.CrossEntropyLoss()
x, y = torch.rand(128, 28, 28), torch.randint(0, 10, (128,))


def step():
    lstm.zero_grad()
    head.zero_grad()
    _, (h, _) = lstm(x)
    loss_fn(head(h[0]), y).backward()


for _ in range(10):
    step()
ms = []
for _ in range(reps):
    t0 = time.perf_counter()
    step()
    ms.append((time.perf_counter() - t0) * 1e3)
ms.sort()
m = ms[reps // 2]
print(f"lstm_batch\t{m:.2f}\tms/batch\tepoch~{m * 469 / 1000:.1f}s threads={torch.get_num_threads()} min={ms[0]:.2f} max={ms[-1]:.2f}")
