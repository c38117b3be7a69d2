"""Data sets of scikit-learn 1.2's own estimator tests, for the Java ports in dev.myelin.estimator.conformance.

sklearn/neural_network/tests/test_mlp.py and sklearn/linear_model/tests/test_perceptron.py build their data at
import time (load_digits, load_iris, make_regression, make_multilabel_classification, seeded RandomStates); this
script builds the same arrays the same way and writes them once, so the Java tests run on identical numbers and
never call Python. Two data sets of test_mlp.py have no random_state there (test_multioutput_regression's
make_regression); they are exported with random_state=0 and the Java test says so. For test_perceptron.py the
script also records what its MyPerceptron reference and scikit-learn's Perceptron give.
Run: /usr/bin/python3 myelin-core/src/test/python/sklearn_conformance.py
"""
import numpy as np
import sklearn
from sklearn.datasets import load_digits, load_iris, make_multilabel_classification, make_regression
from sklearn.linear_model import Perceptron
from sklearn.preprocessing import MinMaxScaler, scale
from sklearn.utils import check_random_state

import fixtures


def m(a):
    """A matrix (or vector) as nested lists of Python numbers."""
    return np.asarray(a).tolist()


out = {"sklearn": sklearn.__version__}

# ---------------------------------------------------------------- test_mlp.py module-level data
X_digits, y_digits = load_digits(n_class=3, return_X_y=True)
out["digits_multi_X"] = m(MinMaxScaler().fit_transform(X_digits[:200]))
out["digits_multi_y"] = m(y_digits[:200])
X_digits, y_digits = load_digits(n_class=2, return_X_y=True)
out["digits_binary_X"] = m(MinMaxScaler().fit_transform(X_digits[:200]))
out["digits_binary_y"] = m(y_digits[:200])
out["digits2_X"] = m(X_digits)  # unscaled, the dtype-casting tests' X_digits (n_class=2)
out["digits2_y"] = m(y_digits)
X_reg, y_reg = make_regression(n_samples=200, n_features=10, bias=20.0, noise=100.0, random_state=7)
out["reg_X"] = m(X_reg)
out["reg_y"] = m(scale(y_reg))
iris = load_iris()
out["iris_X"] = m(iris.data)
out["iris_y"] = m(iris.target)

# ---------------------------------------------------------------- per-test data of test_mlp.py
rs = np.random.RandomState(seed=42)  # test_gradient
out["gradient_X"] = m(rs.rand(5, 10))
X, Y = make_multilabel_classification(n_samples=50, random_state=0, return_indicator=True)
out["multilabel_X"] = m(X)
out["multilabel_Y"] = m(Y)
X, y = make_regression(n_samples=200, n_targets=5, random_state=0)  # unseeded in the Python test
out["multioutput_X"] = m(X)
out["multioutput_y"] = m(y)
X, y = make_regression(n_samples=50, n_features=5, n_targets=1, random_state=0)  # test_shuffle
out["shuffle_X"] = m(X)
out["shuffle_y"] = m(y)
rng = np.random.RandomState(0)  # test_nonfinite_params
fmax = np.finfo(np.float64).max
out["nonfinite_X"] = m(fmax * rng.uniform(size=(10, 2)))
out["nonfinite_y"] = m(rng.standard_normal(size=10))

# ---------------------------------------------------------------- test_perceptron.py
random_state = check_random_state(12)
indices = np.arange(iris.data.shape[0])
random_state.shuffle(indices)
Xp = iris.data[indices]
yp = iris.target[indices]
out["perceptron_X"] = m(Xp)
out["perceptron_y"] = m(yp)
y_bin = yp.copy()
y_bin[yp != 1] = -1
w = np.zeros(Xp.shape[1])
b = 0.0
for _ in range(2):  # MyPerceptron(n_iter=2) of the test file
    for i in range(Xp.shape[0]):
        if np.sign(np.dot(Xp[i], w) + b) != y_bin[i]:
            w += y_bin[i] * Xp[i]
            b += y_bin[i]
out["my_perceptron_w"] = m(w)
clf = Perceptron(max_iter=2, shuffle=False, tol=None).fit(Xp, y_bin)
out["sklearn_perceptron_coef"] = m(clf.coef_.ravel())
out["sklearn_perceptron_intercept"] = float(clf.intercept_[0])
clf = Perceptron(max_iter=100, tol=None, shuffle=False).fit(Xp, yp)
out["sklearn_accuracy_score"] = float(clf.score(Xp, yp))

fixtures.save("sklearn_conformance", out)
