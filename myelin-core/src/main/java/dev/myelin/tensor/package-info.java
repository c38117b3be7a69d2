/**
 * Tensors: n-dimensional float32 arrays with NumPy broadcasting, the differentiable ops on them, seeded
 * random generation and PyTorch-style printing; {@link dev.myelin.tensor.IndexTensor}, int32 indices for
 * the index ops. Each op family keeps forward and backward side by side.
 */
package dev.myelin.tensor;
