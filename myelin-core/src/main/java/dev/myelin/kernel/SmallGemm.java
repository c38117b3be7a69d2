package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The direct GEMM for small or narrow products: no blocking, no A packing. op(B) is read in place
 * when it is stored k×n with n a multiple of the vector length; otherwise it is copied once into a
 * zero-padded row-major k×nPad buffer (nPad a multiple of the vector length), which also takes
 * care of B being transposed (by 16×16 in-register transposes with 16-lane vectors); A is read in
 * place through each row's start and a k step, so both
 * layouts of A, and rows gathered from anywhere in an array, use the same loop. Columns in blocks of
 * 4 full vectors use 4 × 4 and 2 × 4 register tiles (a wide C with few rows or a short k: weight
 * gradients and input gradients of small layers); the rest uses 8, 4 or 2 rows × 2 vectors (full or
 * masked) and 16 (A transposed), 8 or 4 rows × 1 vector, with a 1-row × 2-vector variant for the edges and a scalar loop
 * for the last rows of a single-vector block and for rows where a full-width vector would run past
 * the end of C's array. The masked tiles of one shape all compute the same arithmetic (sums from
 * zero in k order, C or zero added at the end), so which of them a row gets does not change its bits.
 * The wide tiles start their sums from C (accumulate) or from zeros and end with plain stores: with
 * the masked loads and stores of the narrow tiles C1 runs out of virtual registers on them, and a
 * method that C1 gives up on can stay at a slow tier for seconds before C2 gets to it.
 *
 * <p>Each tile is its own small method with a single loop and no data-dependent branches (edges
 * and accumulate-or-overwrite are lane masks). That matters for the JIT: a branch the profile never
 * saw would deoptimize a big vector method back to the interpreter, where Vector API code runs
 * orders of magnitude slower, and small methods also stay compilable by C1.
 */
