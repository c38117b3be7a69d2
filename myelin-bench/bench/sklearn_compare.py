#!/usr/bin/env python3
"""scikit-learn vs Myelin: MLPClassifier with the same settings on the same data.

Data sets (written to a temporary directory as CSV, label first; nothing is committed):
  make_classification  n_samples=3000, n_features=20, n_informative=10, n_classes=3, random_state=0; 25% test
  breast_cancer        load_breast_cancer, standardized (scaler fitted on the training part); 25% test
  wine                 load_wine, standardized; 25% test
  digits               load_digits (8x8 handwritten digits, 1797 samples), standardized; 25% test
  fashion              Fashion-MNIST IDX files from /usr/share/datasets/fashion-mnist, first N_TRAIN training
                       and first N_TEST test images, pixels / 255 (both sides read the same files)
Settings: hidden_layer_sizes=(32, 16), activation="relu", solver="adam", learning_rate_init=0.001,
alpha=0.0001, max_iter=200 (fashion: --fashion-iter, default 50), random_state=seed. Plus lbfgs vs adam on wine.

scikit-learn's defaults on Fashion-MNIST (issue 23; --defaults-only runs just this case, --skip-defaults leaves it out):
  the first --defaults-train (8000) training and --defaults-test (2000) test images, pixels / 255,
  MLPClassifier(hidden_layer_sizes=(100,), max_iter=20, random_state=seed) with every other setting at its default
  (adam, learning_rate_init=0.001, batch_size=min(200, n), alpha=0.0001, relu, early_stopping=False); Myelin
  with the same settings. Per seed, --defaults-rounds rounds alternate which side runs first; each round is one
  scikit-learn fit and one fresh JVM with --repeats fits. Columns: scikit-learn's fit s (wall) and CPU s (all
  threads), Myelin's warm s and CPU s (medians of the later half of the fits in a JVM), its fresh-JVM s (the first fit in a
  fresh JVM, timed like scikit-learn's from the call to fit to its return: JVM start, class loading and reading
  the data are not in it, as Python's start, imports and reading are not in scikit-learn's; they are shown
  apart as "jvm start") and that first fit's CPU s; medians over rounds, then means over seeds. The ratios are
  scikit-learn's time over Myelin's, of wall seconds ("x warm", "x fresh") and of CPU seconds ("cpu ..."; the
  steadier pair when other programs share the cores).
  PyTorch runs the same training (torch_mlp_fit.py: the same layers, initialization, Adam, L2 term and batches) in a
  fresh process per thread split of --torch-splits (OMP threads,OpenBLAS threads), 3 fits each; "pt s" is the median
  of its later fits at the split that was fastest in that round (PyTorch has no JIT warm-up to separate), "x pt"
  PyTorch's time over Myelin's warm time. --no-torch leaves it out.

Run from the repository root after `mvn -q -B -o compile` (or verify):
    /usr/bin/python3 myelin-bench/bench/sklearn_compare.py [--seeds 0 1 2] [--fashion-train 10000 --fashion-test 2000]
Prints per data set: accuracy and fit seconds of both, and the speed-up (sklearn seconds / Myelin seconds),
for Myelin both 'cold' (first fit in a fresh JVM, includes JIT compilation) and 'warm' (median of the later half
of --repeats fits in that JVM, the steady state of a long-running program).
Accuracy and time are averaged over the seeds (initialization differs between the two libraries, so single-seed
accuracies differ by the seed noise of the model).
"""
import argparse
import glob
import gzip
import os
import statistics
import subprocess
import tempfile
import time
import warnings

import numpy as np
from sklearn.datasets import load_breast_cancer, load_digits, load_wine, make_classification
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FASHION = "/usr/share/datasets/fashion-mnist"


