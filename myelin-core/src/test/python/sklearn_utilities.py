"""Reference outputs of scikit-learn 1.2's shared utilities (SklearnUtilitiesFixtureTest).

Folds (StratifiedKFold, KFold without shuffling), split sizes and per-class allocation of train_test_split
(stratified and not; only cases where scikit-learn's allocation does not depend on the random state, checked
over 50 states), classification_report text (rounding as Python's format: half-even on the exact binary value),
StandardScaler/MinMaxScaler attributes and output with constant features, LabelEncoder and OneHotEncoder on
numeric columns. Inputs are float32-representable so both sides start from the same numbers.
Run: /usr/bin/python3 myelin-core/src/test/python/sklearn_utilities.py
"""
import numpy as np
import sklearn
from sklearn.exceptions import NotFittedError
from sklearn.metrics import classification_report
from sklearn.model_selection import KFold, StratifiedKFold, train_test_split
from sklearn.preprocessing import LabelEncoder, MinMaxScaler, OneHotEncoder, StandardScaler

import fixtures

out = {"sklearn": sklearn.__version__}

# ---------------------------------------------------------------- folds
skf = []
for y, k in [([0] * 6 + [1] * 4, 3),
             ([2, 0, 1, 1, 0, 2, 2, 1, 0, 0, 2, 1, 1, 0], 4),
             ([5, 5, 5, 5, 5, 5, 5, 9, 9, 3, 3, 3, 9, 5, 3, 5, 5, 9, 3, 5], 3),
             ([1, 0] * 7 + [1] * 9, 5),
             (list(np.random.RandomState(3).randint(0, 4, size=37)), 5)]:
    y = [int(v) for v in y]
    folds = [test.tolist() for _, test in StratifiedKFold(n_splits=k).split(np.zeros(len(y)), y)]
    skf.append({"y": y, "n_splits": k, "test_folds": folds})
out["stratified_kfold"] = skf
out["kfold"] = [{"n": n, "n_splits": k, "test_folds": [t.tolist() for _, t in KFold(n_splits=k).split(np.zeros(n))]}
                for n, k in [(10, 3), (7, 7), (23, 4), (100, 5)]]

# ---------------------------------------------------------------- train_test_split
sizes = []
for n, ts in [(10, 0.25), (100, 0.3), (7, 0.5), (1000, 0.1), (33, 0.33)]:
    tr, te = train_test_split(np.arange(n), test_size=ts, random_state=0)
    sizes.append({"n": n, "test_size": ts, "n_train": len(tr), "n_test": len(te)})
out["split_sizes"] = sizes

strat = []
for counts, ts in [([80, 20], 0.25), ([50, 30, 20], 0.3), ([7, 5, 3], 0.4), ([13, 11, 6, 4], 0.35), ([60, 25, 15], 0.17),
                   ([9, 4, 2], 0.3), ([101, 37, 12], 0.2)]:
    y = np.concatenate([np.full(c, k) for k, c in enumerate(counts)])
    seen = set()
    for rs in range(50):
        tr, te = train_test_split(y, test_size=ts, stratify=y, random_state=rs)
        seen.add((tuple(np.bincount(tr, minlength=len(counts))), tuple(np.bincount(te, minlength=len(counts)))))
    if len(seen) != 1:
        continue  # ties between classes are broken at random: not a fixed reference
    (trc, tec), = seen
    strat.append({"class_counts": counts, "test_size": ts, "train_counts": [int(v) for v in trc],
                  "test_counts": [int(v) for v in tec]})
out["stratified_split"] = strat

