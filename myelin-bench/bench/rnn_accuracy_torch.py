#!/usr/bin/env python3
"""PyTorch twin of `myelin train --data fashion-mnist --model lstm|gru|rnn --epochs 1 --seed S`: the same network
(the rows of a 28x28 image as 28 steps of 28 features, one batch-first recurrent layer of 128 units, the last step's
output into Linear(128, 10)), pixels / 255, cross-entropy, Adam lr 1e-3, batch 128, shuffled, 1 epoch on the
60,000 training images, accuracy on the 10,000 test images. Prints one line per seed and the mean.

  OMP_NUM_THREADS=1 /usr/bin/python3 myelin-bench/bench/rnn_accuracy_torch.py lstm 1 2 3"""
import gzip, os, struct, sys, time
import numpy as np
import torch
import torch.nn as nn

DATA = os.environ.get("FASHION_MNIST", "/usr/share/datasets/fashion-mnist")
LAYERS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


def idx(name):
    with gzip.open(os.path.join(DATA, name), "rb") as f:
        data = f.read()
    magic, n = struct.unpack(">II", data[:8])
    if magic == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        return torch.from_numpy(np.frombuffer(data, np.uint8, offset=16).reshape(n, rows * cols).astype(np.float32) / 255.0)
    return torch.from_numpy(np.frombuffer(data, np.uint8, offset=8).astype(np.int64))


class SequenceClassifier(nn.Module):
    def __init__(self, kind):
        super().__init__()
        self.rnn = LAYERS[kind](28, 128, batch_first=True)
        self.fc = nn.Linear(128, 10)

    def forward(self, x):
        out, _ = self.rnn(x.view(-1, 28, 28))
        return self.fc(out[:, -1])


def run(kind, seed, x, y, xt, yt):
    torch.manual_seed(seed)
    model = SequenceClassifier(kind)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    t0 = time.perf_counter()
    perm = torch.randperm(x.shape[0])
    for i in range(0, x.shape[0], 128):
        b = perm[i:i + 128]
        opt.zero_grad()
        loss_fn(model(x[b]), y[b]).backward()
        opt.step()
    seconds = time.perf_counter() - t0
    with torch.no_grad():
        acc = (model(xt).argmax(1) == yt).float().mean().item()
    return acc, seconds


if __name__ == "__main__":
    kind, seeds = sys.argv[1], [int(s) for s in sys.argv[2:]] or [1, 2, 3]
    x, y = idx("train-images-idx3-ubyte.gz"), idx("train-labels-idx1-ubyte.gz")
    xt, yt = idx("t10k-images-idx3-ubyte.gz"), idx("t10k-labels-idx1-ubyte.gz")
    print(f"# torch {torch.__version__} threads={torch.get_num_threads()} {kind}")
    accs = []
    for s in seeds:
        acc, seconds = run(kind, s, x, y, xt, yt)
        accs.append(acc)
        print(f"{kind}\tseed={s}\ttest_acc={acc:.4f}\t{seconds:.1f} s/epoch", flush=True)
    print(f"{kind}\tmean\ttest_acc={np.mean(accs):.4f}")
