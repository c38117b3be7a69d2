/** Synthetic data sets as arrays, in the spirit of scikit-learn's {@code make_classification} and {@code make_regression}. */
package dev.myelin.estimator.datasets;
