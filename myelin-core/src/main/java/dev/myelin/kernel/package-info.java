/**
 * Compute kernels on plain float arrays (GEMM, vectorized loops); they know nothing of tensors or autograd.
 */
package dev.myelin.kernel;
