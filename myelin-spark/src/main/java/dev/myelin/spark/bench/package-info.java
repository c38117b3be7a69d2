/**
 * Measurements outside CI (docs/PERFORMANCE.md): Myelin's Spark training against MLlib's
 * MultilayerPerceptronClassifier on Fashion-MNIST, and throughput by number of local cores.
 */
package dev.myelin.spark.bench;
