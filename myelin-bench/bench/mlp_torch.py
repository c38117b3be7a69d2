#!/usr/bin/env python3
"""PyTorch side of the end-to-end workloads, identical to Myelin's (see dev.myelin.bench.Workloads):
  mlp   784-256-128-10 ReLU MLP on Fashion-MNIST, Adam 1e-3, batch 128, shuffled, seconds per epoch
  tiny  the course's regression 10-32-16-1 ReLU, full batch of 100, MSE, Adam 1e-3, microseconds per step
Prints one line per workload: name<TAB>value<TAB>unit<TAB>extra. Thread split set by the caller's env
(OMP_NUM_THREADS etc.) and torch.set_num_threads(argv threads)."""
import gzip, os, struct, sys, time
import numpy as np
import torch
import torch.nn as nn

def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, n = struct.unpack(">II", data[:8])
    if magic == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        return np.frombuffer(data, np.uint8, offset=16).reshape(n, rows * cols).astype(np.float32) / 255.0
    return np.frombuffer(data, np.uint8, offset=8).astype(np.int64)

def mlp(data_dir, epochs):
    x = torch.from_numpy(idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz")))
    y = torch.from_numpy(idx(os.path.join(data_dir, "train-labels-idx1-ubyte.gz")))
    xt = torch.from_numpy(idx(os.path.join(data_dir, "t10k-images-idx3-ubyte.gz")))
    yt = torch.from_numpy(idx(os.path.join(data_dir, "t10k-labels-idx1-ubyte.gz")))
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    times = []
    for epoch in range(epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(x.shape[0])
        for i in range(0, x.shape[0], 128):
            b = perm[i:i + 128]
            opt.zero_grad()
            loss = loss_fn(model(x[b]), y[b])
            loss.backward()
            opt.step()
        times.append(time.perf_counter() - t0)
    with torch.no_grad():
        acc = (model(xt).argmax(1) == yt).float().mean().item()
    return float(np.median(times)), acc

def tiny(steps):
    torch.manual_seed(0)
    X = torch.randn(100, 10)
    y = X.sum(dim=1, keepdim=True)
    model = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 1))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    crit = nn.MSELoss()
    def step():
        opt.zero_grad()
        loss = crit(model(X), y)
        loss.backward()
        opt.step()
        return loss
    for _ in range(500):
        step()
    reps = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(steps):
            loss = step()
        reps.append((time.perf_counter() - t0) / steps * 1e6)
    return float(np.median(reps)), loss.item()

if __name__ == "__main__":
    what = sys.argv[1]
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    torch.set_num_threads(threads)
    if what == "mlp":
        s, acc = mlp(sys.argv[3] if len(sys.argv) > 3 else "/usr/share/datasets/fashion-mnist", int(os.environ.get("EPOCHS", "3")))
        print(f"mlp\t{s:.3f}\ts/epoch\ttest_acc={acc:.4f}")
    elif what == "tiny":
        us, loss = tiny(2000)
        print(f"tiny\t{us:.1f}\tus/step\tloss={loss:.4f}")
