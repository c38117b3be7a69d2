package dev.myelin.bench;

import java.util.List;

/**
 * The GEMM shapes Myelin is measured on, shared by {@link GemmBench} and the JMH benchmarks, and
 * mirrored by {@code bench/gemm_torch.py} (same names, so compare.sh can join the two outputs).
 */
public final class GemmShapes {

    /** One product: C[m×n] = op(A)·op(B) with op(A) m×k; {@code tA}/{@code tB} as in Gemm.sgemm. */
    public record Shape(String name, int m, int n, int k, boolean tA, boolean tB) {
        /** Floating-point operations of one product (multiply and add counted separately). */
        public double flops() {
            return 2.0 * m * n * k;
        }
    }

    /**
     * Square sizes, then an MLP 784-256-128-10 at batch 128: forward (A·B), weight gradient
     * (Aᵀ·B: Xᵀ·dY) and input gradient (A·Bᵀ: dY·Wᵀ) per layer, then a tiny product.
     */
    public static final List<Shape> ALL = List.of(
            new Shape("sq128", 128, 128, 128, false, false),
            new Shape("sq256", 256, 256, 256, false, false),
            new Shape("sq512", 512, 512, 512, false, false),
            new Shape("sq1024", 1024, 1024, 1024, false, false),
            new Shape("sq2048", 2048, 2048, 2048, false, false),
            new Shape("sq1024_TN", 1024, 1024, 1024, true, false),
            new Shape("sq1024_NT", 1024, 1024, 1024, false, true),
            new Shape("sq1024_TT", 1024, 1024, 1024, true, true),
            new Shape("mlp1_fwd", 128, 256, 784, false, false),
            new Shape("mlp1_dW", 784, 256, 128, true, false),
            new Shape("mlp1_dX", 128, 784, 256, false, true),
            new Shape("mlp2_fwd", 128, 128, 256, false, false),
            new Shape("mlp2_dW", 256, 128, 128, true, false),
            new Shape("mlp2_dX", 128, 256, 128, false, true),
            new Shape("mlp3_fwd", 128, 10, 128, false, false),
            new Shape("mlp3_dW", 128, 10, 128, true, false),
            new Shape("mlp3_dX", 128, 128, 10, false, true),
            new Shape("tiny_100x32x10", 100, 32, 10, false, false));

    private GemmShapes() {}
}