def java_cmd():
    jdks = sorted(glob.glob("/usr/lib/jvm/*25*/bin/java"))
    if not jdks:
        raise SystemExit("no JDK 25 under /usr/lib/jvm")
    cp = os.pathsep.join([os.path.join(ROOT, "myelin-core", "target", "classes"),
                          os.path.join(ROOT, "myelin-bench", "target", "classes")])
    return [jdks[-1], "--add-modules", "jdk.incubator.vector", "-cp", cp,
            "dev.myelin.bench.estimator.SklearnCompare"]


def result_fields(out):
    """The key=value numbers of the last RESULT line a Myelin or PyTorch side printed."""
    line = [l for l in out.splitlines() if l.startswith("RESULT")][-1]
    return {k: float(v) for k, v in (kv.split("=") for kv in line.split() if "=" in kv)}


def run_java_fields(args):
    out = subprocess.run(java_cmd() + [str(a) for a in args], capture_output=True, text=True, check=True).stdout
    return result_fields(out)


def run_java(args):
    f = run_java_fields(args)
    return f["acc"], f["fit_s"], int(f["n_iter"]), f["cold_s"]


def run_sklearn(xtr, ytr, xte, yte, solver, max_iter, hidden, seed):
    clf = MLPClassifier(hidden_layer_sizes=hidden, activation="relu", solver=solver, learning_rate_init=0.001,
                        alpha=0.0001, max_iter=max_iter, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        t0 = time.perf_counter()
        clf.fit(xtr, ytr)
        fit_s = time.perf_counter() - t0
    return clf.score(xte, yte), fit_s, clf.n_iter_


def write_csv(path, x, y):
    np.savetxt(path, np.column_stack([y, x]), delimiter=",", fmt="%.8g")


def read_idx(path, limit):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    n = min(int.from_bytes(data[4:8], "big"), limit)
    if magic == 0x803:
        rows, cols = int.from_bytes(data[8:12], "big"), int.from_bytes(data[12:16], "big")
        return np.frombuffer(data, np.uint8, n * rows * cols, 16).reshape(n, rows * cols).astype(np.float32) / 255
    return np.frombuffer(data, np.uint8, n, 8).astype(np.int64)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    p.add_argument("--fashion-train", type=int, default=10000)
    p.add_argument("--fashion-test", type=int, default=2000)
    p.add_argument("--fashion-iter", type=int, default=50)
    p.add_argument("--skip-fashion", action="store_true")
    p.add_argument("--defaults-only", action="store_true", help="run only scikit-learn's defaults case")
    p.add_argument("--skip-defaults", action="store_true", help="leave scikit-learn's defaults case out")
    p.add_argument("--defaults-train", type=int, default=8000)
    p.add_argument("--defaults-test", type=int, default=2000)
    p.add_argument("--defaults-rounds", type=int, default=3)
    p.add_argument("--torch-splits", nargs="+", default=["1,1", "2,1", "1,2"],
                   help="PyTorch thread splits OMP,OPENBLAS tried for the defaults case; the fastest counts")
    p.add_argument("--no-torch", action="store_true", help="leave PyTorch out of the defaults case")
    p.add_argument("--repeats", type=int, default=10,
                   help="Myelin fits per JVM: the first is 'cold' (includes JIT warm-up), the median of the later "
                        "half 'warm' (steady state)")
    a = p.parse_args()
    if not a.skip_defaults:
        defaults_case(a)
    if a.defaults_only:
        return
    hidden = (32, 16)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        sets = []
        x, y = make_classification(n_samples=3000, n_features=20, n_informative=10, n_classes=3, random_state=0)
        sets.append(("make_classification", x, y))
        for name, loader in (("breast_cancer", load_breast_cancer), ("wine", load_wine), ("digits", load_digits)):
            d = loader()
            sets.append((name, d.data, d.target))
        jobs = []
        for name, x, y in sets:
            xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.25, stratify=y, random_state=42)
            sc = StandardScaler().fit(xtr)
            xtr, xte = sc.transform(xtr), sc.transform(xte)
            ftr, fte = os.path.join(tmp, name + "_train.csv"), os.path.join(tmp, name + "_test.csv")
            write_csv(ftr, xtr, ytr)
            write_csv(fte, xte, yte)
            # both sides read the CSV text, so they see exactly the same numbers
            xtr, ytr = np.loadtxt(ftr, delimiter=",")[:, 1:], np.loadtxt(ftr, delimiter=",")[:, 0].astype(int)
            xte, yte = np.loadtxt(fte, delimiter=",")[:, 1:], np.loadtxt(fte, delimiter=",")[:, 0].astype(int)
            jobs.append((name, "adam", 200, (xtr, ytr, xte, yte), ["csv", name, ftr, fte]))
            if name == "wine":
                jobs.append((name, "lbfgs", 200, (xtr, ytr, xte, yte), ["csv", name, ftr, fte]))
        if not a.skip_fashion:
            d = FASHION
            xtr = read_idx(os.path.join(d, "train-images-idx3-ubyte.gz"), a.fashion_train)
            ytr = read_idx(os.path.join(d, "train-labels-idx1-ubyte.gz"), a.fashion_train)
            xte = read_idx(os.path.join(d, "t10k-images-idx3-ubyte.gz"), a.fashion_test)
            yte = read_idx(os.path.join(d, "t10k-labels-idx1-ubyte.gz"), a.fashion_test)
            jobs.append(("fashion_%dk" % (a.fashion_train // 1000), "adam", a.fashion_iter,
                         (xtr, ytr, xte, yte), ["fashion", "fashion", d, a.fashion_train, a.fashion_test]))
        for name, solver, max_iter, (xtr, ytr, xte, yte), jargs in jobs:
            sk, my = [], []
            for seed in a.seeds:
                sk.append(run_sklearn(xtr, ytr, xte, yte, solver, max_iter, hidden, seed))
                my.append(run_java(jargs + [solver, max_iter, ",".join(map(str, hidden)), seed, a.repeats]))
            rows.append((name, solver, max_iter, sk, my))
            print_row(*rows[-1], flush=True)
    print()
    print("%-20s %-6s %4s | %7s %8s %5s | %7s %8s %8s %5s | %7s %7s %7s" % (
        "data set", "solver", "iter", "sk acc", "sk fit s", "sk it", "my acc", "warm s", "cold s", "my it", "d acc",
        "x warm", "x cold"))
    for r in rows:
        print_row(*r)


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def defaults_case(a):
    """scikit-learn's defaults, (100,) hidden units, 20 iterations, on the Fashion-MNIST subset: see the docstring."""
    d = FASHION
    xtr = read_idx(os.path.join(d, "train-images-idx3-ubyte.gz"), a.defaults_train)
    ytr = read_idx(os.path.join(d, "train-labels-idx1-ubyte.gz"), a.defaults_train)
    xte = read_idx(os.path.join(d, "t10k-images-idx3-ubyte.gz"), a.defaults_test)
    yte = read_idx(os.path.join(d, "t10k-labels-idx1-ubyte.gz"), a.defaults_test)
    jargs = ["fashion", "fashion_defaults", d, a.defaults_train, a.defaults_test, "adam", 20, "100"]
    print("scikit-learn defaults, hidden (100,), max_iter 20, Fashion-MNIST %d / %d; load average %s"
          % (a.defaults_train, a.defaults_test, load_average()), flush=True)
    head = "%4s | %7s %7s %7s | %7s %7s %8s %8s %9s %9s | %7s %7s | %8s %8s | %7s %7s %5s %6s" % (
        "seed", "sk acc", "sk s", "sk cpu", "my acc", "warm s", "warm cpu", "fresh s", "fresh cpu", "jvm start",
        "x warm", "x fresh", "cpu warm", "cpu fresh", "pt acc", "pt s", "split", "x pt")
    print(head, flush=True)
    per_seed, all_sk, all_my, all_pt = [], [], [], []
    for seed in a.seeds:
        sk, my, pt = [], [], []
        for r in range(a.defaults_rounds):
            def sk_side():
                clf = MLPClassifier(hidden_layer_sizes=(100,), max_iter=20, random_state=seed)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", ConvergenceWarning)
                    t0, c0 = time.perf_counter(), time.process_time()
                    clf.fit(xtr, ytr)
                    sk.append((clf.score(xte, yte), time.perf_counter() - t0, time.process_time() - c0))

            def my_side():
                f = run_java_fields(jargs + [seed, a.repeats])
                my.append((f["acc"], f["fit_s"], f["cold_s"], f["cold_cpu_s"], f["start_s"], f["warm_cpu_s"]))

            def pt_side():
                runs = [run_torch(a, seed, split) + (split,) for split in a.torch_splits]
                pt.append(min(runs, key=lambda t: t[1]))

            sides = [sk_side, my_side] + ([] if a.no_torch else [pt_side])
            for side in (sides if r % 2 == 0 else sides[::-1]):
                side()
        m = lambda rows, i: statistics.median(x[i] for x in rows)
        row = (m(sk, 0), m(sk, 1), m(sk, 2), m(my, 0), m(my, 1), m(my, 5), m(my, 2), m(my, 3), m(my, 4))
        if pt:
            best = min(pt, key=lambda t: t[1])[2]
            row += (m(pt, 0), m(pt, 1), best)
        per_seed.append(row)
        all_sk += sk
        all_my += my
        all_pt += pt
        print_defaults_row(str(seed), row)
    mean = tuple(statistics.mean(r[i] for r in per_seed) for i in range(9))
    if all_pt:
        mean += (statistics.mean(r[9] for r in per_seed), statistics.mean(r[10] for r in per_seed), "")
    print_defaults_row("mean", mean)
    rng = lambda rows, i: "%.3f-%.3f" % (min(x[i] for x in rows), max(x[i] for x in rows))
    print("load average after: %s; single runs: sk s %s, sk cpu %s, warm s %s, fresh s %s, fresh cpu s %s%s" % (
        load_average(), rng(all_sk, 1), rng(all_sk, 2), rng(all_my, 1), rng(all_my, 2), rng(all_my, 3),
        ", pt s %s (%s)" % (rng(all_pt, 1), " ".join(t[2] for t in all_pt)) if all_pt else ""), flush=True)
    print(flush=True)


def run_torch(a, seed, split):
    """PyTorch's fit of the defaults case at thread split "omp,blas": (accuracy, wall s)."""
    omp, blas = split.split(",")
    env = dict(os.environ, OMP_NUM_THREADS=omp, OPENBLAS_NUM_THREADS=blas)
    cmd = ["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_mlp_fit.py"),
           FASHION, str(a.defaults_train), str(a.defaults_test), str(seed), omp, "3"]
    f = result_fields(subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout)
    return f["acc"], f["fit_s"]


