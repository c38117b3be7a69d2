/**
 * Fast CPU kernels on plain {@code float[]} arrays with offsets: packed, register-tiled,
 * multithreaded GEMM; vectorized elementwise ops and reductions; softmax; im2col/col2im; recurrent
 * cells and whole recurrent sequences, forward and backward through time; batch and layer normalization; fused
 * block-wise (flash) attention with its backward.
 * Kernels know nothing about tensors or autograd; they use the Vector API and the shared
 * {@link dev.myelin.kernel.Parallel} pool. Each Vector API kernel has a plain-Java twin ({@code *Plain}) that runs
 * when the JVM lacks {@code jdk.incubator.vector}; {@link dev.myelin.kernel.Simd} decides which, once.
 */
package dev.myelin.kernel;