# ---------------------------------------------------------------- classification_report
reports = []
for yt, yp, digits in [([0, 0, 1, 1, 2], [0, 1, 1, 1, 2], 2),
                       ([0] * 8 + [1] * 8, [0] + [1] * 7 + [1] * 8, 2),        # precision 8/15, recall 1/8 = 0.125
                       ([0] * 8 + [1] * 8, [0] * 5 + [1] * 3 + [1] * 8, 2),    # recall 0.625
                       ([0] * 8 + [1] * 8, [0] * 5 + [1] * 3 + [1] * 8, 1),
                       ([3, 1, 2, 3, 3, 1, 2, 2, 0, 0, 3], [3, 1, 1, 3, 2, 1, 2, 0, 0, 0, 3], 4),
                       ([1, 1, 1, 1], [1, 1, 0, 1], 3)]:
    reports.append({"y_true": yt, "y_pred": yp, "digits": digits,
                    "text": classification_report(yt, yp, digits=digits, zero_division=0)})
yt_s = ["cat", "dog", "cat", "bird", "dog", "cat", "bird", "cat"]
yp_s = ["cat", "cat", "cat", "bird", "dog", "dog", "cat", "cat"]
out["classification_report"] = reports
out["classification_report_strings"] = {"y_true": yt_s, "y_pred": yp_s, "digits": 2,
                                        "text": classification_report(yt_s, yp_s, digits=2, zero_division=0)}

# ---------------------------------------------------------------- scalers
x = np.array([[0.1, 3.0, 1e5 + 0.5, 1.0, -2.0],
              [0.1, 3.0, 1e5 + 0.5, 1.0009765625, 4.0],
              [0.1, 3.0, 1e5 + 0.5, 1.0, 0.5],
              [0.1, 3.0, 1e5 + 0.5, 1.0, 7.25],
              [0.1, 3.0, 1e5 + 0.5, 1.0009765625, -1.0],
              [0.1, 3.0, 1e5 + 0.5, 1.0, 2.0],
              [0.1, 3.0, 1e5 + 0.5, 1.0, 0.0]], dtype=np.float32).astype(np.float64)
ss = StandardScaler().fit(x)
out["standard_scaler"] = {"x": x.tolist(), "mean": ss.mean_.tolist(), "var": ss.var_.tolist(),
                          "scale": ss.scale_.tolist(), "transform": ss.transform(x).tolist()}
mm = []
for lo, hi in [(0, 1), (-1, 2)]:
    m = MinMaxScaler(feature_range=(lo, hi)).fit(x)
    mm.append({"feature_range": [lo, hi], "data_min": m.data_min_.tolist(), "data_max": m.data_max_.tolist(),
               "scale": m.scale_.tolist(), "min": m.min_.tolist(), "transform": m.transform(x).tolist()})
out["min_max_scaler"] = {"x": x.tolist(), "cases": mm}

# ---------------------------------------------------------------- encoders
try:
    LabelEncoder().classes_
    unfitted_raises = False
except (AttributeError, NotFittedError):
    unfitted_raises = True
labels = ["pear", "apple", "fig", "apple", "pear"]
le = LabelEncoder().fit(labels)
ints = [10, -3, 7, 10, 2]
lei = LabelEncoder().fit(ints)
out["label_encoder"] = {"labels": labels, "classes": le.classes_.tolist(), "codes": le.transform(labels).tolist(),
                        "ints": ints, "int_classes": lei.classes_.tolist(), "int_codes": lei.transform(ints).tolist(),
                        "unfitted_classes_raises": unfitted_raises}
cat = np.array([[10, 1.5], [2, 0.25], [2.5, 1.5], [-1, 0.25], [10, 3]], dtype=np.float32).astype(np.float64)
oh = OneHotEncoder(sparse_output=False).fit(cat)
ohi = OneHotEncoder(sparse_output=False, handle_unknown="ignore").fit(cat)
unknown = np.array([[2, 7], [4, 0.25]], dtype=np.float64)
out["one_hot_encoder"] = {"x": cat.tolist(), "categories": [c.tolist() for c in oh.categories_],
                          "transform": oh.transform(cat).tolist(), "unknown": unknown.tolist(),
                          "unknown_ignored": ohi.transform(unknown).tolist()}

fixtures.save("sklearn_utilities", out)
