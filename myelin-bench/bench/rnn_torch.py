#!/usr/bin/env python3
"""PyTorch twin of dev.myelin.bench.RnnEpochBench and RnnStepBench: x [B, T, 28] batch first -> one nn.LSTM or
nn.GRU layer of hidden 128 -> the last step's output -> nn.Linear(128, 10) -> cross-entropy, Adam(lr=1e-3).

  rnn_torch.py epoch lstm|gru [--epochs N] [--steps N] [--data DIR]
      Fashion-MNIST, each image's 28 rows as 28 time steps, batch 128, shuffled; prints the median seconds per
      epoch (with --steps N only the first N batches of each epoch run, scaled to the full 469) and the test
      accuracy: "lstm_epoch<TAB>seconds<TAB>s/epoch<TAB>...".
  rnn_torch.py step lstm|gru [--lengths 28,128,512] [--reps N]
      one training step on a random batch of 128 per sequence length T; prints a header and per T
      "lstm_T28<TAB>median ms<TAB>us per time step<TAB>min<TAB>max".
Threads: as the caller's environment sets them (OMP_NUM_THREADS, OPENBLAS_NUM_THREADS)."""
import argparse, gzip, os, struct, time
import numpy as np
import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self, kind):
        super().__init__()
        self.rnn = (nn.LSTM if kind == "lstm" else nn.GRU)(28, 128, batch_first=True)
        self.head = nn.Linear(128, 10)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.head(out[:, -1])


def make(kind):
    torch.manual_seed(0)
    model = Model(kind)
    return model, torch.optim.Adam(model.parameters(), lr=1e-3), nn.CrossEntropyLoss()


def train_step(model, opt, loss_fn, x, y):
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    return loss


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, n = struct.unpack(">II", data[:8])
    if magic == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        return np.frombuffer(data, np.uint8, offset=16).reshape(n, rows, cols).astype(np.float32) / 255.0
    return np.frombuffer(data, np.uint8, offset=8).astype(np.int64)


def epoch(a):
    load = lambda name: torch.from_numpy(idx(os.path.join(a.data, name)))
    x, y = load("train-images-idx3-ubyte.gz"), load("train-labels-idx1-ubyte.gz")
    xt, yt = load("t10k-images-idx3-ubyte.gz"), load("t10k-labels-idx1-ubyte.gz")
    model, opt, loss_fn = make(a.kind)
    per_epoch = (x.shape[0] + 127) // 128
    run = min(a.steps or per_epoch, per_epoch)
    seconds = []
    for _ in range(a.epochs):
        t0 = time.perf_counter()
        perm = torch.randperm(x.shape[0])
        for i in range(run):
            b = perm[i * 128:(i + 1) * 128]
            train_step(model, opt, loss_fn, x[b], y[b])
        seconds.append((time.perf_counter() - t0) * per_epoch / run)
    with torch.no_grad():
        correct = sum((model(xt[i:i + 1000]).argmax(1) == yt[i:i + 1000]).sum().item() for i in range(0, xt.shape[0], 1000))
    print(f"{a.kind}_epoch\t{float(np.median(seconds)):.3f}\ts/epoch\ttest_acc={correct / xt.shape[0]:.4f} batches={run}/{per_epoch} "
          f"threads={torch.get_num_threads()} epochs={[round(s, 3) for s in seconds]}")


def step(a):
    print("name\tms\tus_per_t\tmin\tmax")
    for steps in [int(s) for s in a.lengths.split(",")]:
        model, opt, loss_fn = make(a.kind)
        x, y = torch.rand(128, steps, 28), torch.randint(0, 10, (128,))
        for _ in range(3):
            train_step(model, opt, loss_fn, x, y)
        ms = []
        for _ in range(a.reps):
            t0 = time.perf_counter()
            train_step(model, opt, loss_fn, x, y)
            ms.append((time.perf_counter() - t0) * 1e3)
        ms.sort()
        m = ms[a.reps // 2]
        print(f"{a.kind}_T{steps}\t{m:.2f}\t{m * 1000 / steps:.1f}\t{ms[0]:.2f}\t{ms[-1]:.2f}")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["epoch", "step"])
    p.add_argument("kind", choices=["lstm", "gru"])
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--steps", type=int, default=0, help="batches per epoch (0: all)")
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--lengths", default="28,128,512")
    p.add_argument("--reps", type=int, default=7)
    a = p.parse_args()
    epoch(a) if a.what == "epoch" else step(a)
