/**
 * Seeded train/validation/test splits (optionally stratified) and k-fold cross-validation
 * ({@link dev.myelin.data.split.KFold}, {@link dev.myelin.data.split.StratifiedKFold}) with scikit-learn semantics.
 */
package dev.myelin.data.split;
