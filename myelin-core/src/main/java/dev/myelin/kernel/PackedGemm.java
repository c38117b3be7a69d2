package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The blocked GEMM behind {@link Gemm#sgemm} for products too big for the direct loop.
 *
 * <p>BLIS/GotoBLAS structure with KC/MC/NC cache blocking. op(B) is packed into zero-padded KC×NR
 * micro-panels, which handles both layouts of B. A is <em>not</em> packed: the micro-kernel only
 * broadcasts single A values, which costs the same from the original rows (or columns, when A is
 * transposed) as from a packed panel, and skipping the copy measured faster; only a partial last
 * row panel is copied, zero-padded, so the kernel never reads past A. The micro-kernel keeps an
 * MR×NR tile of C in registers (MR rows × NV vectors; the code is written out for MR=6, NV=4),
 * broadcasting one A value per row and loading NV vectors of B per k step.
 * Its loads, FMAs and stores are written out inline in a single method on purpose: a helper that
 * passes vectors as arguments and is not inlined makes the JIT box them (several times slower).
 *
 * <p>Threads split C into contiguous ranges of whole micro-tiles (columns when there are enough,
 * since then no B panel is packed twice, else rows) and each packs what it needs into its own
 * buffers. The k blocking is global, so each C
 * element sees the same sequence of FMAs whatever the thread count: results are bit-identical
 * across thread counts.
 */
final class PackedGemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /**
     * Rows of the register tile. 6 rows × 4 vectors = 24 accumulators, plus 4 B vectors and one
     * broadcast, fit the 32 AVX-512 registers; measured fastest of 8×2, 12×2, 8×3, 4×4 and 6×4.
     */
    static final int MR = 6;
    /** Vectors per row of the register tile. */
    static final int NV = 4;
    /** Columns of the register tile. */
    static final int NR = NV * L;
    // Selectors of the 16×16 transpose of transposed-B packing, one pair per round (unused unless L == 16).
    private static final FloatVector LO8 = swapSelector(8, false), HI8 = swapSelector(8, true);
    private static final FloatVector LO4 = swapSelector(4, false), HI4 = swapSelector(4, true);
    private static final FloatVector LO2 = swapSelector(2, false), HI2 = swapSelector(2, true);
    private static final FloatVector LO1 = swapSelector(1, false), HI1 = swapSelector(1, true);
    /** Depth of a packed block; 256 measured best (128, 192, 384 tried). */
    static final int KC = 256;
    /** Rows of a packed A block (MC×KC stays in L2), a multiple of MR. */
    static final int MC = 120;
    /**
     * Columns of a packed B block. 1024 (a 1 MB block at KC = 256, one core's L2) measured 2-14% faster than
     * 2048 on the squares and the MLP's first layer on a Zen 5 (GemmBench, 4 alternated runs; 512 in between).
     */
    static final int NC = 1024;

    /** Minimum multiply-adds per thread before splitting pays for waking a worker. */
    static final long MIN_FLOPS_PER_THREAD = 1L << 20;

    // per thread: A's partial row panel, B's panels, and a 16×16 block for packCols
    private static final ThreadLocal<float[][]> BUFFERS =
            ThreadLocal.withInitial(() -> new float[][] {null, null, new float[256]});

    private PackedGemm() {}

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
        gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, null, c, cOff, ldc, accumulate);
    }

    /**
     * C = op(A)·B (+ C) where B (k×n, not transposed) has its row p at {@code b[bOff + bRows[p]]} instead of
     * {@code b[bOff + p·ldb]}: an operand that is never built, such as the unfolded input of a stride-1
     * convolution (row (c, i, j) is the padded image shifted by (i, j), see {@link Conv2dKernel}). The micro-kernel
     * reads the rows where they are, nothing is packed; a last panel narrower than NR columns is read in place too
     * when NR floats past its start stay inside {@code b} (callers leave NR floats of slack), else packed.
     */
    static void gemmRows(
            boolean transA,
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
        if (bRows.length < k)
            throw new IllegalArgumentException("gemmRows: " + bRows.length + " row offsets for k = " + k);
        gemm(transA, false, m, n, k, a, aOff, lda, b, bOff, 0, bRows, c, cOff, ldc, accumulate);
    }

    /**
     * C = A·Bᵀ (+ C), A stored m×k, where row j of B (n×k, so column j of Bᵀ) starts at {@code b[bOff + bCols[j]]}:
     * the transposed operand of a convolution's weight gradient, the unfolded input of a stride-1 convolution,
     * read where it lies (see {@link ShiftedConv#backwardWeight}) instead of unfolded first.
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
            int[] bCols,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        if (bCols.length < n)
            throw new IllegalArgumentException("gemmCols: " + bCols.length + " column offsets for n = " + n);
        gemm(false, true, m, n, k, a, aOff, lda, b, bOff, 0, bCols, c, cOff, ldc, accumulate);
    }

    /**
     * C = A·Bᵀ (+ C) on the calling thread, where row i of A (m×k) starts at {@code a[aOff + aRows[i]]} and B is
     * stored n×k: a convolution's weight gradient turned round, dWᵀ = col·dYᵀ (see {@link ShiftedConv}), with the
     * shifted rows of the padded image as A, read where they lie (broadcasts need no packing), and only dY
     * transposed into B's panels. Packing the shifted rows as B instead ({@link #gemmCols}) transposes nine times
     * as many values when the kernel is 3×3.
     */
    static void gemmARows(
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int[] aRows,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        if (aRows.length < m)
            throw new IllegalArgumentException("gemmARows: " + aRows.length + " row offsets for m = " + m);
        float[] bp = panelBuffer(BUFFERS.get(), n, k);
        if (n <= L) {
            gemmARowsNarrow(m, n, k, a, aOff, aRows, b, bOff, ldb, bp, c, cOff, ldc, accumulate);
            return;
        }
        float[] tile = new float[MR * NR];
        int[] last = new int[MR];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean load = accumulate || pc > 0;
                packB(true, b, bOff, ldb, pc, kc, jc, nc, bp);
                for (int jr = 0; jr < nc; jr += NR) {
                    int nr = Math.min(NR, nc - jr), bi = jr * kc;
                    for (int ir = 0; ir < m; ir += MR) {
                        int mr = Math.min(MR, m - ir), ci = cOff + ir * ldc + jc + jr;
                        int[] rows = mr == MR ? aRows : lastRowRepeated(aRows, ir, mr, last);
                        int r0 = mr == MR ? ir : 0;
                        if (mr == MR && nr == NR) {
                            kernelARows(kc, a, aOff + pc, rows, r0, bp, bi, c, ci, ldc, load);
                        } else {
                            kernelARows(kc, a, aOff + pc, rows, r0, bp, bi, tile, 0, NR, false);
                            copyTile(tile, mr, nr, c, ci, ldc, load);
                        }
                    }
                }
            }
        }
    }

    /**
     * A partial tile's row offsets, {@code rows[r0, r0 + mr)} then its last one again up to {@code into}'s length:
     * the tile computes real rows twice instead of reading past the matrix, and only its first mr rows are kept.
     */
    private static int[] lastRowRepeated(int[] rows, int r0, int mr, int[] into) {
        for (int q = 0; q < into.length; q++) into[q] = rows[r0 + Math.min(q, mr - 1)];
        return into;
    }

    /** {@link #gemmARows} for n at most one vector: 8-row tiles ({@link #kernelARows8x1}), the last one repeating its last row. */
    private static void gemmARowsNarrow(
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int[] aRows,
            float[] b,
            int bOff,
            int ldb,
            float[] bp,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        float[] tile = new float[8 * NR];
        int[] last = new int[8];
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            boolean load = accumulate || pc > 0;
            packB(true, b, bOff, ldb, pc, kc, 0, n, bp);
            for (int ir = 0; ir < m; ir += 8) {
                int mr = Math.min(8, m - ir), ci = cOff + ir * ldc;
                int[] rows = mr == 8 ? aRows : lastRowRepeated(aRows, ir, mr, last);
                int r0 = mr == 8 ? ir : 0;
                if (mr == 8 && n == L) {
                    kernelARows8x1(kc, a, aOff + pc, rows, r0, bp, 0, c, ci, ldc, load);
                } else {
                    kernelARows8x1(kc, a, aOff + pc, rows, r0, bp, 0, tile, 0, NR, false);
                    copyTile(tile, mr, n, c, ci, ldc, load);
                }
            }
        }
    }

    /** The rows {@link #gemmACols}'s result is rounded up to: its tallest tile's. */
    static final int ACOLS_ROWS = 4 * MR;

    /**
     * C = A·B on the calling thread, with B packed beforehand ({@link #packAll}, not transposed afterwards: k×n) and
     * A(i, p) at {@code a[aOff + aCols[p] + i]}: the unfolded input of a stride-1 convolution turned round, positions
     * as rows (column p of A is the padded image shifted by tap p), read in place. Whole tiles are written: C needs
     * room for m rounded up to {@link #ACOLS_ROWS} rows and n rounded up to NR columns ({@code ldc} at least that),
     * and A ACOLS_ROWS − 1 floats of slack past its last run; the extra rows and columns are junk or zero for the
     * caller to drop. A last panel of at most two vectors runs 12-row tiles ({@link #kernelACols12x2}), of one
     * vector 24-row tiles ({@link #kernelACols24x1}).
     */
    static void gemmACols(int m, int n, int k, float[] a, int aOff, int[] aCols, float[] panels, float[] c, int ldc) {
        if (aCols.length < k)
            throw new IllegalArgumentException("gemmACols: " + aCols.length + " column offsets for k = " + k);
        int panel = 0;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                for (int jr = 0; jr < nc; jr += NR) {
                    if (nc - jr <= L) { // one vector of columns: 24 rows a tile
                        for (int ir = 0; ir < m; ir += 4 * MR)
                            kernelACols24x1(
                                    kc,
                                    a,
                                    aOff + ir,
                                    aCols,
                                    pc,
                                    panels,
                                    panel + jr * kc,
                                    c,
                                    ir * ldc + jc + jr,
                                    ldc,
                                    pc > 0);
                        continue;
                    }
                    if (nc - jr <= 2 * L) { // two vectors of columns: 12 rows a tile
                        for (int ir = 0; ir < m; ir += 2 * MR)
                            kernelACols12x2(
                                    kc,
                                    a,
                                    aOff + ir,
                                    aCols,
                                    pc,
                                    panels,
                                    panel + jr * kc,
                                    c,
                                    ir * ldc + jc + jr,
                                    ldc,
                                    pc > 0);
                        continue;
                    }
                    for (int ir = 0; ir < m; ir += MR) {
                        kernelACols(
                                kc,
                                a,
                                aOff + ir,
                                aCols,
                                pc,
                                panels,
                                panel + jr * kc,
                                c,
                                ir * ldc + jc + jr,
                                ldc,
                                pc > 0);
                    }
                }
                panel += roundUp(nc, NR) * kc;
            }
        }
    }

    /**
     * The common body: {@code offsets} null for a stored B with leading dimension ldb, else where B's rows start
     * (B not transposed: {@link #gemmRows}) or where Bᵀ's columns start (transposed: {@link #gemmCols}).
     */
    private static void gemm(
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
            int[] bRows,
            float[] c,
            int cOff,
            int ldc,
            boolean accumulate) {
        int mTiles = (m + MR - 1) / MR;
        int nTiles = (n + NR - 1) / NR;
        long flops = (long) m * n * k;
        // Split columns when there are enough: each thread then packs only its own part of B, and A
        // (read in place) costs nothing to share. Splitting rows makes every thread pack all of B.
        boolean splitRows = nTiles < 2 * Parallel.threads() && mTiles > nTiles;
        int tiles = splitRows ? mTiles : nTiles;
        long flopsPerTile = flops / tiles;
        int minChunk = (int) Math.max(1, Math.min(tiles, MIN_FLOPS_PER_THREAD / Math.max(1, flopsPerTile)));
        Parallel.forRange(tiles, minChunk, (t0, t1) -> {
            if (splitRows) {
                int i0 = t0 * MR;
                int i1 = Math.min(m, t1 * MR);
                block(transA, transB, i0, i1, 0, n, k, a, aOff, lda, b, bOff, ldb, bRows, c, cOff, ldc, accumulate);
            } else {
                int j0 = t0 * NR;
                int j1 = Math.min(n, t1 * NR);
                block(transA, transB, 0, m, j0, j1, k, a, aOff, lda, b, bOff, ldb, bRows, c, cOff, ldc, accumulate);
            }
        });
    }

    /** Computes rows [i0, i1) × columns [j0, j1) of C on the calling thread. */
    private static void block(
            boolean transA,
            boolean transB,
            int i0,
            int i1,
            int j0,
            int j1,
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
        float[][] bufs = BUFFERS.get();
        int kcMax = Math.min(KC, k);
        float[] bp = panelBuffer(bufs, j1 - j0, k);
        float[] ap = rowPanelBuffer(bufs, i1 - i0, kcMax);
        float[] tile = new float[MR * NR];
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean direct = bRows != null && !transB;
                if (bRows == null) packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp);
                else if (transB) packCols(b, bOff, bRows, pc, kc, jc, nc, bp, bufs[2]);
                macroBlock(
                        transA,
                        i0,
                        i1,
                        jc,
                        nc,
                        pc,
                        kc,
                        a,
                        aOff,
                        lda,
                        direct ? b : bp,
                        direct ? bOff : 0,
                        direct ? bRows : null,
                        bp,
                        c,
                        cOff,
                        ldc,
                        accumulate || pc > 0,
                        ap,
                        tile);
            }
        }
    }

    /**
     * C[m×n] (+)= A·op(B) on the calling thread with op(B) packed beforehand ({@link PackedMatrix}): the same
     * blocks, micro-kernel and sums as {@link #gemm} with A not transposed, so the same bits, without packing B.
     */
    static void gemm(
            int m, float[] a, int aOff, int lda, PackedMatrix b, float[] c, int cOff, int ldc, boolean accumulate) {
        int n = b.n(), k = b.k();
        float[] ap = rowPanelBuffer(BUFFERS.get(), m, Math.min(KC, k));
        float[] tile = new float[MR * NR];
        int panel = 0;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                macroBlock(
                        false,
                        0,
                        m,
                        jc,
                        nc,
                        pc,
                        kc,
                        a,
                        aOff,
                        lda,
                        b.panels(),
                        panel,
                        null,
                        null,
                        c,
                        cOff,
                        ldc,
                        accumulate || pc > 0,
                        ap,
                        tile);
                panel += roundUp(nc, NR) * kc;
            }
        }
    }

    /** op(B) as the packed panels {@link #gemm(int, float[], int, int, PackedMatrix, float[], int, int, boolean)} reads, in its order. */
    static float[] packAll(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        float[] panels = new float[roundUp(n, NR) * k];
        int panel = 0;
        float[] bp = null;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                int size = roundUp(nc, NR) * kc;
                if (bp == null || bp.length < size) bp = new float[size];
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp);
                System.arraycopy(bp, 0, panels, panel, size);
                panel += size;
            }
        }
        return panels;
    }

    /** The thread's buffer for B's packed panels of n columns at depth k (at most NC × KC), grown when needed. */
    private static float[] panelBuffer(float[][] bufs, int n, int k) {
        int size = Math.min(NC, roundUp(n, NR)) * Math.min(KC, k);
        if (bufs[1] == null || bufs[1].length < size) bufs[1] = new float[size];
        return bufs[1];
    }

    /** The buffer for a partial last row panel of A (at most MC rows of a KC block). */
    private static float[] rowPanelBuffer(float[][] bufs, int rows, int kcMax) {
        int mcMax = Math.min(MC, roundUp(rows, MR));
        if (bufs[0] == null || bufs[0].length < mcMax * kcMax) {
            bufs[0] = new float[MC * KC];
        }
        return bufs[0];
    }

    /**
     * Rows [i0, i1) of C × columns [jc, jc + nc) (+)= A · the packed KC×nc block of op(B) at bp[bpOff]
     * (depth pc .. pc + kc); {@code load} adds the sums to C rather than overwriting it.
     *
     * <p>With {@code bRows} ({@link #gemmRows}), {@code bp} is B itself, row p at {@code bp[bpOff + bRows[p]]}, and
     * the kernel reads whole NR-column panels where they lie: packing them cost as much as the product when C has
     * few rows (a LeNet convolution's 6 or 16 output channels reuse a packed panel only once to three times). A
     * partial last panel is packed into {@code pack}, zero-padded, since reading NR columns in place would run past
     * the row.
     */
    private static void macroBlock(
            boolean transA,
            int i0,
            int i1,
            int jc,
            int nc,
            int pc,
            int kc,
            float[] a,
            int aOff,
            int lda,
            float[] bp,
            int bpOff,
            int[] bRows,
            float[] pack,
            float[] c,
            int cOff,
            int ldc,
            boolean load,
            float[] ap,
            float[] tile) {
        // A is read in place: A(i, p) = a[aOff + i*rs + p*ps]. Only a partial last row panel is packed
        // (zero-padded), so the micro-kernel never reads past the matrix.
        int rs = transA ? 1 : lda;
        int ps = transA ? lda : 1;
        for (int ic = i0; ic < i1; ic += MC) {
            int mc = Math.min(MC, i1 - ic);
            int fullRows = mc / MR * MR;
            if (fullRows < mc) {
                packA(transA, a, aOff, lda, ic + fullRows, mc - fullRows, pc, kc, ap);
            }
            for (int jr = 0; jr < nc; jr += NR) {
                int nr = Math.min(NR, nc - jr);
                float[] bs = bp;
                int bi = bpOff + jr * kc;
                int[] rows = null; // B's rows where they lie, or null: a packed panel
                int r0 = 0;
                if (bRows != null) {
                    // in place: row p of this panel at bp[bpOff + bRows[pc + p] + jc + jr]; a partial panel too when
                    // it needs all NV vectors and its NR columns stay inside the array (the columns past n are
                    // computed and dropped). A narrower one is packed for kernel1-3, which compute only the vectors
                    // it has (cnn's second layer: 224 positions, the last panel 32 columns: 13% fewer multiply-adds).
                    if (nr == NR || (nr > NR - L && bpOff + maxRow(bRows, pc, kc) + jc + jr + NR <= bp.length)) {
                        bi = bpOff + jc + jr;
                        rows = bRows;
                        r0 = pc;
                    } else {
                        if (ic == i0) packRows(bp, bpOff, bRows, pc, kc, jc + jr, nr, pack);
                        bs = pack;
                        bi = 0;
                    }
                }
                for (int ir = 0; ir < mc; ir += MR) {
                    int mr = Math.min(MR, mc - ir);
                    float[] as = a;
                    int ai = aOff + (ic + ir) * rs + pc * ps;
                    int ars = rs;
                    int aps = ps;
                    if (mr < MR) {
                        as = ap;
                        ai = 0;
                        ars = 1;
                        aps = MR;
                    }
                    int ci = cOff + (ic + ir) * ldc + jc + jr;
                    if (rows != null) {
                        if (nr == NR && mr == MR) {
                            kernelRows(kc, as, ai, ars, aps, bs, bi, rows, r0, c, ci, ldc, load);
                        } else {
                            kernelRows(kc, as, ai, ars, aps, bs, bi, rows, r0, tile, 0, NR, false);
                            copyTile(tile, mr, nr, c, ci, ldc, load);
                        }
                    } else if (nr == NR && mr == MR) {
                        kernel(kc, as, ai, ars, aps, bs, bi, c, ci, ldc, load);
                    } else {
                        // A partial panel computes only the vectors it needs (n = 100: 48 of 64 columns).
                        switch ((nr + L - 1) / L) {
                            case 1 -> kernel1(kc, as, ai, ars, aps, bs, bi, tile);
                            case 2 -> kernel2(kc, as, ai, ars, aps, bs, bi, tile);
                            case 3 -> kernel3(kc, as, ai, ars, aps, bs, bi, tile);
                            default -> kernel(kc, as, ai, ars, aps, bs, bi, tile, 0, NR, false);
                        }
                        copyTile(tile, mr, nr, c, ci, ldc, load);
                    }
                }
            }
        }
    }

    /** The mr × nr corner of a register tile into C at ci (added when {@code load}). */
    private static void copyTile(float[] tile, int mr, int nr, float[] c, int ci, int ldc, boolean load) {
        for (int r = 0; r < mr; r++) {
            int co = ci + r * ldc;
            for (int j = 0; j < nr; j++) {
                c[co + j] = load ? c[co + j] + tile[r * NR + j] : tile[r * NR + j];
            }
        }
    }

    private static int maxRow(int[] rows, int from, int count) {
        int max = 0;
        for (int p = from; p < from + count; p++) max = Math.max(max, rows[p]);
        return max;
    }

    private static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }

    /**
     * Packs op(A)[ic..ic+mc, pc..pc+kc) as MR-row micro-panels (panel-major, then k, then row),
     * zero-padding the last panel. Used only for a partial last row panel.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int ic, int mc, int pc, int kc, float[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = ir * kc;
            if (transA) {
                // A stored k×m: the MR values for one k are contiguous.
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * lda + ic + ir;
                    int dst = base + p * MR;
                    for (int r = 0; r < mr; r++) {
                        ap[dst + r] = a[src + r];
                    }
                    for (int r = mr; r < MR; r++) {
                        ap[dst + r] = 0f;
                    }
                }
            } else {
                for (int r = 0; r < mr; r++) {
                    int src = aOff + (ic + ir + r) * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * MR + r] = a[src + p];
                    }
                }
                for (int r = mr; r < MR; r++) {
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * MR + r] = 0f;
                    }
                }
            }
        }
    }

    /** Packs op(B)[pc..pc+kc, jc..jc+nc) as NR-column micro-panels: panel-major, then k, then column. */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int pc, int kc, int jc, int nc, float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = jr * kc;
            if (!transB) {
                // B stored k×n: the NR values for one k are a contiguous row segment.
                // System.arraycopy, not vector copies: packing runs only a few times per call, so it
                // reaches the optimizing JIT late, and Vector API code is very slow until it does.
                int src = bOff + pc * ldb + jc + jr;
                for (int p = 0; p < kc; p++, src += ldb) {
                    int dst = base + p * NR;
                    System.arraycopy(b, src, bp, dst, nr);
                    if (nr < NR) {
                        java.util.Arrays.fill(bp, dst + nr, dst + NR, 0f);
                    }
                }
            } else {
                // B stored n×k: a transpose. Blocks of 16 k values keep the written lines in L1.
                // Four columns at a time: each k step then writes 4 adjacent floats.
                for (int p0 = 0; p0 < kc; p0 += 16) {
                    int p1 = Math.min(kc, p0 + 16);
                    int j = 0;
                    if (L == 16 && p1 - p0 == 16) {
                        for (; j + 16 <= nr; j += 16) {
                            transpose16(b, bOff + (jc + jr + j) * ldb + pc + p0, ldb, bp, base + p0 * NR + j, NR);
                        }
                    }
                    for (; j + 4 <= nr; j += 4) {
                        int s0 = bOff + (jc + jr + j) * ldb + pc;
                        int s1 = s0 + ldb;
                        int s2 = s1 + ldb;
                        int s3 = s2 + ldb;
                        for (int p = p0; p < p1; p++) {
                            int d = base + p * NR + j;
                            bp[d] = b[s0 + p];
                            bp[d + 1] = b[s1 + p];
                            bp[d + 2] = b[s2 + p];
                            bp[d + 3] = b[s3 + p];
                        }
                    }
                    for (; j < nr; j++) {
                        int src = bOff + (jc + jr + j) * ldb + pc;
                        for (int p = p0; p < p1; p++) {
                            bp[base + p * NR + j] = b[src + p];
                        }
                    }
                }
                for (int j = nr; j < NR; j++) {
                    for (int p = 0; p < kc; p++) {
                        bp[base + p * NR + j] = 0f;
                    }
                }
            }
        }
    }

    /** {@link #packB} of an untransposed B whose row p starts at {@code b[bOff + rows[p]]}. */
    static void packRows(float[] b, int bOff, int[] rows, int pc, int kc, int jc, int nc, float[] bp) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = jr * kc;
            for (int p = 0; p < kc; p++) {
                int dst = base + p * NR;
                System.arraycopy(b, bOff + rows[pc + p] + jc + jr, bp, dst, nr);
                if (nr < NR) {
                    java.util.Arrays.fill(bp, dst + nr, dst + NR, 0f);
                }
            }
        }
    }

    /**
     * {@link #packB} of a transposed B whose column j (row j of the stored n×k matrix) starts at
     * {@code b[bOff + cols[j]]}: 16 columns × 16 k values at a time are copied into {@code scratch} (256 floats)
     * and transposed there ({@link #transpose16} needs evenly spaced rows); the rest one value at a time.
     */
    static void packCols(float[] b, int bOff, int[] cols, int pc, int kc, int jc, int nc, float[] bp, float[] scratch) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = jr * kc;
            for (int p0 = 0; p0 < kc; p0 += 16) {
                int p1 = Math.min(kc, p0 + 16);
                int j = 0;
                if (L == 16 && p1 - p0 == 16) {
                    for (; j + 16 <= nr; j += 16) {
                        for (int t = 0; t < 16; t++) {
                            FloatVector.fromArray(S, b, bOff + cols[jc + jr + j + t] + pc + p0)
                                    .intoArray(scratch, t * 16);
                        }
                        transpose16(scratch, 0, 16, bp, base + p0 * NR + j, NR);
                    }
                }
                for (; j < nr; j++) {
                    int src = bOff + cols[jc + jr + j] + pc;
                    for (int p = p0; p < p1; p++) {
                        bp[base + p * NR + j] = b[src + p];
                    }
                }
            }
            for (int j = nr; j < NR; j++) {
                for (int p = 0; p < kc; p++) {
                    bp[base + p * NR + j] = 0f;
                }
            }
        }
    }

    /**
     * Transposes a 16×16 block: 16 rows of B from b[src + t·ldb] (16 values along k each) go to 16 rows of the
     * panel at bp[dst + q·ldd] (16 values along n each; ldd = NR here, the padded width in {@link SmallGemm}). Four rounds of two-vector permutes, each swapping the
     * off-diagonal b×b blocks inside every 2b×2b block (b = 8, 4, 2, 1); 64 permutes for 256 values, where
     * the scalar transpose needs a load and a store per value.
     */
    static void transpose16(float[] b, int src, int ldb, float[] bp, int dst, int ldd) {
        FloatVector r0 = FloatVector.fromArray(S, b, src);
        FloatVector r1 = FloatVector.fromArray(S, b, src + ldb);
        FloatVector r2 = FloatVector.fromArray(S, b, src + 2 * ldb);
        FloatVector r3 = FloatVector.fromArray(S, b, src + 3 * ldb);
        FloatVector r4 = FloatVector.fromArray(S, b, src + 4 * ldb);
        FloatVector r5 = FloatVector.fromArray(S, b, src + 5 * ldb);
        FloatVector r6 = FloatVector.fromArray(S, b, src + 6 * ldb);
        FloatVector r7 = FloatVector.fromArray(S, b, src + 7 * ldb);
        FloatVector r8 = FloatVector.fromArray(S, b, src + 8 * ldb);
        FloatVector r9 = FloatVector.fromArray(S, b, src + 9 * ldb);
        FloatVector r10 = FloatVector.fromArray(S, b, src + 10 * ldb);
        FloatVector r11 = FloatVector.fromArray(S, b, src + 11 * ldb);
        FloatVector r12 = FloatVector.fromArray(S, b, src + 12 * ldb);
        FloatVector r13 = FloatVector.fromArray(S, b, src + 13 * ldb);
        FloatVector r14 = FloatVector.fromArray(S, b, src + 14 * ldb);
        FloatVector r15 = FloatVector.fromArray(S, b, src + 15 * ldb);
        FloatVector s0_0 = LO8.selectFrom(r0, r8);
        FloatVector s0_8 = HI8.selectFrom(r0, r8);
        FloatVector s0_1 = LO8.selectFrom(r1, r9);
        FloatVector s0_9 = HI8.selectFrom(r1, r9);
        FloatVector s0_2 = LO8.selectFrom(r2, r10);
        FloatVector s0_10 = HI8.selectFrom(r2, r10);
        FloatVector s0_3 = LO8.selectFrom(r3, r11);
        FloatVector s0_11 = HI8.selectFrom(r3, r11);
        FloatVector s0_4 = LO8.selectFrom(r4, r12);
        FloatVector s0_12 = HI8.selectFrom(r4, r12);
        FloatVector s0_5 = LO8.selectFrom(r5, r13);
        FloatVector s0_13 = HI8.selectFrom(r5, r13);
        FloatVector s0_6 = LO8.selectFrom(r6, r14);
        FloatVector s0_14 = HI8.selectFrom(r6, r14);
        FloatVector s0_7 = LO8.selectFrom(r7, r15);
        FloatVector s0_15 = HI8.selectFrom(r7, r15);
        FloatVector s1_0 = LO4.selectFrom(s0_0, s0_4);
        FloatVector s1_4 = HI4.selectFrom(s0_0, s0_4);
        FloatVector s1_1 = LO4.selectFrom(s0_1, s0_5);
        FloatVector s1_5 = HI4.selectFrom(s0_1, s0_5);
        FloatVector s1_2 = LO4.selectFrom(s0_2, s0_6);
        FloatVector s1_6 = HI4.selectFrom(s0_2, s0_6);
        FloatVector s1_3 = LO4.selectFrom(s0_3, s0_7);
        FloatVector s1_7 = HI4.selectFrom(s0_3, s0_7);
        FloatVector s1_8 = LO4.selectFrom(s0_8, s0_12);
        FloatVector s1_12 = HI4.selectFrom(s0_8, s0_12);
        FloatVector s1_9 = LO4.selectFrom(s0_9, s0_13);
        FloatVector s1_13 = HI4.selectFrom(s0_9, s0_13);
        FloatVector s1_10 = LO4.selectFrom(s0_10, s0_14);
        FloatVector s1_14 = HI4.selectFrom(s0_10, s0_14);
        FloatVector s1_11 = LO4.selectFrom(s0_11, s0_15);
        FloatVector s1_15 = HI4.selectFrom(s0_11, s0_15);
        FloatVector s2_0 = LO2.selectFrom(s1_0, s1_2);
        FloatVector s2_2 = HI2.selectFrom(s1_0, s1_2);
        FloatVector s2_1 = LO2.selectFrom(s1_1, s1_3);
        FloatVector s2_3 = HI2.selectFrom(s1_1, s1_3);
        FloatVector s2_4 = LO2.selectFrom(s1_4, s1_6);
        FloatVector s2_6 = HI2.selectFrom(s1_4, s1_6);
        FloatVector s2_5 = LO2.selectFrom(s1_5, s1_7);
        FloatVector s2_7 = HI2.selectFrom(s1_5, s1_7);
        FloatVector s2_8 = LO2.selectFrom(s1_8, s1_10);
        FloatVector s2_10 = HI2.selectFrom(s1_8, s1_10);
        FloatVector s2_9 = LO2.selectFrom(s1_9, s1_11);
        FloatVector s2_11 = HI2.selectFrom(s1_9, s1_11);
        FloatVector s2_12 = LO2.selectFrom(s1_12, s1_14);
        FloatVector s2_14 = HI2.selectFrom(s1_12, s1_14);
        FloatVector s2_13 = LO2.selectFrom(s1_13, s1_15);
        FloatVector s2_15 = HI2.selectFrom(s1_13, s1_15);
        FloatVector s3_0 = LO1.selectFrom(s2_0, s2_1);
        FloatVector s3_1 = HI1.selectFrom(s2_0, s2_1);
        FloatVector s3_2 = LO1.selectFrom(s2_2, s2_3);
        FloatVector s3_3 = HI1.selectFrom(s2_2, s2_3);
        FloatVector s3_4 = LO1.selectFrom(s2_4, s2_5);
        FloatVector s3_5 = HI1.selectFrom(s2_4, s2_5);
        FloatVector s3_6 = LO1.selectFrom(s2_6, s2_7);
        FloatVector s3_7 = HI1.selectFrom(s2_6, s2_7);
        FloatVector s3_8 = LO1.selectFrom(s2_8, s2_9);
        FloatVector s3_9 = HI1.selectFrom(s2_8, s2_9);
        FloatVector s3_10 = LO1.selectFrom(s2_10, s2_11);
        FloatVector s3_11 = HI1.selectFrom(s2_10, s2_11);
        FloatVector s3_12 = LO1.selectFrom(s2_12, s2_13);
        FloatVector s3_13 = HI1.selectFrom(s2_12, s2_13);
        FloatVector s3_14 = LO1.selectFrom(s2_14, s2_15);
        FloatVector s3_15 = HI1.selectFrom(s2_14, s2_15);
        s3_0.intoArray(bp, dst);
        s3_1.intoArray(bp, dst + ldd);
        s3_2.intoArray(bp, dst + 2 * ldd);
        s3_3.intoArray(bp, dst + 3 * ldd);
        s3_4.intoArray(bp, dst + 4 * ldd);
        s3_5.intoArray(bp, dst + 5 * ldd);
        s3_6.intoArray(bp, dst + 6 * ldd);
        s3_7.intoArray(bp, dst + 7 * ldd);
        s3_8.intoArray(bp, dst + 8 * ldd);
        s3_9.intoArray(bp, dst + 9 * ldd);
        s3_10.intoArray(bp, dst + 10 * ldd);
        s3_11.intoArray(bp, dst + 11 * ldd);
        s3_12.intoArray(bp, dst + 12 * ldd);
        s3_13.intoArray(bp, dst + 13 * ldd);
        s3_14.intoArray(bp, dst + 14 * ldd);
        s3_15.intoArray(bp, dst + 15 * ldd);
    }

    /**
     * Lane selector for one round of {@link #transpose16} with block size {@code b}: LO takes, in every chunk of
     * 2b lanes, the first b lanes of x then the first b lanes of y; HI the second b lanes of each.
     */
    private static FloatVector swapSelector(int b, boolean high) {
        float[] idx = new float[L];
        if (L != 16) {
            return FloatVector.fromArray(S, idx, 0); // unused: transpose16 only runs with 16 lanes
        }
        for (int t = 0; t < L; t++) {
            int chunk = t / (2 * b) * 2 * b;
            int o = t % (2 * b);
            idx[t] = o < b ? chunk + o + (high ? b : 0) : L + chunk + (o - b) + (high ? b : 0);
        }
        return FloatVector.fromArray(S, idx, 0);
    }

    /**
     * C[MR×NR at ci, stride ldc] (+)= Apanel·Bpanel over kc steps. All vector work is inline here;
     * see the class comment.
     */
    static void kernel(
            int kc, float[] a, int ai, int rs, int ps, float[] bp, int bi, float[] c, int ci, int ldc, boolean load) {
        FloatVector c0_0 = FloatVector.zero(S),
                c0_1 = FloatVector.zero(S),
                c0_2 = FloatVector.zero(S),
                c0_3 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S),
                c1_1 = FloatVector.zero(S),
                c1_2 = FloatVector.zero(S),
                c1_3 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S),
                c2_1 = FloatVector.zero(S),
                c2_2 = FloatVector.zero(S),
                c2_3 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S),
                c3_1 = FloatVector.zero(S),
                c3_2 = FloatVector.zero(S),
                c3_3 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S),
                c4_1 = FloatVector.zero(S),
                c4_2 = FloatVector.zero(S),
                c4_3 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S),
                c5_1 = FloatVector.zero(S),
                c5_2 = FloatVector.zero(S),
                c5_3 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bo = bi + p * NR;
            int ao = ai + p * ps;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bo + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, bo + 3 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            c0_2 = a0.fma(b2, c0_2);
            c0_3 = a0.fma(b3, c0_3);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + rs]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            c1_2 = a1.fma(b2, c1_2);
            c1_3 = a1.fma(b3, c1_3);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * rs]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            c2_2 = a2.fma(b2, c2_2);
            c2_3 = a2.fma(b3, c2_3);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3 * rs]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            c3_2 = a3.fma(b2, c3_2);
            c3_3 = a3.fma(b3, c3_3);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4 * rs]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            c4_2 = a4.fma(b2, c4_2);
            c4_3 = a4.fma(b3, c4_3);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5 * rs]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
            c5_2 = a5.fma(b2, c5_2);
            c5_3 = a5.fma(b3, c5_3);
        }
        if (load) {
            c0_0 = c0_0.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 0 * L));
            c0_1 = c0_1.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 1 * L));
            c0_2 = c0_2.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 2 * L));
            c0_3 = c0_3.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 3 * L));
            c1_0 = c1_0.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 0 * L));
            c1_1 = c1_1.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 1 * L));
            c1_2 = c1_2.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 2 * L));
            c1_3 = c1_3.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 3 * L));
            c2_0 = c2_0.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 0 * L));
            c2_1 = c2_1.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 1 * L));
            c2_2 = c2_2.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 2 * L));
            c2_3 = c2_3.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 3 * L));
            c3_0 = c3_0.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 0 * L));
            c3_1 = c3_1.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 1 * L));
            c3_2 = c3_2.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 2 * L));
            c3_3 = c3_3.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 3 * L));
            c4_0 = c4_0.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 0 * L));
            c4_1 = c4_1.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 1 * L));
            c4_2 = c4_2.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 2 * L));
            c4_3 = c4_3.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 3 * L));
            c5_0 = c5_0.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 0 * L));
            c5_1 = c5_1.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 1 * L));
            c5_2 = c5_2.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 2 * L));
            c5_3 = c5_3.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 3 * L));
        }
        c0_0.intoArray(c, ci + 0 * ldc + 0 * L);
        c0_1.intoArray(c, ci + 0 * ldc + 1 * L);
        c0_2.intoArray(c, ci + 0 * ldc + 2 * L);
        c0_3.intoArray(c, ci + 0 * ldc + 3 * L);
        c1_0.intoArray(c, ci + 1 * ldc + 0 * L);
        c1_1.intoArray(c, ci + 1 * ldc + 1 * L);
        c1_2.intoArray(c, ci + 1 * ldc + 2 * L);
        c1_3.intoArray(c, ci + 1 * ldc + 3 * L);
        c2_0.intoArray(c, ci + 2 * ldc + 0 * L);
        c2_1.intoArray(c, ci + 2 * ldc + 1 * L);
        c2_2.intoArray(c, ci + 2 * ldc + 2 * L);
        c2_3.intoArray(c, ci + 2 * ldc + 3 * L);
        c3_0.intoArray(c, ci + 3 * ldc + 0 * L);
        c3_1.intoArray(c, ci + 3 * ldc + 1 * L);
        c3_2.intoArray(c, ci + 3 * ldc + 2 * L);
        c3_3.intoArray(c, ci + 3 * ldc + 3 * L);
        c4_0.intoArray(c, ci + 4 * ldc + 0 * L);
        c4_1.intoArray(c, ci + 4 * ldc + 1 * L);
        c4_2.intoArray(c, ci + 4 * ldc + 2 * L);
        c4_3.intoArray(c, ci + 4 * ldc + 3 * L);
        c5_0.intoArray(c, ci + 5 * ldc + 0 * L);
        c5_1.intoArray(c, ci + 5 * ldc + 1 * L);
        c5_2.intoArray(c, ci + 5 * ldc + 2 * L);
        c5_3.intoArray(c, ci + 5 * ldc + 3 * L);
    }

    /**
     * {@link #kernel} with B's row p at {@code bp[bi + bRows[r0 + p]]}: B read in place ({@link #gemmRows}). A
     * separate method: the table lookup inside {@link #kernel} cost the packed products 3-6% (512³ on one thread,
     * best CPU time of 60: 117-121 against 124-128 GFLOP/s).
     */
    static void kernelRows(
            int kc,
            float[] a,
            int ai,
            int rs,
            int ps,
            float[] bp,
            int bi,
            int[] bRows,
            int r0,
            float[] c,
            int ci,
            int ldc,
            boolean load) {
        FloatVector c0_0 = FloatVector.zero(S),
                c0_1 = FloatVector.zero(S),
                c0_2 = FloatVector.zero(S),
                c0_3 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S),
                c1_1 = FloatVector.zero(S),
                c1_2 = FloatVector.zero(S),
                c1_3 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S),
                c2_1 = FloatVector.zero(S),
                c2_2 = FloatVector.zero(S),
                c2_3 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S),
                c3_1 = FloatVector.zero(S),
                c3_2 = FloatVector.zero(S),
                c3_3 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S),
                c4_1 = FloatVector.zero(S),
                c4_2 = FloatVector.zero(S),
                c4_3 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S),
                c5_1 = FloatVector.zero(S),
                c5_2 = FloatVector.zero(S),
                c5_3 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bo = bi + bRows[r0 + p];
            int ao = ai + p * ps;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bo + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, bo + 3 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            c0_2 = a0.fma(b2, c0_2);
            c0_3 = a0.fma(b3, c0_3);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + rs]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            c1_2 = a1.fma(b2, c1_2);
            c1_3 = a1.fma(b3, c1_3);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * rs]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            c2_2 = a2.fma(b2, c2_2);
            c2_3 = a2.fma(b3, c2_3);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3 * rs]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            c3_2 = a3.fma(b2, c3_2);
            c3_3 = a3.fma(b3, c3_3);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4 * rs]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            c4_2 = a4.fma(b2, c4_2);
            c4_3 = a4.fma(b3, c4_3);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5 * rs]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
            c5_2 = a5.fma(b2, c5_2);
            c5_3 = a5.fma(b3, c5_3);
        }
        if (load) {
            c0_0 = c0_0.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 0 * L));
            c0_1 = c0_1.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 1 * L));
            c0_2 = c0_2.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 2 * L));
            c0_3 = c0_3.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 3 * L));
            c1_0 = c1_0.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 0 * L));
            c1_1 = c1_1.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 1 * L));
            c1_2 = c1_2.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 2 * L));
            c1_3 = c1_3.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 3 * L));
            c2_0 = c2_0.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 0 * L));
            c2_1 = c2_1.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 1 * L));
            c2_2 = c2_2.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 2 * L));
            c2_3 = c2_3.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 3 * L));
            c3_0 = c3_0.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 0 * L));
            c3_1 = c3_1.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 1 * L));
            c3_2 = c3_2.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 2 * L));
            c3_3 = c3_3.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 3 * L));
            c4_0 = c4_0.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 0 * L));
            c4_1 = c4_1.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 1 * L));
            c4_2 = c4_2.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 2 * L));
            c4_3 = c4_3.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 3 * L));
            c5_0 = c5_0.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 0 * L));
            c5_1 = c5_1.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 1 * L));
            c5_2 = c5_2.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 2 * L));
            c5_3 = c5_3.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 3 * L));
        }
        c0_0.intoArray(c, ci + 0 * ldc + 0 * L);
        c0_1.intoArray(c, ci + 0 * ldc + 1 * L);
        c0_2.intoArray(c, ci + 0 * ldc + 2 * L);
        c0_3.intoArray(c, ci + 0 * ldc + 3 * L);
        c1_0.intoArray(c, ci + 1 * ldc + 0 * L);
        c1_1.intoArray(c, ci + 1 * ldc + 1 * L);
        c1_2.intoArray(c, ci + 1 * ldc + 2 * L);
        c1_3.intoArray(c, ci + 1 * ldc + 3 * L);
        c2_0.intoArray(c, ci + 2 * ldc + 0 * L);
        c2_1.intoArray(c, ci + 2 * ldc + 1 * L);
        c2_2.intoArray(c, ci + 2 * ldc + 2 * L);
        c2_3.intoArray(c, ci + 2 * ldc + 3 * L);
        c3_0.intoArray(c, ci + 3 * ldc + 0 * L);
        c3_1.intoArray(c, ci + 3 * ldc + 1 * L);
        c3_2.intoArray(c, ci + 3 * ldc + 2 * L);
        c3_3.intoArray(c, ci + 3 * ldc + 3 * L);
        c4_0.intoArray(c, ci + 4 * ldc + 0 * L);
        c4_1.intoArray(c, ci + 4 * ldc + 1 * L);
        c4_2.intoArray(c, ci + 4 * ldc + 2 * L);
        c4_3.intoArray(c, ci + 4 * ldc + 3 * L);
        c5_0.intoArray(c, ci + 5 * ldc + 0 * L);
        c5_1.intoArray(c, ci + 5 * ldc + 1 * L);
        c5_2.intoArray(c, ci + 5 * ldc + 2 * L);
        c5_3.intoArray(c, ci + 5 * ldc + 3 * L);
    }

    /**
     * {@link #kernelACols} for a B one vector wide (its panels still NR wide, zero-padded) on 24 rows: one load of B
     * and 24 broadcasts feed 24 multiply-adds, so 16 output channels (LeNet's second layer) do not multiply three
     * vectors of zeros.
     */
    static void kernelACols24x1(
            int kc,
            float[] a,
            int ai,
            int[] aCols,
            int r0,
            float[] bp,
            int bi,
            float[] c,
            int ci,
            int ldc,
            boolean load) {
        FloatVector c0 = FloatVector.zero(S),
                c1 = FloatVector.zero(S),
                c2 = FloatVector.zero(S),
                c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S),
                c5 = FloatVector.zero(S),
                c6 = FloatVector.zero(S),
                c7 = FloatVector.zero(S);
        FloatVector c8 = FloatVector.zero(S),
                c9 = FloatVector.zero(S),
                c10 = FloatVector.zero(S),
                c11 = FloatVector.zero(S);
        FloatVector c12 = FloatVector.zero(S),
                c13 = FloatVector.zero(S),
                c14 = FloatVector.zero(S),
                c15 = FloatVector.zero(S);
        FloatVector c16 = FloatVector.zero(S),
                c17 = FloatVector.zero(S),
                c18 = FloatVector.zero(S),
                c19 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S),
                c21 = FloatVector.zero(S),
                c22 = FloatVector.zero(S),
                c23 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi + p * NR);
            int ao = ai + aCols[r0 + p];
            c0 = FloatVector.broadcast(S, a[ao + 0]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[ao + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[ao + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[ao + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[ao + 4]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[ao + 5]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, a[ao + 6]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, a[ao + 7]).fma(b0, c7);
            c8 = FloatVector.broadcast(S, a[ao + 8]).fma(b0, c8);
            c9 = FloatVector.broadcast(S, a[ao + 9]).fma(b0, c9);
            c10 = FloatVector.broadcast(S, a[ao + 10]).fma(b0, c10);
            c11 = FloatVector.broadcast(S, a[ao + 11]).fma(b0, c11);
            c12 = FloatVector.broadcast(S, a[ao + 12]).fma(b0, c12);
            c13 = FloatVector.broadcast(S, a[ao + 13]).fma(b0, c13);
            c14 = FloatVector.broadcast(S, a[ao + 14]).fma(b0, c14);
            c15 = FloatVector.broadcast(S, a[ao + 15]).fma(b0, c15);
            c16 = FloatVector.broadcast(S, a[ao + 16]).fma(b0, c16);
            c17 = FloatVector.broadcast(S, a[ao + 17]).fma(b0, c17);
            c18 = FloatVector.broadcast(S, a[ao + 18]).fma(b0, c18);
            c19 = FloatVector.broadcast(S, a[ao + 19]).fma(b0, c19);
            c20 = FloatVector.broadcast(S, a[ao + 20]).fma(b0, c20);
            c21 = FloatVector.broadcast(S, a[ao + 21]).fma(b0, c21);
            c22 = FloatVector.broadcast(S, a[ao + 22]).fma(b0, c22);
            c23 = FloatVector.broadcast(S, a[ao + 23]).fma(b0, c23);
        }
        if (load) {
            c0 = c0.add(FloatVector.fromArray(S, c, ci + 0 * ldc));
            c1 = c1.add(FloatVector.fromArray(S, c, ci + 1 * ldc));
            c2 = c2.add(FloatVector.fromArray(S, c, ci + 2 * ldc));
            c3 = c3.add(FloatVector.fromArray(S, c, ci + 3 * ldc));
            c4 = c4.add(FloatVector.fromArray(S, c, ci + 4 * ldc));
            c5 = c5.add(FloatVector.fromArray(S, c, ci + 5 * ldc));
            c6 = c6.add(FloatVector.fromArray(S, c, ci + 6 * ldc));
            c7 = c7.add(FloatVector.fromArray(S, c, ci + 7 * ldc));
            c8 = c8.add(FloatVector.fromArray(S, c, ci + 8 * ldc));
            c9 = c9.add(FloatVector.fromArray(S, c, ci + 9 * ldc));
            c10 = c10.add(FloatVector.fromArray(S, c, ci + 10 * ldc));
            c11 = c11.add(FloatVector.fromArray(S, c, ci + 11 * ldc));
            c12 = c12.add(FloatVector.fromArray(S, c, ci + 12 * ldc));
            c13 = c13.add(FloatVector.fromArray(S, c, ci + 13 * ldc));
            c14 = c14.add(FloatVector.fromArray(S, c, ci + 14 * ldc));
            c15 = c15.add(FloatVector.fromArray(S, c, ci + 15 * ldc));
            c16 = c16.add(FloatVector.fromArray(S, c, ci + 16 * ldc));
            c17 = c17.add(FloatVector.fromArray(S, c, ci + 17 * ldc));
            c18 = c18.add(FloatVector.fromArray(S, c, ci + 18 * ldc));
            c19 = c19.add(FloatVector.fromArray(S, c, ci + 19 * ldc));
            c20 = c20.add(FloatVector.fromArray(S, c, ci + 20 * ldc));
            c21 = c21.add(FloatVector.fromArray(S, c, ci + 21 * ldc));
            c22 = c22.add(FloatVector.fromArray(S, c, ci + 22 * ldc));
            c23 = c23.add(FloatVector.fromArray(S, c, ci + 23 * ldc));
        }
        c0.intoArray(c, ci + 0 * ldc);
        c1.intoArray(c, ci + 1 * ldc);
        c2.intoArray(c, ci + 2 * ldc);
        c3.intoArray(c, ci + 3 * ldc);
        c4.intoArray(c, ci + 4 * ldc);
        c5.intoArray(c, ci + 5 * ldc);
        c6.intoArray(c, ci + 6 * ldc);
        c7.intoArray(c, ci + 7 * ldc);
        c8.intoArray(c, ci + 8 * ldc);
        c9.intoArray(c, ci + 9 * ldc);
        c10.intoArray(c, ci + 10 * ldc);
        c11.intoArray(c, ci + 11 * ldc);
        c12.intoArray(c, ci + 12 * ldc);
        c13.intoArray(c, ci + 13 * ldc);
        c14.intoArray(c, ci + 14 * ldc);
        c15.intoArray(c, ci + 15 * ldc);
        c16.intoArray(c, ci + 16 * ldc);
        c17.intoArray(c, ci + 17 * ldc);
        c18.intoArray(c, ci + 18 * ldc);
        c19.intoArray(c, ci + 19 * ldc);
        c20.intoArray(c, ci + 20 * ldc);
        c21.intoArray(c, ci + 21 * ldc);
        c22.intoArray(c, ci + 22 * ldc);
        c23.intoArray(c, ci + 23 * ldc);
    }

    /**
     * {@link #kernelARows} for a B one vector wide on 8 rows: 8 broadcasts and one load of B feed 8 multiply-adds,
     * the most row offsets that stay in registers; for a weight gradient into 12 to 16 output channels (LeNet's
     * second layer), where the 6×4 tile would multiply three vectors of zeros.
     */
    static void kernelARows8x1(
            int kc,
            float[] a,
            int ai,
            int[] aRows,
            int r0,
            float[] bp,
            int bi,
            float[] c,
            int ci,
            int ldc,
            boolean load) {
        int o0 = ai + aRows[r0], o1 = ai + aRows[r0 + 1], o2 = ai + aRows[r0 + 2], o3 = ai + aRows[r0 + 3];
        int o4 = ai + aRows[r0 + 4], o5 = ai + aRows[r0 + 5], o6 = ai + aRows[r0 + 6], o7 = ai + aRows[r0 + 7];
        FloatVector c0 = FloatVector.zero(S),
                c1 = FloatVector.zero(S),
                c2 = FloatVector.zero(S),
                c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S),
                c5 = FloatVector.zero(S),
                c6 = FloatVector.zero(S),
                c7 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bi + p * NR);
            c0 = FloatVector.broadcast(S, a[o0 + p]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[o1 + p]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[o2 + p]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[o3 + p]).fma(b0, c3);
            c4 = FloatVector.broadcast(S, a[o4 + p]).fma(b0, c4);
            c5 = FloatVector.broadcast(S, a[o5 + p]).fma(b0, c5);
            c6 = FloatVector.broadcast(S, a[o6 + p]).fma(b0, c6);
            c7 = FloatVector.broadcast(S, a[o7 + p]).fma(b0, c7);
        }
        if (load) {
            c0 = c0.add(FloatVector.fromArray(S, c, ci + 0 * ldc));
            c1 = c1.add(FloatVector.fromArray(S, c, ci + 1 * ldc));
            c2 = c2.add(FloatVector.fromArray(S, c, ci + 2 * ldc));
            c3 = c3.add(FloatVector.fromArray(S, c, ci + 3 * ldc));
            c4 = c4.add(FloatVector.fromArray(S, c, ci + 4 * ldc));
            c5 = c5.add(FloatVector.fromArray(S, c, ci + 5 * ldc));
            c6 = c6.add(FloatVector.fromArray(S, c, ci + 6 * ldc));
            c7 = c7.add(FloatVector.fromArray(S, c, ci + 7 * ldc));
        }
        c0.intoArray(c, ci + 0 * ldc);
        c1.intoArray(c, ci + 1 * ldc);
        c2.intoArray(c, ci + 2 * ldc);
        c3.intoArray(c, ci + 3 * ldc);
        c4.intoArray(c, ci + 4 * ldc);
        c5.intoArray(c, ci + 5 * ldc);
        c6.intoArray(c, ci + 6 * ldc);
        c7.intoArray(c, ci + 7 * ldc);
    }

    /**
     * {@link #kernelACols} for a B of at most 2 vectors' width (its panels still NR wide, zero-padded) on 12 rows:
     * the same 24 accumulators as the 6×4 tile, so a product with 32 columns (an input gradient into 32 channels)
     * does not multiply half its panel's zeros.
     */
    static void kernelACols12x2(
            int kc,
            float[] a,
            int ai,
            int[] aCols,
            int r0,
            float[] bp,
            int bi,
            float[] c,
            int ci,
            int ldc,
            boolean load) {
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S);
        FloatVector c6_0 = FloatVector.zero(S), c6_1 = FloatVector.zero(S);
        FloatVector c7_0 = FloatVector.zero(S), c7_1 = FloatVector.zero(S);
        FloatVector c8_0 = FloatVector.zero(S), c8_1 = FloatVector.zero(S);
        FloatVector c9_0 = FloatVector.zero(S), c9_1 = FloatVector.zero(S);
        FloatVector c10_0 = FloatVector.zero(S), c10_1 = FloatVector.zero(S);
        FloatVector c11_0 = FloatVector.zero(S), c11_1 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bo = bi + p * NR;
            int ao = ai + aCols[r0 + p];
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
            FloatVector a6 = FloatVector.broadcast(S, a[ao + 6]);
            c6_0 = a6.fma(b0, c6_0);
            c6_1 = a6.fma(b1, c6_1);
            FloatVector a7 = FloatVector.broadcast(S, a[ao + 7]);
            c7_0 = a7.fma(b0, c7_0);
            c7_1 = a7.fma(b1, c7_1);
            FloatVector a8 = FloatVector.broadcast(S, a[ao + 8]);
            c8_0 = a8.fma(b0, c8_0);
            c8_1 = a8.fma(b1, c8_1);
            FloatVector a9 = FloatVector.broadcast(S, a[ao + 9]);
            c9_0 = a9.fma(b0, c9_0);
            c9_1 = a9.fma(b1, c9_1);
            FloatVector a10 = FloatVector.broadcast(S, a[ao + 10]);
            c10_0 = a10.fma(b0, c10_0);
            c10_1 = a10.fma(b1, c10_1);
            FloatVector a11 = FloatVector.broadcast(S, a[ao + 11]);
            c11_0 = a11.fma(b0, c11_0);
            c11_1 = a11.fma(b1, c11_1);
        }
        if (load) {
            c0_0 = c0_0.add(FloatVector.fromArray(S, c, ci + 0 * ldc));
            c0_1 = c0_1.add(FloatVector.fromArray(S, c, ci + 0 * ldc + L));
            c1_0 = c1_0.add(FloatVector.fromArray(S, c, ci + 1 * ldc));
            c1_1 = c1_1.add(FloatVector.fromArray(S, c, ci + 1 * ldc + L));
            c2_0 = c2_0.add(FloatVector.fromArray(S, c, ci + 2 * ldc));
            c2_1 = c2_1.add(FloatVector.fromArray(S, c, ci + 2 * ldc + L));
            c3_0 = c3_0.add(FloatVector.fromArray(S, c, ci + 3 * ldc));
            c3_1 = c3_1.add(FloatVector.fromArray(S, c, ci + 3 * ldc + L));
            c4_0 = c4_0.add(FloatVector.fromArray(S, c, ci + 4 * ldc));
            c4_1 = c4_1.add(FloatVector.fromArray(S, c, ci + 4 * ldc + L));
            c5_0 = c5_0.add(FloatVector.fromArray(S, c, ci + 5 * ldc));
            c5_1 = c5_1.add(FloatVector.fromArray(S, c, ci + 5 * ldc + L));
            c6_0 = c6_0.add(FloatVector.fromArray(S, c, ci + 6 * ldc));
            c6_1 = c6_1.add(FloatVector.fromArray(S, c, ci + 6 * ldc + L));
            c7_0 = c7_0.add(FloatVector.fromArray(S, c, ci + 7 * ldc));
            c7_1 = c7_1.add(FloatVector.fromArray(S, c, ci + 7 * ldc + L));
            c8_0 = c8_0.add(FloatVector.fromArray(S, c, ci + 8 * ldc));
            c8_1 = c8_1.add(FloatVector.fromArray(S, c, ci + 8 * ldc + L));
            c9_0 = c9_0.add(FloatVector.fromArray(S, c, ci + 9 * ldc));
            c9_1 = c9_1.add(FloatVector.fromArray(S, c, ci + 9 * ldc + L));
            c10_0 = c10_0.add(FloatVector.fromArray(S, c, ci + 10 * ldc));
            c10_1 = c10_1.add(FloatVector.fromArray(S, c, ci + 10 * ldc + L));
            c11_0 = c11_0.add(FloatVector.fromArray(S, c, ci + 11 * ldc));
            c11_1 = c11_1.add(FloatVector.fromArray(S, c, ci + 11 * ldc + L));
        }
        c0_0.intoArray(c, ci + 0 * ldc);
        c0_1.intoArray(c, ci + 0 * ldc + L);
        c1_0.intoArray(c, ci + 1 * ldc);
        c1_1.intoArray(c, ci + 1 * ldc + L);
        c2_0.intoArray(c, ci + 2 * ldc);
        c2_1.intoArray(c, ci + 2 * ldc + L);
        c3_0.intoArray(c, ci + 3 * ldc);
        c3_1.intoArray(c, ci + 3 * ldc + L);
        c4_0.intoArray(c, ci + 4 * ldc);
        c4_1.intoArray(c, ci + 4 * ldc + L);
        c5_0.intoArray(c, ci + 5 * ldc);
        c5_1.intoArray(c, ci + 5 * ldc + L);
        c6_0.intoArray(c, ci + 6 * ldc);
        c6_1.intoArray(c, ci + 6 * ldc + L);
        c7_0.intoArray(c, ci + 7 * ldc);
        c7_1.intoArray(c, ci + 7 * ldc + L);
        c8_0.intoArray(c, ci + 8 * ldc);
        c8_1.intoArray(c, ci + 8 * ldc + L);
        c9_0.intoArray(c, ci + 9 * ldc);
        c9_1.intoArray(c, ci + 9 * ldc + L);
        c10_0.intoArray(c, ci + 10 * ldc);
        c10_1.intoArray(c, ci + 10 * ldc + L);
        c11_0.intoArray(c, ci + 11 * ldc);
        c11_1.intoArray(c, ci + 11 * ldc + L);
    }

    /**
     * {@link #kernel} with A(i, p) at {@code a[ai + aCols[r0 + p] + i]}: A's column p is a contiguous run starting
     * where the table says, B packed ({@link #gemmACols}). A separate method, as {@link #kernelRows} is.
     */
    static void kernelACols(
            int kc,
            float[] a,
            int ai,
            int[] aCols,
            int r0,
            float[] bp,
            int bi,
            float[] c,
            int ci,
            int ldc,
            boolean load) {
        FloatVector c0_0 = FloatVector.zero(S),
                c0_1 = FloatVector.zero(S),
                c0_2 = FloatVector.zero(S),
                c0_3 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S),
                c1_1 = FloatVector.zero(S),
                c1_2 = FloatVector.zero(S),
                c1_3 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S),
                c2_1 = FloatVector.zero(S),
                c2_2 = FloatVector.zero(S),
                c2_3 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S),
                c3_1 = FloatVector.zero(S),
                c3_2 = FloatVector.zero(S),
                c3_3 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S),
                c4_1 = FloatVector.zero(S),
                c4_2 = FloatVector.zero(S),
                c4_3 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S),
                c5_1 = FloatVector.zero(S),
                c5_2 = FloatVector.zero(S),
                c5_3 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bo = bi + p * NR;
            int ao = ai + aCols[r0 + p];
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bo + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, bo + 3 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            c0_2 = a0.fma(b2, c0_2);
            c0_3 = a0.fma(b3, c0_3);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            c1_2 = a1.fma(b2, c1_2);
            c1_3 = a1.fma(b3, c1_3);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            c2_2 = a2.fma(b2, c2_2);
            c2_3 = a2.fma(b3, c2_3);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            c3_2 = a3.fma(b2, c3_2);
            c3_3 = a3.fma(b3, c3_3);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            c4_2 = a4.fma(b2, c4_2);
            c4_3 = a4.fma(b3, c4_3);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
            c5_2 = a5.fma(b2, c5_2);
            c5_3 = a5.fma(b3, c5_3);
        }
        if (load) {
            c0_0 = c0_0.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 0 * L));
            c0_1 = c0_1.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 1 * L));
            c0_2 = c0_2.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 2 * L));
            c0_3 = c0_3.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 3 * L));
            c1_0 = c1_0.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 0 * L));
            c1_1 = c1_1.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 1 * L));
            c1_2 = c1_2.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 2 * L));
            c1_3 = c1_3.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 3 * L));
            c2_0 = c2_0.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 0 * L));
            c2_1 = c2_1.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 1 * L));
            c2_2 = c2_2.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 2 * L));
            c2_3 = c2_3.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 3 * L));
            c3_0 = c3_0.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 0 * L));
            c3_1 = c3_1.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 1 * L));
            c3_2 = c3_2.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 2 * L));
            c3_3 = c3_3.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 3 * L));
            c4_0 = c4_0.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 0 * L));
            c4_1 = c4_1.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 1 * L));
            c4_2 = c4_2.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 2 * L));
            c4_3 = c4_3.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 3 * L));
            c5_0 = c5_0.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 0 * L));
            c5_1 = c5_1.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 1 * L));
            c5_2 = c5_2.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 2 * L));
            c5_3 = c5_3.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 3 * L));
        }
        c0_0.intoArray(c, ci + 0 * ldc + 0 * L);
        c0_1.intoArray(c, ci + 0 * ldc + 1 * L);
        c0_2.intoArray(c, ci + 0 * ldc + 2 * L);
        c0_3.intoArray(c, ci + 0 * ldc + 3 * L);
        c1_0.intoArray(c, ci + 1 * ldc + 0 * L);
        c1_1.intoArray(c, ci + 1 * ldc + 1 * L);
        c1_2.intoArray(c, ci + 1 * ldc + 2 * L);
        c1_3.intoArray(c, ci + 1 * ldc + 3 * L);
        c2_0.intoArray(c, ci + 2 * ldc + 0 * L);
        c2_1.intoArray(c, ci + 2 * ldc + 1 * L);
        c2_2.intoArray(c, ci + 2 * ldc + 2 * L);
        c2_3.intoArray(c, ci + 2 * ldc + 3 * L);
        c3_0.intoArray(c, ci + 3 * ldc + 0 * L);
        c3_1.intoArray(c, ci + 3 * ldc + 1 * L);
        c3_2.intoArray(c, ci + 3 * ldc + 2 * L);
        c3_3.intoArray(c, ci + 3 * ldc + 3 * L);
        c4_0.intoArray(c, ci + 4 * ldc + 0 * L);
        c4_1.intoArray(c, ci + 4 * ldc + 1 * L);
        c4_2.intoArray(c, ci + 4 * ldc + 2 * L);
        c4_3.intoArray(c, ci + 4 * ldc + 3 * L);
        c5_0.intoArray(c, ci + 5 * ldc + 0 * L);
        c5_1.intoArray(c, ci + 5 * ldc + 1 * L);
        c5_2.intoArray(c, ci + 5 * ldc + 2 * L);
        c5_3.intoArray(c, ci + 5 * ldc + 3 * L);
    }

    /**
     * {@link #kernel} with A's row r at {@code a[ai + aRows[r0 + r]]}, contiguous along k, and B packed: A read in
     * place through row offsets ({@link #gemmARows}). A separate method, as {@link #kernelRows} is: six row bases
     * in registers instead of a base and a stride.
     */
    static void kernelARows(
            int kc,
            float[] a,
            int ai,
            int[] aRows,
            int r0,
            float[] bp,
            int bi,
            float[] c,
            int ci,
            int ldc,
            boolean load) {
        int o0 = ai + aRows[r0], o1 = ai + aRows[r0 + 1], o2 = ai + aRows[r0 + 2];
        int o3 = ai + aRows[r0 + 3], o4 = ai + aRows[r0 + 4], o5 = ai + aRows[r0 + 5];
        FloatVector c0_0 = FloatVector.zero(S),
                c0_1 = FloatVector.zero(S),
                c0_2 = FloatVector.zero(S),
                c0_3 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S),
                c1_1 = FloatVector.zero(S),
                c1_2 = FloatVector.zero(S),
                c1_3 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S),
                c2_1 = FloatVector.zero(S),
                c2_2 = FloatVector.zero(S),
                c2_3 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S),
                c3_1 = FloatVector.zero(S),
                c3_2 = FloatVector.zero(S),
                c3_3 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S),
                c4_1 = FloatVector.zero(S),
                c4_2 = FloatVector.zero(S),
                c4_3 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S),
                c5_1 = FloatVector.zero(S),
                c5_2 = FloatVector.zero(S),
                c5_3 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bo = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bo + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, bo + 3 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[o0 + p]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            c0_2 = a0.fma(b2, c0_2);
            c0_3 = a0.fma(b3, c0_3);
            FloatVector a1 = FloatVector.broadcast(S, a[o1 + p]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            c1_2 = a1.fma(b2, c1_2);
            c1_3 = a1.fma(b3, c1_3);
            FloatVector a2 = FloatVector.broadcast(S, a[o2 + p]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            c2_2 = a2.fma(b2, c2_2);
            c2_3 = a2.fma(b3, c2_3);
            FloatVector a3 = FloatVector.broadcast(S, a[o3 + p]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            c3_2 = a3.fma(b2, c3_2);
            c3_3 = a3.fma(b3, c3_3);
            FloatVector a4 = FloatVector.broadcast(S, a[o4 + p]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            c4_2 = a4.fma(b2, c4_2);
            c4_3 = a4.fma(b3, c4_3);
            FloatVector a5 = FloatVector.broadcast(S, a[o5 + p]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
            c5_2 = a5.fma(b2, c5_2);
            c5_3 = a5.fma(b3, c5_3);
        }
        if (load) {
            c0_0 = c0_0.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 0 * L));
            c0_1 = c0_1.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 1 * L));
            c0_2 = c0_2.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 2 * L));
            c0_3 = c0_3.add(FloatVector.fromArray(S, c, ci + 0 * ldc + 3 * L));
            c1_0 = c1_0.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 0 * L));
            c1_1 = c1_1.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 1 * L));
            c1_2 = c1_2.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 2 * L));
            c1_3 = c1_3.add(FloatVector.fromArray(S, c, ci + 1 * ldc + 3 * L));
            c2_0 = c2_0.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 0 * L));
            c2_1 = c2_1.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 1 * L));
            c2_2 = c2_2.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 2 * L));
            c2_3 = c2_3.add(FloatVector.fromArray(S, c, ci + 2 * ldc + 3 * L));
            c3_0 = c3_0.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 0 * L));
            c3_1 = c3_1.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 1 * L));
            c3_2 = c3_2.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 2 * L));
            c3_3 = c3_3.add(FloatVector.fromArray(S, c, ci + 3 * ldc + 3 * L));
            c4_0 = c4_0.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 0 * L));
            c4_1 = c4_1.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 1 * L));
            c4_2 = c4_2.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 2 * L));
            c4_3 = c4_3.add(FloatVector.fromArray(S, c, ci + 4 * ldc + 3 * L));
            c5_0 = c5_0.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 0 * L));
            c5_1 = c5_1.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 1 * L));
            c5_2 = c5_2.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 2 * L));
            c5_3 = c5_3.add(FloatVector.fromArray(S, c, ci + 5 * ldc + 3 * L));
        }
        c0_0.intoArray(c, ci + 0 * ldc + 0 * L);
        c0_1.intoArray(c, ci + 0 * ldc + 1 * L);
        c0_2.intoArray(c, ci + 0 * ldc + 2 * L);
        c0_3.intoArray(c, ci + 0 * ldc + 3 * L);
        c1_0.intoArray(c, ci + 1 * ldc + 0 * L);
        c1_1.intoArray(c, ci + 1 * ldc + 1 * L);
        c1_2.intoArray(c, ci + 1 * ldc + 2 * L);
        c1_3.intoArray(c, ci + 1 * ldc + 3 * L);
        c2_0.intoArray(c, ci + 2 * ldc + 0 * L);
        c2_1.intoArray(c, ci + 2 * ldc + 1 * L);
        c2_2.intoArray(c, ci + 2 * ldc + 2 * L);
        c2_3.intoArray(c, ci + 2 * ldc + 3 * L);
        c3_0.intoArray(c, ci + 3 * ldc + 0 * L);
        c3_1.intoArray(c, ci + 3 * ldc + 1 * L);
        c3_2.intoArray(c, ci + 3 * ldc + 2 * L);
        c3_3.intoArray(c, ci + 3 * ldc + 3 * L);
        c4_0.intoArray(c, ci + 4 * ldc + 0 * L);
        c4_1.intoArray(c, ci + 4 * ldc + 1 * L);
        c4_2.intoArray(c, ci + 4 * ldc + 2 * L);
        c4_3.intoArray(c, ci + 4 * ldc + 3 * L);
        c5_0.intoArray(c, ci + 5 * ldc + 0 * L);
        c5_1.intoArray(c, ci + 5 * ldc + 1 * L);
        c5_2.intoArray(c, ci + 5 * ldc + 2 * L);
        c5_3.intoArray(c, ci + 5 * ldc + 3 * L);
    }

    /**
     * The left 3 vectors of the 6×NR kernel, into a scratch tile (row stride NR) from zero: a partial last
     * panel of 3 vectors columns at most, without the FMAs on its zero padding; the same sums as the full kernel.
     */
    static void kernel3(int kc, float[] a, int ai, int rs, int ps, float[] bp, int bi, float[] tile) {
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S), c0_2 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S), c1_2 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S), c2_2 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S), c3_2 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S), c4_2 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S), c5_2 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bo = bi + p * NR;
            int ao = ai + p * ps;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bo + 2 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * rs]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            c0_2 = a0.fma(b2, c0_2);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1 * rs]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            c1_2 = a1.fma(b2, c1_2);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * rs]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            c2_2 = a2.fma(b2, c2_2);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3 * rs]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            c3_2 = a3.fma(b2, c3_2);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4 * rs]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            c4_2 = a4.fma(b2, c4_2);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5 * rs]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
            c5_2 = a5.fma(b2, c5_2);
        }
        c0_0.intoArray(tile, 0 * NR + 0 * L);
        c0_1.intoArray(tile, 0 * NR + 1 * L);
        c0_2.intoArray(tile, 0 * NR + 2 * L);
        c1_0.intoArray(tile, 1 * NR + 0 * L);
        c1_1.intoArray(tile, 1 * NR + 1 * L);
        c1_2.intoArray(tile, 1 * NR + 2 * L);
        c2_0.intoArray(tile, 2 * NR + 0 * L);
        c2_1.intoArray(tile, 2 * NR + 1 * L);
        c2_2.intoArray(tile, 2 * NR + 2 * L);
        c3_0.intoArray(tile, 3 * NR + 0 * L);
        c3_1.intoArray(tile, 3 * NR + 1 * L);
        c3_2.intoArray(tile, 3 * NR + 2 * L);
        c4_0.intoArray(tile, 4 * NR + 0 * L);
        c4_1.intoArray(tile, 4 * NR + 1 * L);
        c4_2.intoArray(tile, 4 * NR + 2 * L);
        c5_0.intoArray(tile, 5 * NR + 0 * L);
        c5_1.intoArray(tile, 5 * NR + 1 * L);
        c5_2.intoArray(tile, 5 * NR + 2 * L);
    }

    /**
     * The left 2 vectors of the 6×NR kernel, into a scratch tile (row stride NR) from zero: a partial last
     * panel of 2 vectors columns at most, without the FMAs on its zero padding; the same sums as the full kernel.
     */
    static void kernel2(int kc, float[] a, int ai, int rs, int ps, float[] bp, int bi, float[] tile) {
        FloatVector c0_0 = FloatVector.zero(S), c0_1 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S), c1_1 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S), c2_1 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S), c3_1 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S), c4_1 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S), c5_1 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bo = bi + p * NR;
            int ao = ai + p * ps;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + 1 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * rs]);
            c0_0 = a0.fma(b0, c0_0);
            c0_1 = a0.fma(b1, c0_1);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1 * rs]);
            c1_0 = a1.fma(b0, c1_0);
            c1_1 = a1.fma(b1, c1_1);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * rs]);
            c2_0 = a2.fma(b0, c2_0);
            c2_1 = a2.fma(b1, c2_1);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3 * rs]);
            c3_0 = a3.fma(b0, c3_0);
            c3_1 = a3.fma(b1, c3_1);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4 * rs]);
            c4_0 = a4.fma(b0, c4_0);
            c4_1 = a4.fma(b1, c4_1);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5 * rs]);
            c5_0 = a5.fma(b0, c5_0);
            c5_1 = a5.fma(b1, c5_1);
        }
        c0_0.intoArray(tile, 0 * NR + 0 * L);
        c0_1.intoArray(tile, 0 * NR + 1 * L);
        c1_0.intoArray(tile, 1 * NR + 0 * L);
        c1_1.intoArray(tile, 1 * NR + 1 * L);
        c2_0.intoArray(tile, 2 * NR + 0 * L);
        c2_1.intoArray(tile, 2 * NR + 1 * L);
        c3_0.intoArray(tile, 3 * NR + 0 * L);
        c3_1.intoArray(tile, 3 * NR + 1 * L);
        c4_0.intoArray(tile, 4 * NR + 0 * L);
        c4_1.intoArray(tile, 4 * NR + 1 * L);
        c5_0.intoArray(tile, 5 * NR + 0 * L);
        c5_1.intoArray(tile, 5 * NR + 1 * L);
    }

    /**
     * The left 1 vector of the 6×NR kernel, into a scratch tile (row stride NR) from zero: a partial last
     * panel of 1 vector columns at most, without the FMAs on its zero padding; the same sums as the full kernel.
     */
    static void kernel1(int kc, float[] a, int ai, int rs, int ps, float[] bp, int bi, float[] tile) {
        FloatVector c0_0 = FloatVector.zero(S);
        FloatVector c1_0 = FloatVector.zero(S);
        FloatVector c2_0 = FloatVector.zero(S);
        FloatVector c3_0 = FloatVector.zero(S);
        FloatVector c4_0 = FloatVector.zero(S);
        FloatVector c5_0 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bo = bi + p * NR;
            int ao = ai + p * ps;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo + 0 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao + 0 * rs]);
            c0_0 = a0.fma(b0, c0_0);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + 1 * rs]);
            c1_0 = a1.fma(b0, c1_0);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * rs]);
            c2_0 = a2.fma(b0, c2_0);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3 * rs]);
            c3_0 = a3.fma(b0, c3_0);
            FloatVector a4 = FloatVector.broadcast(S, a[ao + 4 * rs]);
            c4_0 = a4.fma(b0, c4_0);
            FloatVector a5 = FloatVector.broadcast(S, a[ao + 5 * rs]);
            c5_0 = a5.fma(b0, c5_0);
        }
        c0_0.intoArray(tile, 0 * NR + 0 * L);
        c1_0.intoArray(tile, 1 * NR + 0 * L);
        c2_0.intoArray(tile, 2 * NR + 0 * L);
        c3_0.intoArray(tile, 3 * NR + 0 * L);
        c4_0.intoArray(tile, 4 * NR + 0 * L);
        c5_0.intoArray(tile, 5 * NR + 0 * L);
    }
}