def print_defaults_row(label, r):
    ska, sks, skc, mya, warm, warmc, fresh, freshc, start = r[:9]
    line = "%4s | %7.4f %7.3f %7.3f | %7.4f %7.3f %8.3f %8.3f %9.3f %9.3f | %6.2fx %6.2fx | %7.2fx %7.2fx" % (
        label, ska, sks, skc, mya, warm, warmc, fresh, freshc, start, sks / warm, sks / fresh, skc / warmc,
        skc / freshc)
    if len(r) > 9:
        pta, pts, split = r[9:]
        line += " | %7.4f %7.3f %5s %5.2fx" % (pta, pts, split, pts / warm)
    print(line, flush=True)


def print_row(name, solver, max_iter, sk, my, flush=False):
    ska, skt, ski = (statistics.mean(r[i] for r in sk) for i in range(3))
    mya, myt, myi, myc = (statistics.mean(r[i] for r in my) for i in range(4))
    print("%-20s %-6s %4d | %7.4f %8.3f %5.1f | %7.4f %8.3f %8.3f %5.1f | %+7.4f %6.1fx %6.1fx" % (
        name, solver, max_iter, ska, skt, ski, mya, myt, myc, myi, mya - ska, skt / myt, skt / myc), flush=flush)


if __name__ == "__main__":
    main()
