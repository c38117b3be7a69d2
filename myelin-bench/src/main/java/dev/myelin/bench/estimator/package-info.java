/**
 * Myelin side of the scikit-learn estimator comparison ({@code bench/sklearn_compare.py}): fits the estimators on the
 * same data and prints accuracy and fit seconds.
 */
package dev.myelin.bench.estimator;
