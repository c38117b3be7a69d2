#!/usr/bin/env python3
"""PyTorch side of dev.myelin.bench.CnnEpochBench: the CLI's `cnn` and `lenet` networks (docs/CNN.md) on
Fashion-MNIST, Adam 1e-3, batch 128, shuffled. Usage: cnn_torch.py cnn|lenet THREADS [DATA_DIR]; env EPOCHS
(default 2) and BATCHES (batches timed per epoch, default all; the time is scaled to a whole epoch).
Prints: name<TAB>median seconds per epoch<TAB>s/epoch<TAB>test accuracy."""
import os, sys, time
import numpy as np
import torch
import torch.nn as nn
from mlp_torch import idx


def network(name):
    if name == "cnn":
        return nn.Sequential(nn.Unflatten(1, (1, 28, 28)),
                             nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2),
                             nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2), nn.Flatten(),
                             nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))
    if name == "lenet":
        return nn.Sequential(nn.Unflatten(1, (1, 28, 28)),
                             nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(inplace=True), nn.MaxPool2d(2),
                             nn.Conv2d(6, 16, 5), nn.ReLU(inplace=True), nn.MaxPool2d(2), nn.Flatten(),
                             nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
    raise SystemExit(f"model must be cnn or lenet, not {name!r}")


def main():
    name, threads = sys.argv[1], int(sys.argv[2])
    data_dir = sys.argv[3] if len(sys.argv) > 3 else "/usr/share/datasets/fashion-mnist"
    epochs, limit = int(os.environ.get("EPOCHS", "2")), int(os.environ.get("BATCHES", "0")) or None
    torch.set_num_threads(threads)
    x = torch.from_numpy(idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz")))
    y = torch.from_numpy(idx(os.path.join(data_dir, "train-labels-idx1-ubyte.gz")))
    xt = torch.from_numpy(idx(os.path.join(data_dir, "t10k-images-idx3-ubyte.gz")))
    yt = torch.from_numpy(idx(os.path.join(data_dir, "t10k-labels-idx1-ubyte.gz")))
    torch.manual_seed(int(os.environ.get("SEED", "0")))
    model = network(name)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    total = (x.shape[0] + 127) // 128
    times = []
    for _ in range(epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(x.shape[0])
        done = 0
        for i in range(0, x.shape[0], 128):
            if done == limit:
                break
            b = perm[i:i + 128]
            opt.zero_grad()
            loss = loss_fn(model(x[b]), y[b])
            loss.backward()
            opt.step()
            done += 1
        times.append((time.perf_counter() - t0) * total / done)
    with torch.no_grad():
        acc = (model(xt).argmax(1) == yt).float().mean().item()
    print(f"{name}\t{float(np.median(times)):.3f}\ts/epoch\ttest_acc={acc:.4f}")


if __name__ == "__main__":
    main()
