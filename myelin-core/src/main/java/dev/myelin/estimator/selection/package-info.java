/**
 * Model selection on arrays, as scikit-learn's {@code model_selection}: train/test splits (optionally stratified)
 * and k-fold cross-validation scores.
 */
package dev.myelin.estimator.selection;
