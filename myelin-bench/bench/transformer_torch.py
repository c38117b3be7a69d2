#!/usr/bin/env python3
"""PyTorch twin of `myelin train --data fashion-mnist --model transformer --epochs 1 --seed S` and of
dev.myelin.bench.TransformerEpochBench: each 28x28 image as 28 steps of 28 pixels, nn.Linear(28, 64) per step plus a
learned positional embedding [28, 64] (initial std 0.02), nn.TransformerEncoder of 2 post-norm nn.TransformerEncoderLayer (d_model 64,
4 heads, dim_feedforward 128, dropout 0.1, ReLU, batch_first), the mean over the 28 steps, nn.Linear(64, 10);
pixels / 255, cross-entropy, Adam lr 1e-3, batch 128, shuffled (the CLI's defaults).

  SEED=1,2,3 transformer_torch.py accuracy [--layers L --heads H --dim D]
      one epoch on the 60,000 training images per seed, accuracy on the 10,000 test images; one line per seed
      and the mean.
  transformer_torch.py epoch [--epochs N] [--steps N] [--data DIR]
      seconds per epoch (median of N epochs; with --steps N only the first N batches run, scaled to the full
      469): "transformer_epoch<TAB>seconds<TAB>s/epoch<TAB>...".
  transformer_torch.py twin --seed S --init FILE [--dropout P]
      the twin check of dev.myelin.bench.TransformerTwin: writes the seeded network's initial weights to FILE
      (safetensors, PyTorch's names), trains one epoch on the training images in file order (no shuffle), and prints
      the loss at some steps, the mean loss of the last 100 steps and the test accuracy.
Threads: as the caller's environment sets them (OMP_NUM_THREADS, OPENBLAS_NUM_THREADS)."""
import argparse, gzip, json, os, struct, time
import numpy as np
import torch
import torch.nn as nn


