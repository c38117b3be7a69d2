package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The direct GEMM for small products: single-threaded, no blocking, no A packing. op(B) is copied
 * once into a zero-padded row-major k×nPad buffer (nPad a multiple of the vector length), which
 * also takes care of B being transposed; A is read in place through a (row step, k step) pair, so
 * both layouts of A use the same loop. The register tile is 4 rows × 2 vectors (or × 1 vector for
 * the last columns); only the C stores are masked.
 */
final class SmallGemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private static final ThreadLocal<float[][]> BUFFER = ThreadLocal.withInitial(() -> new float[1][]);

    private SmallGemm() {
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        int nPad = (n + L - 1) / L * L;
        float[][] holder = BUFFER.get();
        float[] bt = holder[0];
        if (bt == null || bt.length < k * nPad) {
            bt = new float[Math.max(k * nPad, 1024)];
            holder[0] = bt;
        }
        packB(transB, k, n, nPad, b, bOff, ldb, bt);
        // A(i, p) = a[aOff + i*rs + p*ps]
        int rs = transA ? 1 : lda;
        int ps = transA ? lda : 1;
        for (int j = 0; j < n; j += 2 * L) {
            if (n - j > L) {
                cols2(m, n, k, j, nPad, a, aOff, rs, ps, bt, c, cOff, ldc, accumulate);
            } else {
                cols1(m, n, k, j, nPad, a, aOff, rs, ps, bt, c, cOff, ldc, accumulate);
            }
        }
    }

    private static void packB(boolean transB, int k, int n, int nPad, float[] b, int bOff, int ldb, float[] bt) {
        if (transB) {
            // B stored n×k: write column j of op(B) from row j of B.
            for (int p = 0; p < k; p++) {
                java.util.Arrays.fill(bt, p * nPad + n, p * nPad + nPad, 0f);
            }
            for (int j = 0; j < n; j++) {
                int src = bOff + j * ldb;
                for (int p = 0; p < k; p++) {
                    bt[p * nPad + j] = b[src + p];
                }
            }
        } else {
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, bOff + p * ldb, bt, p * nPad, n);
                java.util.Arrays.fill(bt, p * nPad + n, p * nPad + nPad, 0f);
            }
        }
    }

    /** Columns [j, j+2L) of C (the second vector possibly partial). */
    private static void cols2(int m, int n, int k, int j, int nPad, float[] a, int aOff, int rs, int ps,
                              float[] bt, float[] c, int cOff, int ldc, boolean accumulate) {
        VectorMask<Float> m1 = S.indexInRange(j + L, n);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
            int a0 = aOff + i * rs;
            for (int p = 0; p < k; p++) {
                int bo = p * nPad + j;
                FloatVector b0 = FloatVector.fromArray(S, bt, bo);
                FloatVector b1 = FloatVector.fromArray(S, bt, bo + L);
                int ai = a0 + p * ps;
                FloatVector av = FloatVector.broadcast(S, a[ai]);
                c00 = av.fma(b0, c00);
                c01 = av.fma(b1, c01);
                av = FloatVector.broadcast(S, a[ai + rs]);
                c10 = av.fma(b0, c10);
                c11 = av.fma(b1, c11);
                av = FloatVector.broadcast(S, a[ai + 2 * rs]);
                c20 = av.fma(b0, c20);
                c21 = av.fma(b1, c21);
                av = FloatVector.broadcast(S, a[ai + 3 * rs]);
                c30 = av.fma(b0, c30);
                c31 = av.fma(b1, c31);
            }
            int co = cOff + i * ldc + j;
            if (accumulate) {
                c00 = c00.add(FloatVector.fromArray(S, c, co));
                c01 = c01.add(FloatVector.fromArray(S, c, co + L, m1));
                c10 = c10.add(FloatVector.fromArray(S, c, co + ldc));
                c11 = c11.add(FloatVector.fromArray(S, c, co + ldc + L, m1));
                c20 = c20.add(FloatVector.fromArray(S, c, co + 2 * ldc));
                c21 = c21.add(FloatVector.fromArray(S, c, co + 2 * ldc + L, m1));
                c30 = c30.add(FloatVector.fromArray(S, c, co + 3 * ldc));
                c31 = c31.add(FloatVector.fromArray(S, c, co + 3 * ldc + L, m1));
            }
            c00.intoArray(c, co);
            c01.intoArray(c, co + L, m1);
            c10.intoArray(c, co + ldc);
            c11.intoArray(c, co + ldc + L, m1);
            c20.intoArray(c, co + 2 * ldc);
            c21.intoArray(c, co + 2 * ldc + L, m1);
            c30.intoArray(c, co + 3 * ldc);
            c31.intoArray(c, co + 3 * ldc + L, m1);
        }
        for (; i < m; i++) {
            FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
            int a0 = aOff + i * rs;
            for (int p = 0; p < k; p++) {
                int bo = p * nPad + j;
                FloatVector av = FloatVector.broadcast(S, a[a0 + p * ps]);
                c00 = av.fma(FloatVector.fromArray(S, bt, bo), c00);
                c01 = av.fma(FloatVector.fromArray(S, bt, bo + L), c01);
            }
            int co = cOff + i * ldc + j;
            if (accumulate) {
                c00 = c00.add(FloatVector.fromArray(S, c, co));
                c01 = c01.add(FloatVector.fromArray(S, c, co + L, m1));
            }
            c00.intoArray(c, co);
            c01.intoArray(c, co + L, m1);
        }
    }

    /** Columns [j, min(n, j+L)) of C. */
    private static void cols1(int m, int n, int k, int j, int nPad, float[] a, int aOff, int rs, int ps,
                              float[] bt, float[] c, int cOff, int ldc, boolean accumulate) {
        VectorMask<Float> m0 = S.indexInRange(j, n);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
            FloatVector c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
            int a0 = aOff + i * rs;
            for (int p = 0; p < k; p++) {
                FloatVector b0 = FloatVector.fromArray(S, bt, p * nPad + j);
                int ai = a0 + p * ps;
                c0 = FloatVector.broadcast(S, a[ai]).fma(b0, c0);
                c1 = FloatVector.broadcast(S, a[ai + rs]).fma(b0, c1);
                c2 = FloatVector.broadcast(S, a[ai + 2 * rs]).fma(b0, c2);
                c3 = FloatVector.broadcast(S, a[ai + 3 * rs]).fma(b0, c3);
            }
            int co = cOff + i * ldc + j;
            if (accumulate) {
                c0 = c0.add(FloatVector.fromArray(S, c, co, m0));
                c1 = c1.add(FloatVector.fromArray(S, c, co + ldc, m0));
                c2 = c2.add(FloatVector.fromArray(S, c, co + 2 * ldc, m0));
                c3 = c3.add(FloatVector.fromArray(S, c, co + 3 * ldc, m0));
            }
            c0.intoArray(c, co, m0);
            c1.intoArray(c, co + ldc, m0);
            c2.intoArray(c, co + 2 * ldc, m0);
            c3.intoArray(c, co + 3 * ldc, m0);
        }
        for (; i < m; i++) {
            FloatVector c0 = FloatVector.zero(S);
            int a0 = aOff + i * rs;
            for (int p = 0; p < k; p++) {
                c0 = FloatVector.broadcast(S, a[a0 + p * ps]).fma(FloatVector.fromArray(S, bt, p * nPad + j), c0);
            }
            int co = cOff + i * ldc + j;
            if (accumulate) {
                c0 = c0.add(FloatVector.fromArray(S, c, co, m0));
            }
            c0.intoArray(c, co, m0);
        }
    }
}
