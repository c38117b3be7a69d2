package dev.myelin.kernel;

/**
 * Plain-Java matrix multiply for a JVM without the Vector API module (see {@link Simd}): {@link Gemm}'s entry points
 * run this instead of their SIMD kernels. Each row of C is summed by one thread in k order, so results do not depend
 * on the thread count; they may differ from the SIMD kernels' in the last bits (another summation order). A
 * {@link PackedMatrix} built on this path holds op(B) row-major [k×n].
 */
final class GemmPlain {

    /** Multiply-adds per thread below which a product runs on the calling thread. */
    private static final long MIN_MACS_PER_THREAD = 1L << 18;

    private GemmPlain() {}

    /** C[m×n] (+)= op(A)·op(B), arguments already checked by {@link Gemm}; m, n, k &gt; 0. */
    static void gemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        long perRow = Math.max(1L, (long) n * k);
        int minRows = (int) Math.max(1, MIN_MACS_PER_THREAD / perRow);
        Parallel.forRange(m, minRows, (i0, i1) -> {
            float[] row = new float[n];
            for (int i = i0; i < i1; i++) {
                int co = cOff + i * ldc;
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        float s = 0f;
                        for (int p = 0; p < k; p++) {
                            s = Math.fma(
                                    transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p], b[bOff + j * ldb + p], s);
                        }
                        row[j] = s;
                    }
                } else {
                    java.util.Arrays.fill(row, 0f);
                    for (int p = 0; p < k; p++) {
                        float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        int bo = bOff + p * ldb;
                        for (int j = 0; j < n; j++) row[j] = Math.fma(aip, b[bo + j], row[j]);
                    }
                }
                if (accumulate) {
                    for (int j = 0; j < n; j++) c[co + j] += row[j];
                } else {
                    System.arraycopy(row, 0, c, co, n);
                }
            }
        });
    }

    /** op(B) as a row-major k×n copy: the plain path's {@link PackedMatrix} layout. */
    static float[] pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        float[] p = new float[k * n];
        for (int r = 0; r < k; r++) {
            for (int j = 0; j < n; j++) p[r * n + j] = transB ? b[bOff + j * ldb + r] : b[bOff + r * ldb + j];
        }
        return p;
    }

    /** C[m×n] (+)= A·B with B from {@link #pack}, on the calling thread. */
    static void gemm(
            int m, float[] a, int aOff, int lda, PackedMatrix b, float[] c, int cOff, int ldc, boolean accumulate) {
        int n = b.n(), k = b.k();
        float[] bp = b.panels();
        float[] row = new float[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0f);
            for (int p = 0; p < k; p++) {
                float aip = a[aOff + i * lda + p];
                for (int j = 0; j < n; j++) row[j] = Math.fma(aip, bp[p * n + j], row[j]);
            }
            int co = cOff + i * ldc;
            if (accumulate) {
                for (int j = 0; j < n; j++) c[co + j] += row[j];
            } else {
                System.arraycopy(row, 0, c, co, n);
            }
        }
    }
}
