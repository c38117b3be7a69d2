package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The direct GEMM for small or narrow products: no blocking, no A packing. op(B) is read in place
 * when it is stored k×n with n a multiple of the vector length; otherwise it is copied once into a
 * zero-padded row-major k×nPad buffer (nPad a multiple of the vector length), which also takes
 * care of B being transposed; A is read in place through a (row step, k step) pair, so both
 * layouts of A use the same loop. Register tiles are 2 rows × 2 vectors and 4 rows × 1 vector, with
 * 1-row variants for the edges and a scalar loop for the last rows of C when a full-width vector
 * there would run past the end of C's array. (4 × 2 was a little faster once compiled, but too big for C1: it
 * then ran interpreted until C2 got to it, 50-300x slower, for seconds on a busy machine.)
 *
 * <p>Each tile is its own small method with a single loop and no data-dependent branches (edges
 * and accumulate-or-overwrite are lane masks). That matters for the JIT: a branch the profile never
 * saw would deoptimize a big vector method back to the interpreter, where Vector API code runs
 * orders of magnitude slower, and small methods also stay compilable by C1.
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
        // op(B) as rows of a k×(multiple of L) matrix: B itself when it already is one, else a copy.
        float[] bt;
        int bBase;
        int bs;
        if (!transB && n % L == 0) {
            bt = b;
            bBase = bOff;
            bs = ldb;
        } else {
            bs = (n + L - 1) / L * L;
            float[][] holder = BUFFER.get();
            bt = holder[0];
            if (bt == null || bt.length < k * bs) {
                bt = new float[Math.max(k * bs, 1024)];
                holder[0] = bt;
            }
            packB(transB, k, n, bs, b, bOff, ldb, bt);
            bBase = 0;
        }
        // A(i, p) = a[aOff + i*rs + p*ps]
        int rs = transA ? 1 : lda;
        int ps = transA ? lda : 1;
        int loadLimit = accumulate ? n : 0; // lanes of C to read back: all or none
        for (int j = 0; j < n; j += 2 * L) {
            int bj = bBase + j;
            boolean twoVectors = n - j > L;
            // Rows whose full-width vector access of C stays inside the array: the masked access
            // of a vector that runs past the end takes a slow lane-by-lane path in the JDK, so the
            // last rows of a narrow C (n < L) are computed by the scalar loop instead.
            int width = twoVectors ? 2 * L : L;
            int safeRows = (int) Math.max(0, Math.min(m, Math.floorDiv((long) c.length - cOff - j - width, ldc) + 1));
            if (twoVectors) {
                int m2 = safeRows / 2 * 2;
                for (int i = 0; i < m2; i += 2) {
                    tile2x2(k, a, aOff + i * rs, rs, ps, bt, bj, bs, j, c, cOff + i * ldc + j, ldc, n, loadLimit);
                }
                for (int i = m2; i < safeRows; i++) {
                    tile1x2(k, a, aOff + i * rs, rs, ps, bt, bj, bs, j, c, cOff + i * ldc + j, ldc, n, loadLimit);
                }
            } else {
                int m4 = safeRows / 4 * 4;
                for (int i = 0; i < m4; i += 4) {
                    tile4x1(k, a, aOff + i * rs, rs, ps, bt, bj, bs, j, c, cOff + i * ldc + j, ldc, n, loadLimit);
                }
                for (int i = m4; i < safeRows; i++) {
                    tile1x1(k, a, aOff + i * rs, rs, ps, bt, bj, bs, j, c, cOff + i * ldc + j, ldc, n, loadLimit);
                }
            }
            scalarRows(safeRows, m, j, Math.min(n, j + width), k, a, aOff, rs, ps, bt, bBase, bs, c, cOff, ldc,
                    accumulate);
        }
    }

    /**
     * C rows [i0, m) × columns [j0, j1) with scalar FMAs in k order (the same arithmetic as a vector
     * lane of the tiles).
     */
    private static void scalarRows(int i0, int m, int j0, int j1, int k, float[] a, int aOff, int rs, int ps,
                                   float[] bt, int bBase, int bs, float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = i0; i < m; i++) {
            int ai = aOff + i * rs;
            for (int j = j0; j < j1; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum = Math.fma(a[ai + p * ps], bt[bBase + p * bs + j], sum);
                }
                int ci = cOff + i * ldc + j;
                c[ci] = accumulate ? c[ci] + sum : sum;
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

    /** One 2-row × 2-vector tile of C at row i, column j (see the class comment). */
    private static void tile2x2(int k, float[] a, int ai, int rs, int ps, float[] bt, int bj, int bs, int j,
                              float[] c, int co, int ldc, int n, int loadLimit) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bs;
            FloatVector b0 = FloatVector.fromArray(S, bt, bo);
            FloatVector b1 = FloatVector.fromArray(S, bt, bo + 1 * L);
            int ao = ai + p * ps;
            FloatVector a0 = FloatVector.broadcast(S, a[ao]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + rs]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
        }
        // Masks instead of branches: a branch the profile never saw would deoptimize this method.
        VectorMask<Float> ld0 = S.indexInRange(j, loadLimit);
        VectorMask<Float> st1 = S.indexInRange(j + 1 * L, n);
        VectorMask<Float> ld1 = S.indexInRange(j + 1 * L, loadLimit);
        c00.add(FloatVector.fromArray(S, c, co, ld0)).intoArray(c, co);
        c01.add(FloatVector.fromArray(S, c, co + 1 * L, ld1)).intoArray(c, co + 1 * L, st1);
        c10.add(FloatVector.fromArray(S, c, co + ldc, ld0)).intoArray(c, co + ldc);
        c11.add(FloatVector.fromArray(S, c, co + ldc + 1 * L, ld1)).intoArray(c, co + ldc + 1 * L, st1);
    }

    /** One 1-row × 2-vector tile of C at row i, column j (see the class comment). */
    private static void tile1x2(int k, float[] a, int ai, int rs, int ps, float[] bt, int bj, int bs, int j,
                              float[] c, int co, int ldc, int n, int loadLimit) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bs;
            FloatVector b0 = FloatVector.fromArray(S, bt, bo);
            FloatVector b1 = FloatVector.fromArray(S, bt, bo + 1 * L);
            int ao = ai + p * ps;
            FloatVector a0 = FloatVector.broadcast(S, a[ao]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
        }
        // Masks instead of branches: a branch the profile never saw would deoptimize this method.
        VectorMask<Float> ld0 = S.indexInRange(j, loadLimit);
        VectorMask<Float> st1 = S.indexInRange(j + 1 * L, n);
        VectorMask<Float> ld1 = S.indexInRange(j + 1 * L, loadLimit);
        c00.add(FloatVector.fromArray(S, c, co, ld0)).intoArray(c, co);
        c01.add(FloatVector.fromArray(S, c, co + 1 * L, ld1)).intoArray(c, co + 1 * L, st1);
    }

    /** One 4-row × 1-vector tile of C at row i, column j (see the class comment). */
    private static void tile4x1(int k, float[] a, int ai, int rs, int ps, float[] bt, int bj, int bs, int j,
                              float[] c, int co, int ldc, int n, int loadLimit) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bs;
            FloatVector b0 = FloatVector.fromArray(S, bt, bo);
            int ao = ai + p * ps;
            FloatVector a0 = FloatVector.broadcast(S, a[ao]);
            c00 = a0.fma(b0, c00);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + rs]);
            c10 = a1.fma(b0, c10);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * rs]);
            c20 = a2.fma(b0, c20);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3 * rs]);
            c30 = a3.fma(b0, c30);
        }
        // Masks instead of branches: a branch the profile never saw would deoptimize this method.
        VectorMask<Float> st0 = S.indexInRange(j, n);
        VectorMask<Float> ld0 = S.indexInRange(j, loadLimit);
        c00.add(FloatVector.fromArray(S, c, co, ld0)).intoArray(c, co, st0);
        c10.add(FloatVector.fromArray(S, c, co + ldc, ld0)).intoArray(c, co + ldc, st0);
        c20.add(FloatVector.fromArray(S, c, co + 2 * ldc, ld0)).intoArray(c, co + 2 * ldc, st0);
        c30.add(FloatVector.fromArray(S, c, co + 3 * ldc, ld0)).intoArray(c, co + 3 * ldc, st0);
    }

    /** One 1-row × 1-vector tile of C at row i, column j (see the class comment). */
    private static void tile1x1(int k, float[] a, int ai, int rs, int ps, float[] bt, int bj, int bs, int j,
                              float[] c, int co, int ldc, int n, int loadLimit) {
        FloatVector c00 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bs;
            FloatVector b0 = FloatVector.fromArray(S, bt, bo);
            int ao = ai + p * ps;
            FloatVector a0 = FloatVector.broadcast(S, a[ao]);
            c00 = a0.fma(b0, c00);
        }
        // Masks instead of branches: a branch the profile never saw would deoptimize this method.
        VectorMask<Float> st0 = S.indexInRange(j, n);
        VectorMask<Float> ld0 = S.indexInRange(j, loadLimit);
        c00.add(FloatVector.fromArray(S, c, co, ld0)).intoArray(c, co, st0);
    }
}