class ImageTransformer(nn.Module):
    def __init__(self, layers=2, heads=4, dim=64, ff=None, dropout=0.1, steps=28, features=28, classes=10):
        super().__init__()
        self.steps, self.features = steps, features
        self.embed = nn.Linear(features, dim)
        self.pos = nn.Embedding(steps, dim)  # the learned positional embedding: one row per step,
        nn.init.normal_(self.pos.weight, std=0.02)  # initialized as GPT-2's (Myelin's LearnedPositionalEmbedding with initStd 0.02)
        layer = nn.TransformerEncoderLayer(dim, heads, ff or 2 * dim, dropout, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.fc = nn.Linear(dim, classes)

    def forward(self, x):
        h = self.embed(x.view(-1, self.steps, self.features)) + self.pos.weight
        return self.fc(self.encoder(h).mean(1))


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, n = struct.unpack(">II", data[:8])
    if magic == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        return torch.from_numpy(np.frombuffer(data, np.uint8, offset=16).reshape(n, rows * cols).astype(np.float32) / 255.0)
    return torch.from_numpy(np.frombuffer(data, np.uint8, offset=8).astype(np.int64))


def load(data):
    get = lambda name: idx(os.path.join(data, name))
    return (get("train-images-idx3-ubyte.gz"), get("train-labels-idx1-ubyte.gz"),
            get("t10k-images-idx3-ubyte.gz"), get("t10k-labels-idx1-ubyte.gz"))


def train_epoch(model, opt, loss_fn, x, y, steps=0):
    model.train()
    perm = torch.randperm(x.shape[0])
    batches = (x.shape[0] + 127) // 128
    run = min(steps or batches, batches)
    for i in range(run):
        b = perm[i * 128:(i + 1) * 128]
        opt.zero_grad()
        loss_fn(model(x[b]), y[b]).backward()
        opt.step()
    return run, batches


def accuracy(model, xt, yt):
    model.eval()
    with torch.no_grad():
        correct = sum((model(xt[i:i + 1000]).argmax(1) == yt[i:i + 1000]).sum().item() for i in range(0, xt.shape[0], 1000))
    return correct / xt.shape[0]


def make(a, seed):
    torch.manual_seed(seed)
    model = ImageTransformer(a.layers, a.heads, a.dim)
    return model, torch.optim.Adam(model.parameters(), lr=1e-3), nn.CrossEntropyLoss()


def run_accuracy(a):
    x, y, xt, yt = load(a.data)
    seeds = [int(s) for s in os.environ.get("SEED", "1,2,3").split(",")]
    print(f"# torch {torch.__version__} threads={torch.get_num_threads()} layers={a.layers} heads={a.heads} dim={a.dim}")
    accs = []
    for s in seeds:
        model, opt, loss_fn = make(a, s)
        t0 = time.perf_counter()
        train_epoch(model, opt, loss_fn, x, y)
        seconds = time.perf_counter() - t0
        accs.append(accuracy(model, xt, yt))
        print(f"transformer\tseed={s}\ttest_acc={accs[-1]:.4f}\t{seconds:.1f} s/epoch", flush=True)
    print(f"transformer\tmean\ttest_acc={np.mean(accs):.4f}")


TWIN_STEPS = [1, 2, 3, 5, 10, 20, 50, 100, 200, 300, 400, 469]  # the steps whose losses both twins print


def write_safetensors(path, tensors):
    """The safetensors format by hand, as myelin-onnx's onnx_fixtures.py writes it (the Python package is not
    installed): 8-byte header length, JSON header padded to 8 bytes, raw little-endian F32 data."""
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # padded with spaces to 8 bytes, as safetensors (and onnx_fixtures.py) do
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def run_twin(a):
    x, y, xt, yt = load(a.data)
    torch.manual_seed(a.seed)
    model = ImageTransformer(a.layers, a.heads, a.dim, dropout=a.dropout)
    write_safetensors(a.init, model.state_dict())
    opt, loss_fn, losses = torch.optim.Adam(model.parameters(), lr=1e-3), nn.CrossEntropyLoss(), []
    model.train()
    for i in range((x.shape[0] + 127) // 128):
        opt.zero_grad()
        loss = loss_fn(model(x[i * 128:(i + 1) * 128]), y[i * 128:(i + 1) * 128])
        loss.backward()
        opt.step()
        losses.append(loss.item())
    for s in TWIN_STEPS:
        print(f"step {s}\tloss {losses[s - 1]:.6f}")
    print(f"twin\tlast100_loss={np.mean(losses[-100:]):.6f}\ttest_acc={accuracy(model, xt, yt):.4f}")


def run_epoch(a):
    x, y, xt, yt = load(a.data)
    model, opt, loss_fn = make(a, 0)
    seconds, cpu = [], []
    for _ in range(a.epochs):
        t0, c0 = time.perf_counter(), time.process_time()
        run, batches = train_epoch(model, opt, loss_fn, x, y, a.steps)
        seconds.append((time.perf_counter() - t0) * batches / run)
        cpu.append((time.process_time() - c0) * batches / run)  # CPU seconds of all threads: steadier on a busy machine
    print(f"transformer_epoch\t{float(np.median(seconds)):.3f}\ts/epoch\ttest_acc={accuracy(model, xt, yt):.4f} batches={run}/{batches} "
          f"threads={torch.get_num_threads()} cpu_s={float(np.median(cpu)):.3f} epochs={[round(s, 3) for s in seconds]}")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["accuracy", "epoch", "twin"])
    p.add_argument("--seed", type=int, default=1, help="twin: the seed of the initial weights")
    p.add_argument("--init", default="twin-init.safetensors", help="twin: where the initial weights go")
    p.add_argument("--dropout", type=float, default=0.0, help="twin: the encoder layers' dropout")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--steps", type=int, default=0, help="batches per epoch (0: all)")
    p.add_argument("--data", default=os.environ.get("FASHION_MNIST", "/usr/share/datasets/fashion-mnist"))
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--dim", type=int, default=64)
    a = p.parse_args()
    {"accuracy": run_accuracy, "epoch": run_epoch, "twin": run_twin}[a.what](a)