final class SmallGemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private static final float[] ZEROS = new float[4 * L];

    private static final ThreadLocal<float[][]> BUFFER = ThreadLocal.withInitial(() -> new float[1][]);
    /** Sums of one 8-row × 2-vector tile on their way to C (see {@link #tile8x2Buffered}). */
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[16 * L]);

    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[256]);
    private static final ThreadLocal<int[][]> ROW_STARTS = ThreadLocal.withInitial(() -> new int[1][]);

    private SmallGemm() {}

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
        gemm(transA, transB, m, n, k, a, aOff, lda, null, 0, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /**
     * As {@link #gemm(boolean, boolean, int, int, int, float[], int, int, float[], int, int, float[], int, int,
     * boolean)}, but with {@code rows} (not null, A not transposed) row i of A is row rows[rowsOff + i] of the
     * matrix at a[aOff] (the gathered rows of a shuffled mini-batch, read in place).
     */
    static void gemm(
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int lda,
            int[] rows,
            int rowsOff,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        if (rows != null && transA) { // the transposed tiles read consecutive rows at one base
            throw new IllegalArgumentException("SmallGemm: gathered rows need A not transposed");
        }
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
        // A(i, p) = a[rb[i] + p*ps]: each row's start, so the tiles read gathered rows as they read plain ones.
        int ps = transA ? lda : 1;
        int[] rb = rowStarts(m, transA ? 1 : lda, aOff, rows, rowsOff);
        int loadLimit = accumulate ? n : 0; // lanes of C to read back: all or none
        // Blocks of 4 full vectors of columns first: 2×4 tiles need 6 loads per 8 FMAs where 2×2
        // tiles need 4 per 4, which left a wide C with few rows or a short k at half speed.
        // The wide tiles start from C when accumulating and from zeros otherwise (plain loads: C1
        // runs out of registers on the masked accesses the narrow tiles use, and a method C1 cannot
        // compile may stay slow for seconds).
        float[] init = accumulate ? c : ZEROS;
        float[] tile = TILE.get();
        int j4 = 0;
        for (; n - j4 >= 4 * L; j4 += 4 * L) {
            int bj = bBase + j4;
            int m4 = m / 4 * 4;
            for (int i = 0; i < m4; i += 4) {
                int co = cOff + i * ldc + j4;
                tile4x4(k, a, rb, i, ps, bt, bj, bs, init, accumulate ? co : 0, accumulate ? ldc : 0, c, co, ldc);
            }
            int m2 = m / 2 * 2;
            for (int i = m4; i < m2; i += 2) {
                int co = cOff + i * ldc + j4;
                tile2x4(k, a, rb, i, ps, bt, bj, bs, init, accumulate ? co : 0, accumulate ? ldc : 0, c, co, ldc);
            }
            if (m2 < m) {
                int co = cOff + m2 * ldc + j4;
                tile1x2(k, a, rb, m2, ps, bt, bj, bs, j4, c, co, ldc, n, loadLimit);
                tile1x2(k, a, rb, m2, ps, bt, bj + 2 * L, bs, j4 + 2 * L, c, co + 2 * L, ldc, n, loadLimit);
            }
        }
        for (int j = j4; j < n; j += 2 * L) {
            int bj = bBase + j;
            boolean twoVectors = n - j > L;
            // Rows whose full-width vector access of C stays inside the array: the masked access
            // of a vector that runs past the end takes a slow lane-by-lane path in the JDK, so the
            // last rows of a narrow C (n < L) are computed by the scalar loop instead.
            int width = twoVectors ? 2 * L : L;
            int safeRows = (int) Math.max(0, Math.min(m, Math.floorDiv((long) c.length - cOff - j - width, ldc) + 1));
            // Two full vectors of columns: 8-row tiles first (10 loads per 16 FMAs; a 32-unit layer's
            // forward and weight gradient), then the 2-row tiles for the rest.
            int i0 = 0;
            if (n - j >= 2 * L) {
                i0 = m / 8 * 8;
                for (int i = 0; i < i0; i += 8) {
                    int co = cOff + i * ldc + j;
                    tile8x2(k, a, rb, i, ps, bt, bj, bs, init, accumulate ? co : 0, accumulate ? ldc : 0, c, co, ldc);
                }
            }
            if (twoVectors) {
                if (n - j < 2 * L) {
                    // A partial pair of vectors (n = 28: 16 + 12 columns): 8-row tiles with the 2×2 tile's
                    // arithmetic and masks (16 independent sums instead of 4; attention scores with T = 28).
                    int m8 = Math.max(0, safeRows) / 8 * 8;
                    for (int i = 0; i < m8; i += 8) {
                        tile8x2Buffered(k, a, rb, i, ps, bt, bj, bs, tile);
                        addRows2(tile, 8, c, cOff + i * ldc + j, ldc, j, n, loadLimit);
                    }
                    if (safeRows - m8 >= 4) {
                        tile4x2Buffered(k, a, rb, m8, ps, bt, bj, bs, tile);
                        addRows2(tile, 4, c, cOff + m8 * ldc + j, ldc, j, n, loadLimit);
                        m8 += 4;
                    }
                    i0 = m8;
                }
                int m2 = i0 + Math.max(0, safeRows - i0) / 2 * 2;
                for (int i = i0; i < m2; i += 2) {
                    tile2x2(k, a, rb, i, ps, bt, bj, bs, j, c, cOff + i * ldc + j, ldc, n, loadLimit);
                }
                for (int i = m2; i < safeRows; i++) {
                    tile1x2(k, a, rb, i, ps, bt, bj, bs, j, c, cOff + i * ldc + j, ldc, n, loadLimit);
                }
            } else {
                // One vector of columns: 8-row tiles first (8 independent FMA chains hide the FMA latency that
                // bounds the 4-row tile; n = 16: attention's p·v with d = 16), then 4-row tiles.
                // The k loop's A reads as one base plus constant offsets (transposed A: 16 consecutive rows) or each
                // row's start plus p (A in place): C2 then checks their bounds once per tile, not per read, which a
                // general k step (p·ps) did not allow (128 x 16 x 128: 78-80 -> 93-99 GFLOP/s, transposed 72 ->
                // 108-112).
                int m8 = 0;
                if (transA) {
                    for (; m8 + 16 <= safeRows; m8 += 16) {
                        tile16x1Columns(k, a, rb[m8], ps, bt, bj, bs, tile);
                        addRows1(tile, 16, c, cOff + m8 * ldc + j, ldc, j, n, loadLimit);
                    }
                }
                for (; m8 + 8 <= safeRows; m8 += 8) {
                    if (transA) tile8x1Columns(k, a, rb[m8], ps, bt, bj, bs, tile);
                    else tile8x1Rows(k, a, rb, m8, bt, bj, bs, tile);
                    addRows1(tile, 8, c, cOff + m8 * ldc + j, ldc, j, n, loadLimit);
                }
                int m4 = m8 + (safeRows - m8) / 4 * 4;
                for (int i = m8; i < m4; i += 4) {
                    tile4x1(k, a, rb, i, ps, bt, bj, bs, j, c, cOff + i * ldc + j, ldc, n, loadLimit);
                }
                // The last 1-3 rows in plain Java: a 1-row vector tile is called so rarely that it runs boxed, not
                // compiled, for most of a short program (a tenth of a first small fit went there).
                safeRows = m4;
            }
            scalarRows(
                    Math.max(safeRows, i0),
                    m,
                    j,
                    Math.min(n, j + width),
                    k,
                    a,
                    rb,
                    ps,
                    bt,
                    bBase,
                    bs,
                    c,
                    cOff,
                    ldc,
                    accumulate);
        }
    }

    /** Where each of the m rows of op(A) starts in a: aOff + i·rs, or aOff + rows[rowsOff + i]·rs when gathered. */
    private static int[] rowStarts(int m, int rs, int aOff, int[] rows, int rowsOff) {
        int[][] holder = ROW_STARTS.get();
        int[] rb = holder[0];
        if (rb == null || rb.length < m) {
            rb = new int[Math.max(m, 256)];
            holder[0] = rb;
        }
        for (int i = 0; i < m; i++) {
            rb[i] = aOff + (rows == null ? i : rows[rowsOff + i]) * rs;
        }
        return rb;
    }

    /**
     * C rows [i0, m) × columns [j0, j1) with scalar FMAs in k order and C (or zero) added last: the same
     * arithmetic as a lane of the narrow tiles, so the same bits. Four columns at a time, so four
     * independent FMA chains overlap their latency.
     */
    private static void scalarRows(
            int i0,
            int m,
            int j0,
            int j1,
            int k,
            float[] a,
            int[] rb,
            int ps,
            float[] bt,
            int bBase,
            int bs,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        for (int i = i0; i < m; i++) {
            int ai = rb[i];
            int ci = cOff + i * ldc;
            int j = j0;
            for (; j + 4 <= j1; j += 4) {
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                for (int p = 0; p < k; p++) {
                    float x = a[ai + p * ps];
                    int bo = bBase + p * bs + j;
                    s0 = Math.fma(x, bt[bo], s0);
                    s1 = Math.fma(x, bt[bo + 1], s1);
                    s2 = Math.fma(x, bt[bo + 2], s2);
                    s3 = Math.fma(x, bt[bo + 3], s3);
                }
                store(c, ci + j, s0, accumulate);
                store(c, ci + j + 1, s1, accumulate);
                store(c, ci + j + 2, s2, accumulate);
                store(c, ci + j + 3, s3, accumulate);
            }
            for (; j < j1; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum = Math.fma(a[ai + p * ps], bt[bBase + p * bs + j], sum);
                }
                store(c, ci + j, sum, accumulate);
            }
        }
    }

    /** c[ci] = (C or 0) + sum, as the tiles' masked load and add: an underflowed -0 sum becomes +0 there too. */
    private static void store(float[] c, int ci, float sum, boolean accumulate) {
        c[ci] = (accumulate ? c[ci] : 0f) + sum;
    }

    private static void packB(boolean transB, int k, int n, int nPad, float[] b, int bOff, int ldb, float[] bt) {
        if (transB) {
            // B stored n×k: write column j of op(B) from row j of B.
            int p0 = 0;
            if (L == 16) {
                // 16×16 blocks by in-register transposes (PackedGemm's); a partial block of rows of B (n = 28:
                // rows 16..27) goes through a zero-padded 16×16 copy first. The scalar loop below cost as much
                // as the product itself for attention's q·kᵀ with T = 28.
                float[] scratch = null;
                for (; p0 + 16 <= k; p0 += 16) {
                    int j = 0;
                    for (; j + 16 <= n; j += 16) {
                        PackedGemm.transpose16(b, bOff + j * ldb + p0, ldb, bt, p0 * nPad + j, nPad);
                    }
                    if (j < n) {
                        if (scratch == null) {
                            scratch = SCRATCH.get();
                            java.util.Arrays.fill(scratch, (n - j) * 16, 256, 0f);
                        }
                        for (int t = 0; t < n - j; t++) { // vector copies: 16 floats per System.arraycopy cost more
                            FloatVector.fromArray(S, b, bOff + (j + t) * ldb + p0)
                                    .intoArray(scratch, t * 16);
                        }
                        PackedGemm.transpose16(scratch, 0, 16, bt, p0 * nPad + j, nPad);
                    }
                }
            }
            // The rest: the padding columns zeroed (the blocks above wrote theirs), then row p of op(B) is
            // column p of B: written contiguously, read with stride ldb (measured faster than reading B's rows
            // and writing bt with stride nPad).
            for (int p = p0; p < k; p++) {
                java.util.Arrays.fill(bt, p * nPad + n, p * nPad + nPad, 0f);
            }
            for (int p = p0; p < k; p++) {
                int dst = p * nPad;
                for (int j = 0; j < n; j++) {
                    bt[dst + j] = b[bOff + j * ldb + p];
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
    private static void tile2x2(
            int k,
            float[] a,
            int[] rb,
            int ri,
            int ps,
            float[] bt,
            int bj,
            int bs,
            int j,
            float[] c,
            int co,
            int ldc,
            int n,
            int loadLimit) {
        int ar0 = rb[ri];
        int ar1 = rb[ri + 1];
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bs;
            FloatVector b0 = FloatVector.fromArray(S, bt, bo);
            FloatVector b1 = FloatVector.fromArray(S, bt, bo + 1 * L);
            int po = p * ps;
            FloatVector a0 = FloatVector.broadcast(S, a[ar0 + po]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ar1 + po]);
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

    /** One 8-row × 2-vector tile of C at row i, full-width columns (see the class comment). */
    private static void tile8x2(
            int k,
            float[] a,
            int[] rb,
            int ri,
            int ps,
            float[] bt,
            int bj,
            int bs,
            float[] init,
            int io,
            int ldi,
            float[] c,
            int co,
            int ldc) {
        int ar0 = rb[ri];
        int ar1 = rb[ri + 1];
        int ar2 = rb[ri + 2];
        int ar3 = rb[ri + 3];
        int ar4 = rb[ri + 4];
        int ar5 = rb[ri + 5];
        int ar6 = rb[ri + 6];
        int ar7 = rb[ri + 7];
        FloatVector c00 = FloatVector.fromArray(S, init, io);
        FloatVector c01 = FloatVector.fromArray(S, init, io + L);
        FloatVector c10 = FloatVector.fromArray(S, init, io + ldi);
        FloatVector c11 = FloatVector.fromArray(S, init, io + ldi + L);
        FloatVector c20 = FloatVector.fromArray(S, init, io + 2 * ldi);
        FloatVector c21 = FloatVector.fromArray(S, init, io + 2 * ldi + L);
        FloatVector c30 = FloatVector.fromArray(S, init, io + 3 * ldi);
        FloatVector c31 = FloatVector.fromArray(S, init, io + 3 * ldi + L);
        FloatVector c40 = FloatVector.fromArray(S, init, io + 4 * ldi);
        FloatVector c41 = FloatVector.fromArray(S, init, io + 4 * ldi + L);
        FloatVector c50 = FloatVector.fromArray(S, init, io + 5 * ldi);
        FloatVector c51 = FloatVector.fromArray(S, init, io + 5 * ldi + L);
        FloatVector c60 = FloatVector.fromArray(S, init, io + 6 * ldi);
        FloatVector c61 = FloatVector.fromArray(S, init, io + 6 * ldi + L);
        FloatVector c70 = FloatVector.fromArray(S, init, io + 7 * ldi);
        FloatVector c71 = FloatVector.fromArray(S, init, io + 7 * ldi + L);
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bs;
            FloatVector b0 = FloatVector.fromArray(S, bt, bo);
            FloatVector b1 = FloatVector.fromArray(S, bt, bo + L);
            int po = p * ps;
            FloatVector x = FloatVector.broadcast(S, a[ar0 + po]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ar1 + po]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ar2 + po]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ar3 + po]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ar4 + po]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ar5 + po]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ar6 + po]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ar7 + po]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + L);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + L);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + L);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + L);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + L);
        c60.intoArray(c, co + 6 * ldc);
        c61.intoArray(c, co + 6 * ldc + L);
        c70.intoArray(c, co + 7 * ldc);
        c71.intoArray(c, co + 7 * ldc + L);
    }

    /** One 4-row × 4-vector tile of C at row i, full-width columns (see the class comment). */
    private static void tile4x4(
            int k,
            float[] a,
            int[] rb,
            int ri,
            int ps,
            float[] bt,
            int bj,
            int bs,
            float[] init,
            int io,
            int ldi,
            float[] c,
            int co,
            int ldc) {
        int ar0 = rb[ri];
        int ar1 = rb[ri + 1];
        int ar2 = rb[ri + 2];
        int ar3 = rb[ri + 3];
        FloatVector c00 = FloatVector.fromArray(S, init, io);
        FloatVector c01 = FloatVector.fromArray(S, init, io + L);
        FloatVector c02 = FloatVector.fromArray(S, init, io + 2 * L);
        FloatVector c03 = FloatVector.fromArray(S, init, io + 3 * L);
        FloatVector c10 = FloatVector.fromArray(S, init, io + ldi);
        FloatVector c11 = FloatVector.fromArray(S, init, io + ldi + L);
        FloatVector c12 = FloatVector.fromArray(S, init, io + ldi + 2 * L);
        FloatVector c13 = FloatVector.fromArray(S, init, io + ldi + 3 * L);
        FloatVector c20 = FloatVector.fromArray(S, init, io + 2 * ldi);
        FloatVector c21 = FloatVector.fromArray(S, init, io + 2 * ldi + L);
        FloatVector c22 = FloatVector.fromArray(S, init, io + 2 * ldi + 2 * L);
        FloatVector c23 = FloatVector.fromArray(S, init, io + 2 * ldi + 3 * L);
        FloatVector c30 = FloatVector.fromArray(S, init, io + 3 * ldi);
        FloatVector c31 = FloatVector.fromArray(S, init, io + 3 * ldi + L);
        FloatVector c32 = FloatVector.fromArray(S, init, io + 3 * ldi + 2 * L);
        FloatVector c33 = FloatVector.fromArray(S, init, io + 3 * ldi + 3 * L);
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bs;
            FloatVector b0 = FloatVector.fromArray(S, bt, bo);
            FloatVector b1 = FloatVector.fromArray(S, bt, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, bt, bo + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bt, bo + 3 * L);
            int po = p * ps;
            FloatVector x = FloatVector.broadcast(S, a[ar0 + po]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, a[ar1 + po]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(S, a[ar2 + po]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(S, a[ar3 + po]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
        }
        int o = co;
        c00.intoArray(c, o);
        c01.intoArray(c, o + L);
        c02.intoArray(c, o + 2 * L);
        c03.intoArray(c, o + 3 * L);
        o += ldc;
        c10.intoArray(c, o);
        c11.intoArray(c, o + L);
        c12.intoArray(c, o + 2 * L);
        c13.intoArray(c, o + 3 * L);
        o += ldc;
        c20.intoArray(c, o);
        c21.intoArray(c, o + L);
        c22.intoArray(c, o + 2 * L);
        c23.intoArray(c, o + 3 * L);
        o += ldc;
        c30.intoArray(c, o);
        c31.intoArray(c, o + L);
        c32.intoArray(c, o + 2 * L);
        c33.intoArray(c, o + 3 * L);
    }

    /** One 2-row × 4-vector tile of C at row i, full-width columns (see the class comment). */
    private static void tile2x4(
            int k,
            float[] a,
            int[] rb,
            int ri,
            int ps,
            float[] bt,
            int bj,
            int bs,
            float[] init,
            int io,
            int ldi,
            float[] c,
            int co,
            int ldc) {
        int ar0 = rb[ri];
        int ar1 = rb[ri + 1];
        FloatVector c00 = FloatVector.fromArray(S, init, io);
        FloatVector c01 = FloatVector.fromArray(S, init, io + L);
        FloatVector c02 = FloatVector.fromArray(S, init, io + 2 * L);
        FloatVector c03 = FloatVector.fromArray(S, init, io + 3 * L);
        FloatVector c10 = FloatVector.fromArray(S, init, io + ldi);
        FloatVector c11 = FloatVector.fromArray(S, init, io + ldi + L);
        FloatVector c12 = FloatVector.fromArray(S, init, io + ldi + 2 * L);
        FloatVector c13 = FloatVector.fromArray(S, init, io + ldi + 3 * L);
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bs;
            FloatVector b0 = FloatVector.fromArray(S, bt, bo);
            FloatVector b1 = FloatVector.fromArray(S, bt, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, bt, bo + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bt, bo + 3 * L);
            int po = p * ps;
            FloatVector a0 = FloatVector.broadcast(S, a[ar0 + po]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c02 = a0.fma(b2, c02);
            c03 = a0.fma(b3, c03);
            FloatVector a1 = FloatVector.broadcast(S, a[ar1 + po]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c12 = a1.fma(b2, c12);
            c13 = a1.fma(b3, c13);
        }
        int c1 = co + ldc;
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c02.intoArray(c, co + 2 * L);
        c03.intoArray(c, co + 3 * L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c12.intoArray(c, c1 + 2 * L);
        c13.intoArray(c, c1 + 3 * L);
    }

    /** One 1-row × 2-vector tile of C at row i, column j (see the class comment). */
    private static void tile1x2(
            int k,
            float[] a,
            int[] rb,
            int ri,
            int ps,
            float[] bt,
            int bj,
            int bs,
            int j,
            float[] c,
            int co,
            int ldc,
            int n,
            int loadLimit) {
        int ar0 = rb[ri];
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bs;
            FloatVector b0 = FloatVector.fromArray(S, bt, bo);
            FloatVector b1 = FloatVector.fromArray(S, bt, bo + 1 * L);
            int po = p * ps;
            FloatVector a0 = FloatVector.broadcast(S, a[ar0 + po]);
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

    /**
     * The sums of an 8-row × 2-vector tile from zero (rows ri.., columns at bj), stored with plain stores into
     * t (row r at t[2rL]); {@link #addRows2} then adds them to C with {@link #tile2x2}'s masks, so C gets the
     * 2×2 tile's bits. Masked loads and stores next to 16 accumulators make C1 give up on a method ("out of
     * virtual registers"), which then runs interpreted, hundreds of times slower, whenever its compiled caller
     * is deoptimized, until C2 compiles it on its own: seconds on a busy machine.
     */
    private static void tile8x2Buffered(
            int k, float[] a, int[] rb, int ri, int ps, float[] bt, int bj, int bs, float[] t) {
        int ar0 = rb[ri];
        int ar1 = rb[ri + 1];
        int ar2 = rb[ri + 2];
        int ar3 = rb[ri + 3];
        int ar4 = rb[ri + 4];
        int ar5 = rb[ri + 5];
        int ar6 = rb[ri + 6];
        int ar7 = rb[ri + 7];
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bs;
            FloatVector b0 = FloatVector.fromArray(S, bt, bo);
            FloatVector b1 = FloatVector.fromArray(S, bt, bo + L);
            int po = p * ps;
            FloatVector x = FloatVector.broadcast(S, a[ar0 + po]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ar1 + po]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ar2 + po]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ar3 + po]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ar4 + po]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ar5 + po]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ar6 + po]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ar7 + po]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(t, 0 * L);
        c01.intoArray(t, 1 * L);
        c10.intoArray(t, 2 * L);
        c11.intoArray(t, 3 * L);
        c20.intoArray(t, 4 * L);
        c21.intoArray(t, 5 * L);
        c30.intoArray(t, 6 * L);
        c31.intoArray(t, 7 * L);
        c40.intoArray(t, 8 * L);
        c41.intoArray(t, 9 * L);
        c50.intoArray(t, 10 * L);
        c51.intoArray(t, 11 * L);
        c60.intoArray(t, 12 * L);
        c61.intoArray(t, 13 * L);
        c70.intoArray(t, 14 * L);
        c71.intoArray(t, 15 * L);
    }

    /** {@link #tile8x2Buffered} on 4 rows (the last rows of a 28-row C). */
    private static void tile4x2Buffered(
            int k, float[] a, int[] rb, int ri, int ps, float[] bt, int bj, int bs, float[] t) {
        int ar0 = rb[ri];
        int ar1 = rb[ri + 1];
        int ar2 = rb[ri + 2];
        int ar3 = rb[ri + 3];
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bs;
            FloatVector b0 = FloatVector.fromArray(S, bt, bo);
            FloatVector b1 = FloatVector.fromArray(S, bt, bo + L);
            int po = p * ps;
            FloatVector x = FloatVector.broadcast(S, a[ar0 + po]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ar1 + po]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ar2 + po]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ar3 + po]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(t, 0 * L);
        c01.intoArray(t, 1 * L);
        c10.intoArray(t, 2 * L);
        c11.intoArray(t, 3 * L);
        c20.intoArray(t, 4 * L);
        c21.intoArray(t, 5 * L);
        c30.intoArray(t, 6 * L);
        c31.intoArray(t, 7 * L);
    }

    /**
     * The sums of an 8-row × 1-vector tile into t (row r at t[rL]), for {@link #addRows1}: {@link #tile4x1}'s bits,
     * A in place (row r's element p at a[rb[ri + r] + p]).
     */
    private static void tile8x1Rows(int k, float[] a, int[] rb, int ri, float[] bt, int bj, int bs, float[] t) {
        int ar0 = rb[ri];
        int ar1 = rb[ri + 1];
        int ar2 = rb[ri + 2];
        int ar3 = rb[ri + 3];
        int ar4 = rb[ri + 4];
        int ar5 = rb[ri + 5];
        int ar6 = rb[ri + 6];
        int ar7 = rb[ri + 7];
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bt, bj + p * bs);
            c00 = FloatVector.broadcast(S, a[ar0 + p]).fma(b0, c00);
            c10 = FloatVector.broadcast(S, a[ar1 + p]).fma(b0, c10);
            c20 = FloatVector.broadcast(S, a[ar2 + p]).fma(b0, c20);
            c30 = FloatVector.broadcast(S, a[ar3 + p]).fma(b0, c30);
            c40 = FloatVector.broadcast(S, a[ar4 + p]).fma(b0, c40);
            c50 = FloatVector.broadcast(S, a[ar5 + p]).fma(b0, c50);
            c60 = FloatVector.broadcast(S, a[ar6 + p]).fma(b0, c60);
            c70 = FloatVector.broadcast(S, a[ar7 + p]).fma(b0, c70);
        }
        c00.intoArray(t, 0 * L);
        c10.intoArray(t, 1 * L);
        c20.intoArray(t, 2 * L);
        c30.intoArray(t, 3 * L);
        c40.intoArray(t, 4 * L);
        c50.intoArray(t, 5 * L);
        c60.intoArray(t, 6 * L);
        c70.intoArray(t, 7 * L);
    }

    /**
     * As {@link #tile8x1Rows}, A transposed: row r's element p at a[a0 + p·lda + r], so each k step reads 8
     * consecutive values at one base.
     */
    private static void tile8x1Columns(int k, float[] a, int a0, int lda, float[] bt, int bj, int bs, float[] t) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        for (int p = 0, ao = a0; p < k; p++, ao += lda) {
            FloatVector b0 = FloatVector.fromArray(S, bt, bj + p * bs);
            c00 = FloatVector.broadcast(S, a[ao]).fma(b0, c00);
            c10 = FloatVector.broadcast(S, a[ao + 1]).fma(b0, c10);
            c20 = FloatVector.broadcast(S, a[ao + 2]).fma(b0, c20);
            c30 = FloatVector.broadcast(S, a[ao + 3]).fma(b0, c30);
            c40 = FloatVector.broadcast(S, a[ao + 4]).fma(b0, c40);
            c50 = FloatVector.broadcast(S, a[ao + 5]).fma(b0, c50);
            c60 = FloatVector.broadcast(S, a[ao + 6]).fma(b0, c60);
            c70 = FloatVector.broadcast(S, a[ao + 7]).fma(b0, c70);
        }
        c00.intoArray(t, 0 * L);
        c10.intoArray(t, 1 * L);
        c20.intoArray(t, 2 * L);
        c30.intoArray(t, 3 * L);
        c40.intoArray(t, 4 * L);
        c50.intoArray(t, 5 * L);
        c60.intoArray(t, 6 * L);
        c70.intoArray(t, 7 * L);
    }

    /** As {@link #tile8x1Columns} for 16 rows (twice the independent sums per B load: attention's Pᵀ·dO and dSᵀ·Q). */
    private static void tile16x1Columns(int k, float[] a, int a0, int lda, float[] bt, int bj, int bs, float[] t) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S);
        FloatVector c80 = FloatVector.zero(S);
        FloatVector c90 = FloatVector.zero(S);
        FloatVector ca0 = FloatVector.zero(S);
        FloatVector cb0 = FloatVector.zero(S);
        FloatVector cc0 = FloatVector.zero(S);
        FloatVector cd0 = FloatVector.zero(S);
        FloatVector ce0 = FloatVector.zero(S);
        FloatVector cf0 = FloatVector.zero(S);
        for (int p = 0, ao = a0; p < k; p++, ao += lda) {
            FloatVector b0 = FloatVector.fromArray(S, bt, bj + p * bs);
            c00 = FloatVector.broadcast(S, a[ao]).fma(b0, c00);
            c10 = FloatVector.broadcast(S, a[ao + 1]).fma(b0, c10);
            c20 = FloatVector.broadcast(S, a[ao + 2]).fma(b0, c20);
            c30 = FloatVector.broadcast(S, a[ao + 3]).fma(b0, c30);
            c40 = FloatVector.broadcast(S, a[ao + 4]).fma(b0, c40);
            c50 = FloatVector.broadcast(S, a[ao + 5]).fma(b0, c50);
            c60 = FloatVector.broadcast(S, a[ao + 6]).fma(b0, c60);
            c70 = FloatVector.broadcast(S, a[ao + 7]).fma(b0, c70);
            c80 = FloatVector.broadcast(S, a[ao + 8]).fma(b0, c80);
            c90 = FloatVector.broadcast(S, a[ao + 9]).fma(b0, c90);
            ca0 = FloatVector.broadcast(S, a[ao + 10]).fma(b0, ca0);
            cb0 = FloatVector.broadcast(S, a[ao + 11]).fma(b0, cb0);
            cc0 = FloatVector.broadcast(S, a[ao + 12]).fma(b0, cc0);
            cd0 = FloatVector.broadcast(S, a[ao + 13]).fma(b0, cd0);
            ce0 = FloatVector.broadcast(S, a[ao + 14]).fma(b0, ce0);
            cf0 = FloatVector.broadcast(S, a[ao + 15]).fma(b0, cf0);
        }
        c00.intoArray(t, 0 * L);
        c10.intoArray(t, 1 * L);
        c20.intoArray(t, 2 * L);
        c30.intoArray(t, 3 * L);
        c40.intoArray(t, 4 * L);
        c50.intoArray(t, 5 * L);
        c60.intoArray(t, 6 * L);
        c70.intoArray(t, 7 * L);
        c80.intoArray(t, 8 * L);
        c90.intoArray(t, 9 * L);
        ca0.intoArray(t, 10 * L);
        cb0.intoArray(t, 11 * L);
        cc0.intoArray(t, 12 * L);
        cd0.intoArray(t, 13 * L);
        ce0.intoArray(t, 14 * L);
        cf0.intoArray(t, 15 * L);
    }

    /** C rows (+)= t's rows of two vectors, as {@link #tile2x2}'s end: C (or zero) added, the second store masked at n. */
    private static void addRows2(float[] t, int rows, float[] c, int co, int ldc, int j, int n, int loadLimit) {
        VectorMask<Float> ld0 = S.indexInRange(j, loadLimit);
        VectorMask<Float> st1 = S.indexInRange(j + L, n);
        VectorMask<Float> ld1 = S.indexInRange(j + L, loadLimit);
        for (int r = 0, o = co; r < rows; r++, o += ldc) {
            FloatVector.fromArray(S, t, 2 * r * L)
                    .add(FloatVector.fromArray(S, c, o, ld0))
                    .intoArray(c, o);
            FloatVector.fromArray(S, t, (2 * r + 1) * L)
                    .add(FloatVector.fromArray(S, c, o + L, ld1))
                    .intoArray(c, o + L, st1);
        }
    }

    /** C rows (+)= t's rows of one vector, as {@link #tile4x1}'s end: C (or zero) added, the store masked at n. */
    private static void addRows1(float[] t, int rows, float[] c, int co, int ldc, int j, int n, int loadLimit) {
        VectorMask<Float> st0 = S.indexInRange(j, n);
        VectorMask<Float> ld0 = S.indexInRange(j, loadLimit);
        for (int r = 0, o = co; r < rows; r++, o += ldc) {
            FloatVector.fromArray(S, t, r * L)
                    .add(FloatVector.fromArray(S, c, o, ld0))
                    .intoArray(c, o, st0);
        }
    }

    /** One 4-row × 1-vector tile of C at row i, column j (see the class comment). */
    private static void tile4x1(
            int k,
            float[] a,
            int[] rb,
            int ri,
            int ps,
            float[] bt,
            int bj,
            int bs,
            int j,
            float[] c,
            int co,
            int ldc,
            int n,
            int loadLimit) {
        int ar0 = rb[ri];
        int ar1 = rb[ri + 1];
        int ar2 = rb[ri + 2];
        int ar3 = rb[ri + 3];
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int bo = bj + p * bs;
            FloatVector b0 = FloatVector.fromArray(S, bt, bo);
            int po = p * ps;
            FloatVector a0 = FloatVector.broadcast(S, a[ar0 + po]);
            c00 = a0.fma(b0, c00);
            FloatVector a1 = FloatVector.broadcast(S, a[ar1 + po]);
            c10 = a1.fma(b0, c10);
            FloatVector a2 = FloatVector.broadcast(S, a[ar2 + po]);
            c20 = a2.fma(b0, c20);
            FloatVector a3 = FloatVector.broadcast(S, a[ar3 + po]);
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
}
