/** Scores and reports for the estimators, as scikit-learn's {@code metrics}: accuracy, R², a classification report. */
package dev.myelin.estimator.metrics;
