/**
 * The {@code spark-submit} entry point of the shaded {@code myelin-spark.jar}: {@code train}, {@code predict} and
 * {@code tune} on Parquet or CSV paths (picocli), with user errors (a task's included) reported in one line.
 */
package dev.myelin.spark.submit;
