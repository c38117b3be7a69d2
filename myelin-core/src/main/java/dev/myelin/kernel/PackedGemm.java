package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The blocked GEMM behind {@link Gemm#sgemm} for products too big for the direct loop.
 *
 * <p>Classic BLIS/GotoBLAS structure: op(B) is packed into KC×NR micro-panels and op(A) into
 * MR×KC micro-panels (zero-padded at the edges), so all four transpose variants reduce to one
 * micro-kernel reading contiguous memory. The micro-kernel keeps an MR×NR tile of C in registers
 * (MR rows × NV vectors), broadcasting one A value per row and loading NV vectors of B per k step.
 * Its loads, FMAs and stores are written out inline in a single method on purpose: a helper that
 * passes vectors as arguments and is not inlined makes the JIT box them (several times slower).
 *
 * <p>Threads split C into contiguous ranges of whole micro-tiles (rows or columns, whichever has
 * more) and each packs what it needs into its own buffers. The k blocking is global, so each C
 * element sees the same sequence of FMAs whatever the thread count: results are bit-identical
 * across thread counts.
 */
final class PackedGemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Rows of the register tile. */
    static final int MR = 8;
    /** Vectors per row of the register tile. */
    static final int NV = 2;
    /** Columns of the register tile. */
    static final int NR = NV * L;
    /** Depth of a packed block (B micro-panel KC×NR stays in L1). */
    static final int KC = 256;
    /** Rows of a packed A block (MC×KC stays in L2). */
    static final int MC = 128;
    /** Columns of a packed B block. */
    static final int NC = 2048;

    /** Minimum multiply-adds per thread before splitting pays for waking a worker. */
    static final long MIN_FLOPS_PER_THREAD = 1L << 20;

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[2][]);

    private PackedGemm() {
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        int mTiles = (m + MR - 1) / MR;
        int nTiles = (n + NR - 1) / NR;
        long flops = (long) m * n * k;
        // Split the dimension whose other operand is cheaper to pack twice, if it has enough tiles.
        boolean splitRows = mTiles >= nTiles;
        int tiles = splitRows ? mTiles : nTiles;
        long flopsPerTile = flops / tiles;
        int minChunk = (int) Math.max(1, Math.min(tiles, MIN_FLOPS_PER_THREAD / Math.max(1, flopsPerTile)));
        Parallel.forRange(tiles, minChunk, (t0, t1) -> {
            if (splitRows) {
                int i0 = t0 * MR;
                int i1 = Math.min(m, t1 * MR);
                block(transA, transB, i0, i1, 0, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            } else {
                int j0 = t0 * NR;
                int j1 = Math.min(n, t1 * NR);
                block(transA, transB, 0, m, j0, j1, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            }
        });
    }

    /** Computes rows [i0, i1) × columns [j0, j1) of C on the calling thread. */
    private static void block(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc, boolean accumulate) {
        float[][] bufs = BUFFERS.get();
        int ncMax = Math.min(NC, roundUp(j1 - j0, NR));
        int kcMax = Math.min(KC, k);
        int mcMax = Math.min(MC, roundUp(i1 - i0, MR));
        if (bufs[0] == null || bufs[0].length < mcMax * kcMax) {
            bufs[0] = new float[MC * KC];
        }
        if (bufs[1] == null || bufs[1].length < ncMax * kcMax) {
            bufs[1] = new float[Math.max(ncMax * kcMax, bufs[1] == null ? 0 : bufs[1].length)];
        }
        float[] ap = bufs[0];
        float[] bp = bufs[1];
        float[] tile = new float[MR * NR];
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean load = accumulate || pc > 0;
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, bp);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, ap);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int bi = jr * kc;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int ai = ir * kc;
                            int ci = cOff + (ic + ir) * ldc + jc + jr;
                            if (mr == MR && nr == NR) {
                                kernel(kc, ap, ai, bp, bi, c, ci, ldc, load);
                            } else {
                                kernel(kc, ap, ai, bp, bi, tile, 0, NR, false);
                                for (int r = 0; r < mr; r++) {
                                    int co = ci + r * ldc;
                                    for (int j = 0; j < nr; j++) {
                                        c[co + j] = load ? c[co + j] + tile[r * NR + j] : tile[r * NR + j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }

    /** Packs op(A)[ic..ic+mc, pc..pc+kc) as MR-row micro-panels: panel-major, then k, then row. */
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
                int src = bOff + pc * ldb + jc + jr;
                if (nr == NR) {
                    for (int p = 0; p < kc; p++, src += ldb) {
                        int dst = base + p * NR;
                        for (int v = 0; v < NR; v += L) {
                            FloatVector.fromArray(S, b, src + v).intoArray(bp, dst + v);
                        }
                    }
                } else {
                    for (int p = 0; p < kc; p++, src += ldb) {
                        int dst = base + p * NR;
                        System.arraycopy(b, src, bp, dst, nr);
                        java.util.Arrays.fill(bp, dst + nr, dst + NR, 0f);
                    }
                }
            } else {
                for (int j = 0; j < nr; j++) {
                    int src = bOff + (jc + jr + j) * ldb + pc;
                    for (int p = 0; p < kc; p++) {
                        bp[base + p * NR + j] = b[src + p];
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

    /**
     * C[MR×NR at ci, stride ldc] (+)= Apanel·Bpanel over kc steps. All vector work is inline here;
     * see the class comment.
     */
    static void kernel(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc, boolean load) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bo = bi + p * NR;
            int ao = ai + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector av = FloatVector.broadcast(S, ap[ao]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, ap[ao + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, ap[ao + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        int r0 = ci, r1 = ci + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc,
                r7 = r6 + ldc;
        if (load) {
            c00 = c00.add(FloatVector.fromArray(S, c, r0));
            c01 = c01.add(FloatVector.fromArray(S, c, r0 + L));
            c10 = c10.add(FloatVector.fromArray(S, c, r1));
            c11 = c11.add(FloatVector.fromArray(S, c, r1 + L));
            c20 = c20.add(FloatVector.fromArray(S, c, r2));
            c21 = c21.add(FloatVector.fromArray(S, c, r2 + L));
            c30 = c30.add(FloatVector.fromArray(S, c, r3));
            c31 = c31.add(FloatVector.fromArray(S, c, r3 + L));
            c40 = c40.add(FloatVector.fromArray(S, c, r4));
            c41 = c41.add(FloatVector.fromArray(S, c, r4 + L));
            c50 = c50.add(FloatVector.fromArray(S, c, r5));
            c51 = c51.add(FloatVector.fromArray(S, c, r5 + L));
            c60 = c60.add(FloatVector.fromArray(S, c, r6));
            c61 = c61.add(FloatVector.fromArray(S, c, r6 + L));
            c70 = c70.add(FloatVector.fromArray(S, c, r7));
            c71 = c71.add(FloatVector.fromArray(S, c, r7 + L));
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + L);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + L);
        c60.intoArray(c, r6);
        c61.intoArray(c, r6 + L);
        c70.intoArray(c, r7);
        c71.intoArray(c, r7 + L);
    }
}
