/**
 * Myelin on Apache Spark: Spark ML estimators and models ({@link dev.myelin.spark.MyelinClassifier},
 * {@link dev.myelin.spark.MyelinRegressor}), data-parallel training (synchronous gradients or parameter averaging),
 * hyperparameter search with one trial per Spark task, batch inference on DataFrames, and the {@code spark-submit}
 * entry point. Spark is a provided dependency: the cluster has it.
 */
package dev.myelin.spark;
