/**
 * Benchmarks for Myelin's kernels: JMH micro-benchmarks ({@code java -jar benchmarks.jar}) and
 * plain runners such as {@link dev.myelin.bench.GemmBench} whose tab-separated output
 * {@code bench/compare.sh} puts side by side with PyTorch's on the same shapes.
 */
package dev.myelin.bench;
