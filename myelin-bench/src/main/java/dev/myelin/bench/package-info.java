/**
 * Benchmarks: JMH micro-benchmarks and plain runners for GEMM and the end-to-end workloads, each with a
 * PyTorch twin in {@code myelin-bench/bench/} so ratios are measured in the same run.
 */
package dev.myelin.bench;
