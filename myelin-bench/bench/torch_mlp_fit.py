#!/usr/bin/env python3
"""PyTorch's side of scikit-learn's defaults case (issue 23), called by sklearn_compare.py.

The same training as MLPClassifier(hidden_layer_sizes=(100,), max_iter=20) does, written as a PyTorch user would:
Linear(784, 100), ReLU, Linear(100, 10), cross-entropy over softmax; scikit-learn's Glorot-uniform initialization
(weights and biases, bound sqrt(6 / (fan_in + fan_out))); Adam with lr 1e-3, betas (0.9, 0.999), eps 1e-8;
scikit-learn's L2 term alpha / (2 * batch rows) * sum of squared weights added to each batch's mean loss;
batches of 200 rows, reshuffled every epoch; 20 epochs. The thread count comes from the environment
(OMP_NUM_THREADS, OPENBLAS_NUM_THREADS), set by the caller, and torch.set_num_threads.

    torch_mlp_fit.py FASHION_DIR N_TRAIN N_TEST SEED THREADS REPEATS
prints one line: RESULT acc=<test accuracy> fit_s=<median of the later half of the fits> cold_s=<first fit>
cpu_s=<process CPU seconds of that median fit>
"""
import os
import statistics
import sys
import time

import torch

from mlp_torch import idx  # the IDX reader of the other PyTorch scripts (images / 255)


def fit(x, y, seed, alpha=1e-4, batch=200, epochs=20):
    torch.manual_seed(seed)
    model = torch.nn.Sequential(torch.nn.Linear(784, 100), torch.nn.ReLU(), torch.nn.Linear(100, 10))
    weights = []
    for layer in (model[0], model[2]):
        bound = (6.0 / (layer.in_features + layer.out_features)) ** 0.5
        torch.nn.init.uniform_(layer.weight, -bound, bound)
        torch.nn.init.uniform_(layer.bias, -bound, bound)
        weights.append(layer.weight)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    n = x.shape[0]
    for _ in range(epochs):
        order = torch.randperm(n)
        for start in range(0, n, batch):
            rows = order[start:start + batch]
            loss = torch.nn.functional.cross_entropy(model(x[rows]), y[rows])
            loss = loss + alpha / (2 * len(rows)) * sum(w.pow(2).sum() for w in weights)
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model


def main():
    d, n_train, n_test, seed, threads, repeats = sys.argv[1:7]
    torch.set_num_threads(int(threads))
    x = torch.from_numpy(idx(os.path.join(d, "train-images-idx3-ubyte.gz"))[:int(n_train)])
    y = torch.from_numpy(idx(os.path.join(d, "train-labels-idx1-ubyte.gz"))[:int(n_train)])
    xt = torch.from_numpy(idx(os.path.join(d, "t10k-images-idx3-ubyte.gz"))[:int(n_test)])
    yt = torch.from_numpy(idx(os.path.join(d, "t10k-labels-idx1-ubyte.gz"))[:int(n_test)])
    walls, cpus = [], []
    for _ in range(int(repeats)):
        t0, c0 = time.perf_counter(), time.process_time()
        model = fit(x, y, int(seed))
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    with torch.no_grad():
        acc = (model(xt).argmax(1) == yt).float().mean().item()
    later = slice(max(1, len(walls) // 2), None) if len(walls) > 1 else slice(0, None)
    print("RESULT acc=%.4f fit_s=%.3f cold_s=%.3f cpu_s=%.3f" % (
        acc, statistics.median(walls[later]), walls[0], statistics.median(cpus[later])), flush=True)


if __name__ == "__main__":
    main()
