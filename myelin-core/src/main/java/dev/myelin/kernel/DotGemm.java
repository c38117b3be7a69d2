package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dot-product GEMM for C narrower than one vector with A stored row-major: C (+)= A·op(B), n < L.
 * Each C element is the dot product of a row of A with a row of op(B)ᵀ, both contiguous along k, so
 * vectors run along k with every lane used. The broadcast kernel would fill only n of the L lanes of
 * a C row and issue one broadcast per FMA (a 10-class output layer used 10 of 16 lanes and ran at
 * half of OpenBLAS's speed).
 *
 * <p>A register tile of 8 rows × 2 columns keeps 16 vector sums: per step along k, 10 loads feed 16
 * FMAs. One transposing reduction then turns the 16 vectors into the 16 C values: four levels of
 * two-vector permutes and adds, each halving the lanes per sum and doubling the sums per vector. The
 * k % L last products of each element are added by a scalar loop after that reduction. Every
 * element is summed in the same fixed order whatever the tile, thread or JIT tier, so results are
 * deterministic. Edge tiles repeat the last row or column and store only the valid ones. Only for
 * 16-lane vectors (AVX-512); {@link #supported()} tells, and {@link Gemm} uses the broadcast kernel
 * otherwise.
 */
final class DotGemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int TILE_ROWS = 8;
    private static final int TILE_COLS = 2;

    // Lane selectors of the transposing reduction, level by level: LO picks the low half of each
    // partial sum of the two inputs, HI the high half.
    private static final FloatVector LO1 = selector(1, false), HI1 = selector(1, true);
    private static final FloatVector LO2 = selector(2, false), HI2 = selector(2, true);
    private static final FloatVector LO3 = selector(3, false), HI3 = selector(3, true);
    private static final FloatVector LO4 = selector(4, false), HI4 = selector(4, true);

    private static final int[] IDENTITY = java.util.stream.IntStream.range(0, L).toArray();

    private static final ThreadLocal<float[][]> BUFFER = ThreadLocal.withInitial(() -> new float[1][]);

    private DotGemm() {}

    /** Whether this kernel runs on this machine (its reduction is written for 16 lanes). */
    static boolean supported() {
        return L == 16;
    }

    /**
     * Index vector for level {@code level} (1..4) of the reduction over two vectors x and y that hold
     * 2^(level-1) partial sums of width w each: output lane t belongs to sum g = t / (w/2), the first
     * half of the sums from x, the second from y; {@code high} selects the upper half of that sum's lanes.
     */
    private static FloatVector selector(int level, boolean high) {
        float[] idx = new float[L];
        if (L != 16) {
            return FloatVector.fromArray(S, idx, 0); // unused: the kernel only runs with 16 lanes
        }
        int sumsIn = 1 << (level - 1);
        int w = L / sumsIn;
        int half = w / 2;
        for (int t = 0; t < L; t++) {
            int g = t / half;
            int o = t % half;
            int src = g < sumsIn ? g * w : L + (g - sumsIn) * w;
            idx[t] = src + (high ? half : 0) + o;
        }
        return FloatVector.fromArray(S, idx, 0);
    }

    static void gemm(
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
        gemm(transB, m, n, k, a, aOff, lda, b, bOff, ldb, null, c, cOff, ldc, accumulate);
    }

    /**
     * C (+)= A·Bᵀ where row j of B (n×k) starts at {@code b[bOff + bRows[j]]}: a convolution's weight gradient
     * against the shifted rows of its padded image ({@link ShiftedConv#backwardWeight}), never unfolded.
     */
    static void gemmCols(
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int[] bRows,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        if (bRows.length < n)
            throw new IllegalArgumentException("gemmCols: " + bRows.length + " row offsets for n = " + n);
        gemm(true, m, n, k, a, aOff, lda, b, bOff, 0, bRows, c, cOff, ldc, accumulate);
    }

    /** The common body: row j of op(B)ᵀ at {@code bOff + j·ldb}, or at {@code bOff + bRows[j]} when given. */
    private static void gemm(
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
            int[] bRows,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        // Rows of op(B)ᵀ: B itself when it is stored n×k, else a transposed copy (n×k is small: n < L).
        float[] bt;
        int bBase;
        int bs;
        if (transB) {
            bt = b;
            bBase = bOff;
            bs = ldb;
        } else {
            float[][] holder = BUFFER.get();
            bt = holder[0];
            if (bt == null || bt.length < n * k) {
                bt = new float[Math.max(n * k, 1024)];
                holder[0] = bt;
            }
            // Gathers of L elements down each column of B (faster here than a scalar transpose or
            // scatters along rows of B); the last k % L rows of B one by one.
            int[] down = new int[L];
            for (int t = 0; t < L; t++) {
                down[t] = t * ldb;
            }
            int kvPack = k / L * L;
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < kvPack; p += L) {
                    FloatVector.fromArray(S, b, bOff + p * ldb + j, down, 0).intoArray(bt, j * k + p);
                }
                for (int p = kvPack; p < k; p++) {
                    bt[j * k + p] = b[bOff + p * ldb + j];
                }
            }
            bBase = 0;
            bs = k;
        }
        int kv = k / L * L;
        float[] sums = new float[L];
        // Where the 16 sums of a tile go in C: (row r, column q) at r·ldc + q.
        int[] cMap = new int[L];
        for (int t = 0; t < L; t++) {
            cMap[t] = t / TILE_COLS * ldc + t % TILE_COLS;
        }
        int last = m - 1;
        for (int i = 0; i < m; i += TILE_ROWS) {
            int a0 = aOff + i * lda;
            int a1 = aOff + Math.min(i + 1, last) * lda;
            int a2 = aOff + Math.min(i + 2, last) * lda;
            int a3 = aOff + Math.min(i + 3, last) * lda;
            int a4 = aOff + Math.min(i + 4, last) * lda;
            int a5 = aOff + Math.min(i + 5, last) * lda;
            int a6 = aOff + Math.min(i + 6, last) * lda;
            int a7 = aOff + Math.min(i + 7, last) * lda;
            int rows = Math.min(TILE_ROWS, m - i);
            for (int j = 0; j < n; j += TILE_COLS) {
                int b0 = bBase + (bRows == null ? j * bs : bRows[j]);
                int b1 = bBase + (bRows == null ? Math.min(j + 1, n - 1) * bs : bRows[Math.min(j + 1, n - 1)]);
                int cols = Math.min(TILE_COLS, n - j);
                if (!accumulate && rows == TILE_ROWS && cols == TILE_COLS && kv == k) {
                    // A full tile: the 16 sums go straight to C.
                    tile8x2(kv, a, a0, a1, a2, a3, a4, a5, a6, a7, bt, b0, b1, c, cOff + i * ldc + j, cMap);
                    continue;
                }
                // Edges, a k tail or accumulating: through the scalar loop (a masked gather of C to
                // add into cost as much as the whole reduction).
                tile8x2(kv, a, a0, a1, a2, a3, a4, a5, a6, a7, bt, b0, b1, sums, 0, IDENTITY);
                for (int r = 0; r < rows; r++) {
                    int ar = a0 + r * lda;
                    int co = cOff + (i + r) * ldc + j;
                    for (int q = 0; q < cols; q++) {
                        float s = sums[r * TILE_COLS + q];
                        int br = q == 0 ? b0 : b1;
                        for (int p = kv; p < k; p++) {
                            s = Math.fma(a[ar + p], bt[br + p], s);
                        }
                        c[co + q] = accumulate ? c[co + q] + s : s;
                    }
                }
            }
        }
    }

    /**
     * Dot products of 8 rows of A (offsets a0..a7) with 2 rows of op(B)ᵀ (b0, b1) over the first kv
     * (a multiple of L) elements; writes the sum of (row r, column q) to dst[dOff + map[2r + q]]. One method
     * with the loads, FMAs and the reduction inline, so the JIT keeps every vector in a register.
     */
    private static void tile8x2(
            int kv,
            float[] a,
            int a0,
            int a1,
            int a2,
            int a3,
            int a4,
            int a5,
            int a6,
            int a7,
            float[] bt,
            int b0,
            int b1,
            float[] dst,
            int dOff,
            int[] map) {
        FloatVector s00 = FloatVector.zero(S), s01 = FloatVector.zero(S);
        FloatVector s10 = FloatVector.zero(S), s11 = FloatVector.zero(S);
        FloatVector s20 = FloatVector.zero(S), s21 = FloatVector.zero(S);
        FloatVector s30 = FloatVector.zero(S), s31 = FloatVector.zero(S);
        FloatVector s40 = FloatVector.zero(S), s41 = FloatVector.zero(S);
        FloatVector s50 = FloatVector.zero(S), s51 = FloatVector.zero(S);
        FloatVector s60 = FloatVector.zero(S), s61 = FloatVector.zero(S);
        FloatVector s70 = FloatVector.zero(S), s71 = FloatVector.zero(S);
        for (int p = 0; p < kv; p += L) {
            FloatVector w0 = FloatVector.fromArray(S, bt, b0 + p);
            FloatVector w1 = FloatVector.fromArray(S, bt, b1 + p);
            FloatVector x = FloatVector.fromArray(S, a, a0 + p);
            s00 = x.fma(w0, s00);
            s01 = x.fma(w1, s01);
            x = FloatVector.fromArray(S, a, a1 + p);
            s10 = x.fma(w0, s10);
            s11 = x.fma(w1, s11);
            x = FloatVector.fromArray(S, a, a2 + p);
            s20 = x.fma(w0, s20);
            s21 = x.fma(w1, s21);
            x = FloatVector.fromArray(S, a, a3 + p);
            s30 = x.fma(w0, s30);
            s31 = x.fma(w1, s31);
            x = FloatVector.fromArray(S, a, a4 + p);
            s40 = x.fma(w0, s40);
            s41 = x.fma(w1, s41);
            x = FloatVector.fromArray(S, a, a5 + p);
            s50 = x.fma(w0, s50);
            s51 = x.fma(w1, s51);
            x = FloatVector.fromArray(S, a, a6 + p);
            s60 = x.fma(w0, s60);
            s61 = x.fma(w1, s61);
            x = FloatVector.fromArray(S, a, a7 + p);
            s70 = x.fma(w0, s70);
            s71 = x.fma(w1, s71);
        }
        // Level 1: 16 sums of 16 lanes -> 8 vectors holding 2 sums of 8 lanes each, and so on.
        FloatVector u0 = LO1.selectFrom(s00, s01).add(HI1.selectFrom(s00, s01));
        FloatVector u1 = LO1.selectFrom(s10, s11).add(HI1.selectFrom(s10, s11));
        FloatVector u2 = LO1.selectFrom(s20, s21).add(HI1.selectFrom(s20, s21));
        FloatVector u3 = LO1.selectFrom(s30, s31).add(HI1.selectFrom(s30, s31));
        FloatVector u4 = LO1.selectFrom(s40, s41).add(HI1.selectFrom(s40, s41));
        FloatVector u5 = LO1.selectFrom(s50, s51).add(HI1.selectFrom(s50, s51));
        FloatVector u6 = LO1.selectFrom(s60, s61).add(HI1.selectFrom(s60, s61));
        FloatVector u7 = LO1.selectFrom(s70, s71).add(HI1.selectFrom(s70, s71));
        FloatVector v0 = LO2.selectFrom(u0, u1).add(HI2.selectFrom(u0, u1));
        FloatVector v1 = LO2.selectFrom(u2, u3).add(HI2.selectFrom(u2, u3));
        FloatVector v2 = LO2.selectFrom(u4, u5).add(HI2.selectFrom(u4, u5));
        FloatVector v3 = LO2.selectFrom(u6, u7).add(HI2.selectFrom(u6, u7));
        FloatVector w0 = LO3.selectFrom(v0, v1).add(HI3.selectFrom(v0, v1));
        FloatVector w1 = LO3.selectFrom(v2, v3).add(HI3.selectFrom(v2, v3));
        LO4.selectFrom(w0, w1).add(HI4.selectFrom(w0, w1)).intoArray(dst, dOff, map, 0);
    }
}
