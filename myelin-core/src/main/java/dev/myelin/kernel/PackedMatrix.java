package dev.myelin.kernel;

/**
 * The right operand op(B) [k×n] of many products packed once into the GEMM's micro-panels
 * ({@link Gemm#pack}), for a weight that multiplies a new left operand again and again: the recurrent weight
 * W_hh at every time step. {@link Gemm#sgemm(int, float[], int, int, PackedMatrix, float[], int, int, boolean)}
 * then skips the packing that {@link Gemm#sgemm} does on every call.
 */
public record PackedMatrix(int k, int n, float[] panels) {}
