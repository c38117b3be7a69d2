"""Reference outputs of numpy's legacy RandomState and of scikit-learn 1.2's seeded splitters (NumpyRandomStateTest,
SklearnSeededSplitsTest).

numpy part: the MT19937 raw 32-bit outputs after RandomState(int) seeding (init_genrand) and RandomState(array)
seeding (init_by_array), including outputs past the first and second regeneration of the 624-word state;
permutation(n) of several sizes and seeds; several draws in a row from one RandomState; choice(replace=False).
scikit-learn part: sklearn.utils._approximate_mode with ties, train_test_split's row indices (plain and stratified,
test size as a fraction and as a count, several seeds and class imbalances), StratifiedKFold(shuffle=True) and
KFold(shuffle=True) test folds. Sizes stay small (up to 1000 rows) to keep the fixture short.
Run: /usr/bin/python3 myelin-core/src/test/python/numpy_random_state.py
"""
import numpy as np
import sklearn
from sklearn.model_selection import KFold, StratifiedKFold, train_test_split
from sklearn.utils import _approximate_mode

import fixtures


def ints(a):
    return [int(v) for v in a]


out = {"numpy": np.__version__, "sklearn": sklearn.__version__}

# ---------------------------------------------------------------- raw MT19937 outputs
raw = []
for seed in [0, 1, 42, 12345, 2**31, 2**32 - 1]:
    r = np.random.RandomState(seed)._bit_generator.random_raw(1300)
    raw.append({"seed": seed, "first": ints(r[:8]), "at620": ints(r[620:630]), "at1245": ints(r[1245:1250])})
out["raw"] = raw
raw_array = []
for key in [[0], [1, 2, 3], [2**32 - 1, 7], list(range(700))]:
    r = np.random.RandomState(key)._bit_generator.random_raw(630)
    raw_array.append({"key": key, "first": ints(r[:8]), "at620": ints(r[620:630])})
out["raw_array_seed"] = raw_array

# ---------------------------------------------------------------- permutation / shuffle / choice
perms = []
for seed in [0, 7, 42]:
    for n in [0, 1, 2, 5, 17, 100]:
        perms.append({"seed": seed, "n": n, "permutation": ints(np.random.RandomState(seed).permutation(n))})
perms.append({"seed": 3, "n": 1000, "permutation": ints(np.random.RandomState(3).permutation(1000))})
out["permutation"] = perms
rs = np.random.RandomState(11)
out["consecutive"] = {"seed": 11, "sizes": [3, 10, 1, 64, 7],
                      "permutations": [ints(rs.permutation(n)) for n in [3, 10, 1, 64, 7]]}
choices = []
for seed, pop, size in [(0, 5, 2), (1, 10, 10), (5, 33, 4), (9, 1, 1)]:
    pool = np.arange(100, 100 + pop)
    choices.append({"seed": seed, "pool": ints(pool), "size": size,
                    "choice": ints(np.random.RandomState(seed).choice(pool, size=size, replace=False))})
out["choice"] = choices

# ---------------------------------------------------------------- _approximate_mode
modes = []
for counts, draws in [([4, 2], 3), ([5, 2], 4), ([2, 2, 2, 1], 2), ([3, 3, 3, 3, 3], 7), ([10, 10, 1], 5),
                      ([7, 7, 7], 10)]:
    for seed in [0, 42, 3]:
        modes.append({"counts": counts, "draws": draws, "seed": seed,
                      "mode": ints(_approximate_mode(np.array(counts), draws, np.random.RandomState(seed)))})
out["approximate_mode"] = modes

# ---------------------------------------------------------------- train_test_split
splits = []
for n, ts in [(10, 0.25), (7, 0.5), (100, 0.3), (1000, 0.1), (12, 5), (50, 1)]:
    for seed in [0, 1, 42]:
        tr, te = train_test_split(np.arange(n), test_size=ts, random_state=seed)
        splits.append({"n": n, "test_size": ts, "seed": seed, "train": ints(tr), "test": ints(te)})
out["train_test_split"] = splits
strat = []
for counts, ts in [([6, 4], 0.3), ([50, 30, 20], 0.3), ([7, 5, 3], 0.4), ([13, 11, 6, 4], 0.35), ([3, 3, 3, 3], 0.5),
                   ([80, 20], 7), ([9, 4, 2], 6), ([101, 37, 12], 0.2), ([5, 5, 5], 4)]:
    for seed in [0, 3, 42]:
        y = np.concatenate([np.full(c, k) for k, c in enumerate(counts)])
        y = y[np.random.RandomState(100 + seed).permutation(len(y))]  # classes interleaved, not in blocks
        tr, te = train_test_split(np.arange(len(y)), test_size=ts, stratify=y, random_state=seed)
        strat.append({"y": ints(y), "test_size": ts, "seed": seed, "train": ints(tr), "test": ints(te)})
out["stratified_train_test_split"] = strat

# ---------------------------------------------------------------- shuffled k-fold
skf = []
for y, k in [([0] * 6 + [1] * 4, 3),
             ([2, 0, 1, 1, 0, 2, 2, 1, 0, 0, 2, 1, 1, 0], 4),
             ([5, 5, 5, 5, 5, 5, 5, 9, 9, 3, 3, 3, 9, 5, 3, 5, 5, 9, 3, 5], 3),
             (ints(np.random.RandomState(3).randint(0, 4, size=37)), 5)]:
    for seed in [0, 1, 42]:
        folds = [ints(t) for _, t in StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
                 .split(np.zeros(len(y)), y)]
        skf.append({"y": y, "n_splits": k, "seed": seed, "test_folds": folds})
out["stratified_kfold_shuffled"] = skf
kf = []
for n, k in [(10, 3), (7, 7), (23, 4), (100, 5)]:
    for seed in [0, 1, 42]:
        kf.append({"n": n, "n_splits": k, "seed": seed,
                   "test_folds": [ints(t) for _, t in KFold(n_splits=k, shuffle=True, random_state=seed)
                                  .split(np.zeros(n))]})
out["kfold_shuffled"] = kf

fixtures.save("numpy_random_state", out)
