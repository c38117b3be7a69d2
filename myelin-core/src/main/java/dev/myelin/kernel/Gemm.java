package dev.myelin.kernel;

/**
 * Single-precision matrix multiply on row-major {@code float[]} slices: C (+)= op(A)·op(B).
 *
 * <p>Small or narrow products run a direct register-tiled loop with no packing of A and no threads
 * below 256K multiply-adds per thread (a tiny MLP step must cost microseconds); C narrower than a
 * vector with A's rows contiguous (a 10-class output layer) runs as dot products along k
 * ({@link DotGemm}). Larger ones go to
 * the packed path: packed B panels, a 6×64 register-tiled micro-kernel, KC/MC/NC cache blocking and
 * the shared {@link Parallel} pool. All four transpose variants run without materializing a
 * transpose. The path is chosen from the shape alone and every C element is computed by one thread
 * in a fixed order, so results are bit-identical for the same shapes, and in fact independent of
 * the thread count.
 */
public final class Gemm {

    /** Products with at most this many multiply-adds use the direct loop. */
    static final long DIRECT_MAX_FLOPS = 64L * 64 * 64;
    /** Products with at most this many columns use the direct loop whatever their size. */
    static final int DIRECT_MAX_N = 32;
    /** Multiply-adds per thread below which splitting the direct loop does not pay (measured). */
    static final long DIRECT_MIN_FLOPS_PER_THREAD = 1L << 18;
    /** Rows per thread-split unit of the direct paths: the tallest tile of SmallGemm and DotGemm. */
    private static final int ROW_GROUP = 8;

    private static final int LANES = Simd.lanes();
    /** Largest narrow Aᵀ·B product computed as (Bᵀ·A)ᵀ on one thread. */
    static final long TRANSPOSED_MAX_FLOPS = 1L << 20;

    private static final ThreadLocal<float[][]> CT = ThreadLocal.withInitial(() -> new float[1][]);
    private static final ThreadLocal<float[][]> GATHERED = ThreadLocal.withInitial(() -> new float[1][]);

    private Gemm() {}

    /**
     * C (+)= Aᵀ·op(B) for a narrow C (a weight gradient into a small layer): computes Cᵀ = op(B)ᵀ·A, where
     * A (stored k×m) is already row-major along m, so vectors run along m with every lane used, then adds
     * Cᵀ back transposed. With {@code direct} (C narrower than a vector, a small product) Cᵀ comes from the
     * direct kernel, so each element's sum over k is one FMA chain in k order, as on the direct path; else
     * from {@link #sgemm}, for a long k (all time steps of a sequence), where the direct loop would stream
     * op(B) from L2 and touch a new row of A per k step.
     */
    private static void transposed(
            boolean direct,
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
        float[][] holder = CT.get();
        float[] ct = holder[0];
        if (ct == null || ct.length < n * m) {
            ct = new float[Math.max(n * m, 1024)];
            holder[0] = ct;
        }
        // op(B)ᵀ is n×k: stored transposed when B is k×n, as is when B is n×k.
        if (direct) {
            SmallGemm.gemm(!transB, false, n, m, k, b, bOff, ldb, a, aOff, lda, ct, 0, m, false);
        } else {
            sgemm(!transB, false, n, m, k, b, bOff, ldb, a, aOff, lda, ct, 0, m, false);
        }
        Transpose.transpose(ct, 0, m, n, m, c, cOff, ldc, accumulate);
    }

    /**
     * Runs {@code body} on row ranges of a direct product with {@code macs} multiply-adds: inline below
     * {@link #DIRECT_MIN_FLOPS_PER_THREAD} per thread, else split over the pool in groups of
     * {@link #ROW_GROUP} rows, the tallest direct tile, so every row gets the same tile, and the same
     * bits, whatever the thread count.
     */
    private static void splitRows(int m, long macs, Parallel.RangeBody body) {
        int groups = (m + ROW_GROUP - 1) / ROW_GROUP;
        int minChunk = (int) Math.max(1, DIRECT_MIN_FLOPS_PER_THREAD / Math.max(1, macs / groups));
        if (Parallel.chunks(groups, minChunk) == 1) {
            body.run(0, m);
            return;
        }
        Parallel.forRange(groups, minChunk, (g0, g1) -> body.run(g0 * ROW_GROUP, Math.min(m, g1 * ROW_GROUP)));
    }

