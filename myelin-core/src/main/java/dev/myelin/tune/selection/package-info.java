/**
 * scikit-learn's model-selection searches over the estimators of {@link dev.myelin.estimator}:
 * {@link dev.myelin.tune.selection.GridSearchCV} and {@link dev.myelin.tune.selection.RandomizedSearchCV}, with
 * k-fold cross-validation, a refit of the best candidate on all data, and {@code cvResults}.
 */
package dev.myelin.tune.selection;