    /**
     * Row-major C[m×n] (+)= op(A)·op(B); op(A) is m×k, op(B) is k×n. {@code transA} means A is
     * stored k×m (lda ≥ m), {@code transB} means B is stored n×k (ldb ≥ k). {@code accumulate=false}
     * overwrites C, {@code true} adds into C. m, n or k may be 0 (C is zero-filled when
     * {@code !accumulate} and k == 0).
     *
     * @throws IllegalArgumentException if a dimension is negative, a leading dimension is too small,
     *     or a slice does not fit its array
     */
    public static void sgemm(
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
        check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        if (!Simd.ENABLED) { // no Vector API module: plain loops (see Simd)
            GemmPlain.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        long macs = (long) m * n * k;
        if (transA && n < LANES && m >= LANES && macs <= TRANSPOSED_MAX_FLOPS) {
            transposed(true, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        if (transA && n <= DIRECT_MAX_N && m > DIRECT_MAX_N && k > PackedGemm.KC) {
            // Narrow C, long k (dW_ih = dGatesᵀ·X over all steps of a sequence of 28 features): 2-4x faster
            // as the wide Cᵀ on the packed path than on the direct loop (measured at 512×28×3584).
            transposed(false, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        if (!transA && dotPath(n, k)) {
            // C narrower than a vector, rows of A contiguous along k: dot products along k. (Below
            // three vectors of k the tile's reduction costs more than the broadcast kernel's waste.)
            splitRows(
                    m,
                    macs,
                    (i0, i1) -> DotGemm.gemm(
                            transB,
                            i1 - i0,
                            n,
                            k,
                            a,
                            aOff + i0 * lda,
                            lda,
                            b,
                            bOff,
                            ldb,
                            c,
                            cOff + i0 * ldc,
                            ldc,
                            accumulate));
            return;
        }
        if (directPath(macs, n)) {
            // Small or narrow C (the packed path would pad n up to its register tile): direct loop.
            splitRows(
                    m,
                    macs,
                    (i0, i1) -> SmallGemm.gemm(
                            transA,
                            transB,
                            i1 - i0,
                            n,
                            k,
                            a,
                            aOff + (transA ? i0 : i0 * lda),
                            lda,
                            b,
                            bOff,
                            ldb,
                            c,
                            cOff + i0 * ldc,
                            ldc,
                            accumulate));
        } else {
            PackedGemm.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /**
     * op(B) [k×n] packed for {@link #sgemm(int, float[], int, int, PackedMatrix, float[], int, int, boolean)}:
     * {@code transB} means B is stored n×k (ldb ≥ k), else k×n (ldb ≥ n).
     */
    public static PackedMatrix pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        if (k <= 0 || n <= 0) {
            throw new IllegalArgumentException("pack: dimensions must be > 0, got k=" + k + " n=" + n);
        }
        checkSlice("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        return new PackedMatrix(
                k,
                n,
                Simd.ENABLED
                        ? PackedGemm.packAll(transB, k, n, b, bOff, ldb)
                        : GemmPlain.pack(transB, k, n, b, bOff, ldb));
    }

    /**
     * Row-major C[m×n] (+)= A·B for A [m×k] row-major (lda ≥ k) and B packed by {@link #pack}, on the calling
     * thread (a caller that splits rows over the pool runs one call per block of rows). Every C element is the
     * same sum as on {@link #sgemm}'s packed path, whatever rows it is computed with, so splitting the rows does
     * not change the bits.
     */
    public static void sgemm(
            int m, float[] a, int aOff, int lda, PackedMatrix b, float[] c, int cOff, int ldc, boolean accumulate) {
        if (m < 0) {
            throw new IllegalArgumentException("sgemm: m must be >= 0, got " + m);
        }
        checkSlice("A", a, aOff, lda, m, b.k());
        checkSlice("C", c, cOff, ldc, m, b.n());
        if (m > 0 && Simd.ENABLED) {
            PackedGemm.gemm(m, a, aOff, lda, b, c, cOff, ldc, accumulate);
        } else if (m > 0) {
            GemmPlain.gemm(m, a, aOff, lda, b, c, cOff, ldc, accumulate);
        }
    }

    /**
     * C[m×n] (+)= A[rows]·op(B), where row i of the left operand is row {@code rows[rowsOff + i]} of the row-major
     * matrix at a[aOff] (leading dimension lda, k columns): the product with the rows of a shuffled mini-batch,
     * without copying them first. The direct path reads the rows in place, so fetching them from memory overlaps
     * the arithmetic; the other paths gather them into a buffer and run {@link #sgemm}. Same results as
     * {@link #sgemm} on the gathered rows.
     *
     * @throws IllegalArgumentException as {@link #sgemm}, or if a row index is negative or past the matrix
     */
    public static void sgemmGathered(
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int lda,
            int[] rows,
            int rowsOff,
            boolean transB,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(
                    "sgemmGathered: dimensions must be >= 0, got m=" + m + " n=" + n + " k=" + k);
        }
        if (lda < k) {
            throw new IllegalArgumentException(
                    "sgemmGathered: lda=" + lda + " is smaller than the " + k + " columns of A");
        }
        checkSlice("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        checkSlice("C", c, cOff, ldc, m, n);
        if (rowsOff < 0 || (long) rowsOff + m > rows.length) {
            throw new IllegalArgumentException("sgemmGathered: rows[" + rowsOff + " .. " + ((long) rowsOff + m)
                    + ") is past the end of the " + rows.length + " row indices");
        }
        for (int i = 0; i < m; i++) {
            int r = rows[rowsOff + i];
            if (r < 0 || aOff < 0 || (long) aOff + (long) r * lda + k > a.length) {
                throw new IllegalArgumentException("sgemmGathered: row index " + r + " (rows[" + (rowsOff + i)
                        + "]) is outside A (" + a.length + " elements, offset " + aOff + ", ld " + lda + ")");
            }
        }
        long macs = (long) m * n * k;
        if (gathersInPlace(m, n, k)) {
            splitRows(
                    m,
                    macs,
                    (i0, i1) -> SmallGemm.gemm(
                            false,
                            transB,
                            i1 - i0,
                            n,
                            k,
                            a,
                            aOff,
                            lda,
                            rows,
                            rowsOff + i0,
                            b,
                            bOff,
                            ldb,
                            c,
                            cOff + i0 * ldc,
                            ldc,
                            accumulate));
            return;
        }
        float[][] holder = GATHERED.get();
        float[] g = holder[0];
        if (g == null || g.length < m * k) {
            g = new float[Math.max(m * k, 1024)];
            holder[0] = g;
        }
        for (int i = 0; i < m; i++) {
            System.arraycopy(a, aOff + rows[rowsOff + i] * lda, g, i * k, k);
        }
        sgemm(false, transB, m, n, k, g, 0, k, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /**
     * Whether {@link #sgemmGathered} reads the rows in place for an m×n×k product (the direct path, no
     * packing); otherwise it gathers them into a buffer and the product packs B, so a caller with many
     * small row blocks does better with one call over all of them.
     */
    public static boolean gathersInPlace(int m, int n, int k) {
        return Simd.ENABLED && m > 0 && n > 0 && k > 0 && !dotPath(n, k) && directPath((long) m * n * k, n);
    }

    /** Whether {@link #sgemm} with A not transposed runs dot products along k ({@link DotGemm}). */
    private static boolean dotPath(int n, int k) {
        return n < LANES && k > 2 * LANES && DotGemm.supported();
    }

    /** Whether {@link #sgemm} (past the narrow special cases) runs the direct loop rather than the packed path. */
    private static boolean directPath(long macs, int n) {
        return macs <= DIRECT_MAX_FLOPS || n <= DIRECT_MAX_N;
    }

    /**
     * {@code batch} independent products {@link #sgemm}; product {@code i} uses A at
     * {@code aOff + i*strideA}, B at {@code bOff + i*strideB} and C at {@code cOff + i*strideC}.
     * A stride of 0 broadcasts the same matrix to every product (not allowed for C unless
     * {@code batch <= 1}, since products would race on it).
     */
    public static void sgemmBatched(
            int batch,
            boolean transA,
            boolean transB,
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int lda,
            long strideA,
            float[] b,
            int bOff,
            int ldb,
            long strideB,
            float[] c,
            int cOff,
            int ldc,
            long strideC,
            boolean accumulate) {
        if (batch < 0 || strideA < 0 || strideB < 0 || strideC < 0) {
            throw new IllegalArgumentException("sgemmBatched: batch " + batch + " and strides " + strideA + ", "
                    + strideB + ", " + strideC + " must be >= 0");
        }
        if (batch == 0) {
            return;
        }
        if (batch > 1 && strideC == 0 && m > 0 && n > 0) {
            throw new IllegalArgumentException(
                    "sgemmBatched: strideC is 0 with batch " + batch + "; every product needs its own C");
        }
        // Check the last product's slices up front (the first is checked by the per-product call).
        long lastA = aOff + (batch - 1) * strideA;
        long lastB = bOff + (batch - 1) * strideB;
        long lastC = cOff + (batch - 1) * strideC;
        if (lastA > Integer.MAX_VALUE || lastB > Integer.MAX_VALUE || lastC > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sgemmBatched: batch offsets overflow int");
        }
        check(transA, transB, m, n, k, a, (int) lastA, lda, b, (int) lastB, ldb, c, (int) lastC, ldc);
        long flops = (long) m * n * k;
        if (flops > DIRECT_MAX_FLOPS * 16 || batch < 2 * Parallel.threads()) {
            // Big products parallelize inside; few products: no gain from splitting the batch.
            for (int i = 0; i < batch; i++) {
                sgemm(
                        transA,
                        transB,
                        m,
                        n,
                        k,
                        a,
                        (int) (aOff + i * strideA),
                        lda,
                        b,
                        (int) (bOff + i * strideB),
                        ldb,
                        c,
                        (int) (cOff + i * strideC),
                        ldc,
                        accumulate);
            }
            return;
        }
        // Many small products: one thread per range of products; each product stays single-threaded.
        int minChunk = (int) Math.max(1, (DIRECT_MAX_FLOPS * 4) / Math.max(1, flops));
        Parallel.forRange(batch, minChunk, (from, to) -> {
            for (int i = from; i < to; i++) {
                sgemm(
                        transA,
                        transB,
                        m,
                        n,
                        k,
                        a,
                        (int) (aOff + i * strideA),
                        lda,
                        b,
                        (int) (bOff + i * strideB),
                        ldb,
                        c,
                        (int) (cOff + i * strideC),
                        ldc,
                        accumulate);
            }
        });
    }

    static void check(
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
            int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sgemm: dimensions must be >= 0, got m=" + m + " n=" + n + " k=" + k);
        }
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        checkSlice("A", a, aOff, lda, aRows, aCols);
        checkSlice("B", b, bOff, ldb, bRows, bCols);
        checkSlice("C", c, cOff, ldc, m, n);
    }

    private static void checkSlice(String name, float[] x, int off, int ld, int rows, int cols) {
        if (ld < cols || ld < 0) {
            throw new IllegalArgumentException("sgemm: ld" + name.toLowerCase() + "=" + ld + " is smaller than the "
                    + cols + " columns of " + name + " as stored");
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = (long) off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new IllegalArgumentException("sgemm: " + name + " (" + rows + "x" + cols + ", offset " + off + ", ld "
                    + ld + ") needs " + last + " elements but its array has " + x.length);
        }
    }
}
