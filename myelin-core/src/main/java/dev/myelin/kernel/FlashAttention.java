package dev.myelin.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Scaled dot-product attention softmax(Q·Kᵀ·scale + mask)·V computed block by block (FlashAttention-2's
 * tiling): for a block of {@link #BLOCK_Q} queries the scores against {@link #BLOCK_K} keys at a time are
 * computed, masked, turned into softmax numerators against a running row maximum (the online softmax: earlier
 * blocks' sums and outputs are rescaled when the maximum grows) and multiplied into the output. No [L, S]
 * matrix is ever held: the memory beyond Q, K, V and the output is the per-row log-sum-exp (kept for the
 * backward) and one block of scores per thread. The backward recomputes each block's probabilities from the
 * log-sum-exp instead of storing them.
 *
 * <p>By default the arrays are contiguous: q [bh, L, E], k [bh, S, E], v [bh, S, Ev], out [bh, L, Ev], lse [bh, L].
 * With {@link Layouts} q, k, v and out (and their gradients) may instead be read and written where they lie in a
 * larger array, each head's rows a fixed stride apart: a projection's [N, L, 3·H·d] output read as H heads of
 * queries, keys and values, the output written as [N, L, H·d], with no copies to split and merge the heads. The
 * products of blocks run on {@link Gemm}; the row work (scale, mask, exponentials) on the Vector API. The forward
 * splits (head, query block) pairs over {@link Parallel}, the backward heads (each head's dK, dV and dQ are
 * summed by one thread in a fixed order), so results do not depend on the thread count. Masked scores are −∞
 * and contribute exactly zero; a row with every key masked gives NaN, as the composite softmax does. Optional
 * {@link Dropout} on the weights is recomputed from a hash of each weight's index in both passes.
 */
public final class FlashAttention {
    /** Queries per block. */
    public static final int BLOCK_Q = 128;
    /** Keys per block. */
    public static final int BLOCK_K = 128;

    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    /** The lanes of {@link #applyDropout} (here, not in {@link Dropout}: the record must load without the Vector API, see {@link Simd}). */
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    /** Multiply-adds below which a chunk of work is not handed to another thread. */
    private static final long MIN_CHUNK_MACS = 200_000;

    private FlashAttention() {}

    /**
     * One thread's block buffers, kept between calls: a new array is zeroed by the JVM, and at T = 128 the 64 kB
     * score blocks of every chunk cost as much as a tenth of the step. The kernel writes each buffer before it reads
     * it, so what a previous call left does not matter.
     */
    private static final class Scratch {
        float[] scores = new float[0], gradients = new float[0], dropped = new float[0], rows = new float[0];
        float[] acc = new float[0], max = new float[0], sum = new float[0];
        final float[] lanes = new float[GateMath.lanes()];

        private static final ThreadLocal<Scratch> OF_THREAD = ThreadLocal.withInitial(Scratch::new);

        static Scratch forward(int ev) {
            Scratch s = OF_THREAD.get();
            s.scores = atLeast(s.scores, BLOCK_Q * BLOCK_K);
            s.acc = atLeast(s.acc, BLOCK_Q * ev);
            s.max = atLeast(s.max, BLOCK_Q);
            s.sum = atLeast(s.sum, BLOCK_Q);
            return s;
        }

        static Scratch backward(int l, boolean dropout) {
            Scratch s = OF_THREAD.get();
            s.scores = atLeast(s.scores, BLOCK_Q * BLOCK_K);
            s.gradients = atLeast(s.gradients, BLOCK_Q * BLOCK_K);
            if (dropout) s.dropped = atLeast(s.dropped, BLOCK_Q * BLOCK_K);
            s.rows = atLeast(s.rows, l);
            return s;
        }

        private static float[] atLeast(float[] a, int n) {
            return a.length >= n ? a : new float[n];
        }
    }

    /**
     * An additive mask broadcast over heads: head {@code h}'s [L, S] (or [1, S] when {@code rowStride} is 0) mask
     * starts at {@code data[offsets[h]]}, its row i at {@code + i·rowStride}, entries contiguous along keys.
     */
    public record Mask(float[] data, int[] offsets, int rowStride) {}

    /**
     * Dropout on the attention weights: weight (row, j), row = h·L + i, is kept, and scaled by 1/(1 − p), when a hash of
     * {@code seed}, the row and j, as a uniform draw in [0, 1) with 24 bits, is at least p. The forward and the backward
     * recompute the same mask from the indices (16 lanes at a time), so it is never stored, and it does not depend on
     * how the work is split.
     */
    public record Dropout(float p, long seed) {
        private static final int GOLDEN = 0x9E3779B9;

        public Dropout {
            if (!(p >= 0 && p < 1))
                throw new IllegalArgumentException("FlashAttention: dropout p must be in [0, 1), got " + p);
        }

        /** The row's 32-bit key: SplitMix64's mix of the seed and the row. */
        private int rowKey(long row) {
            long z = seed + row * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return (int) (z ^ (z >>> 31));
        }

        /** MurmurHash3's 32-bit finalizer. */
        private static int fmix(int h) {
            h ^= h >>> 16;
            h *= 0x85EBCA6B;
            h ^= h >>> 13;
            h *= 0xC2B2AE35;
            return h ^ (h >>> 16);
        }

        /** The mask value of weight (row, j): 1/(1 − p) if kept, else 0. */
        public float scale(long row, int j) {
            float u = (fmix(rowKey(row) + j * GOLDEN) >>> 8) * 0x1.0p-24f;
            return u >= p ? 1f / (1f - p) : 0f;
        }
    }

    /** Multiplies a[off, off + n) by {@code drop}'s mask values of weights (row, j0), (row, j0 + 1), ... */
    private static void applyDropout(Dropout drop, float[] a, int off, int n, long row, int j0) {
        int key = drop.rowKey(row);
        float p = drop.p(), keep = 1f / (1f - p);
        IntVector iota = IntVector.zero(IS).addIndex(1);
        for (int c = 0; c < n; c += IS.length()) { // the tail as one masked vector
            VectorMask<Float> in = SP.indexInRange(c, n);
            IntVector h = iota.add(j0 + c).mul(Dropout.GOLDEN).add(key);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16))
                    .mul(0x85EBCA6B);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 13))
                    .mul(0xC2B2AE35);
            h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 16));
            FloatVector u =
                    ((FloatVector) h.lanewise(VectorOperators.LSHR, 8).convert(VectorOperators.I2F, 0)).mul(0x1.0p-24f);
            FloatVector x = FloatVector.fromArray(SP, a, off + c, in);
            x.mul(keep).blend(0f, u.compare(VectorOperators.LT, p)).intoArray(a, off + c, in);
        }
    }

    /**
     * Where the rows of each head lie in an array: head h = b·heads + j (b the batch index, j the head within it)
     * starts at {@code offset + b·batchStride + j·headStride}, its rows {@code rowStride} apart, each row's entries
     * contiguous. The contiguous [bh, rows, width] layout is {@code heads 1, batchStride rows·width, rowStride width};
     * a [N, T, H·d] tensor read as H heads of width d is {@code heads H, batchStride T·H·d, headStride d, rowStride H·d}.
     */
    public record Rows(int offset, int heads, int batchStride, int headStride, int rowStride) {
        public Rows {
            if (offset < 0 || heads <= 0 || batchStride < 0 || headStride < 0 || rowStride < 0)
                throw new IllegalArgumentException("FlashAttention: bad row layout "
                        + offsetDesc(offset, heads, batchStride, headStride, rowStride));
        }

        /** [bh, rows, width] with nothing between the heads' rows. */
        public static Rows contiguous(int rows, int width) {
            return new Rows(0, 1, rows * width, 0, width);
        }

        /** The offset of head h's first row. */
        int base(int h) {
            return offset + (h / heads) * batchStride + (h % heads) * headStride;
        }

        /** Whether bh heads of {@code rows} rows of {@code width} entries lie inside an array of length n. */
        boolean fits(int bh, int rows, int width, long n) {
            if (bh % heads != 0) return false;
            if (bh == 0 || rows == 0) return true;
            long last = offset
                    + (long) (bh / heads - 1) * batchStride
                    + (long) (heads - 1) * headStride
                    + (long) (rows - 1) * rowStride
                    + width;
            return last <= n && last <= Integer.MAX_VALUE;
        }

        private static String offsetDesc(int offset, int heads, int batchStride, int headStride, int rowStride) {
            return "offset=" + offset + " heads=" + heads + " batchStride=" + batchStride + " headStride=" + headStride
                    + " rowStride=" + rowStride;
        }
    }

    /** The row layouts of q, k, v and out; a gradient array has its operand's layout (dout out's). */
    public record Layouts(Rows q, Rows k, Rows v, Rows out) {
        /** Every array contiguous, as {@link Dims} describes them. */
        public static Layouts contiguous(Dims d) {
            checkIndexable(d);
            return new Layouts(
                    Rows.contiguous(d.l(), d.e()),
                    Rows.contiguous(d.s(), d.e()),
                    Rows.contiguous(d.s(), d.ev()),
                    Rows.contiguous(d.l(), d.ev()));
        }
    }

    /** The problem's sizes: bh independent heads, L queries, S keys, E the query/key width, Ev the value width. */
    public record Dims(int bh, int l, int s, int e, int ev) {
        public Dims {
            if (bh < 0 || l < 0 || s < 0 || e <= 0 || ev <= 0)
                throw new IllegalArgumentException(
                        "FlashAttention: bad sizes bh=" + bh + " L=" + l + " S=" + s + " E=" + e + " Ev=" + ev);
        }
    }

    /** Bytes of scratch one thread holds while running the forward (its block buffers): what the kernel adds beyond its outputs. */
    public static long forwardScratchBytes(Dims d) {
        return 4L * (BLOCK_Q * BLOCK_K + BLOCK_Q * d.ev() + 2L * BLOCK_Q);
    }

    /** Bytes of scratch one thread holds in the backward (scores, their gradients, and the row terms D of one head). */
    public static long backwardScratchBytes(Dims d) {
        return 4L * (2L * BLOCK_Q * BLOCK_K + d.l());
    }

    /**
     * out = softmax(q·kᵀ·scale + mask)·v per head, and lse = the log-sum-exp of each row of the masked, scaled
     * scores. {@code causal} masks key j for query i when j &gt; i (PyTorch's top-left aligned lower triangle).
     */
    public static void forward(
            Dims d, float[] q, float[] k, float[] v, float scale, Mask mask, boolean causal, float[] out, float[] lse) {
        forward(d, q, k, v, scale, mask, causal, null, out, lse);
    }

    /** As {@link #forward(Dims, float[], float[], float[], float, Mask, boolean, float[], float[])}, with dropout on the weights (null: none). */
    public static void forward(
            Dims d,
            float[] q,
            float[] k,
            float[] v,
            float scale,
            Mask mask,
            boolean causal,
            Dropout drop,
            float[] out,
            float[] lse) {
        forward(d, Layouts.contiguous(d), q, k, v, scale, mask, causal, drop, out, lse);
    }

    /** As {@link #forward(Dims, float[], float[], float[], float, Mask, boolean, Dropout, float[], float[])}, q, k, v and out where {@code at} says. */
    public static void forward(
            Dims d,
            Layouts at,
            float[] q,
            float[] k,
            float[] v,
            float scale,
            Mask mask,
            boolean causal,
            Dropout drop,
            float[] out,
            float[] lse) {
        check(d, at, q, k, v, out, lse);
        int qBlocks = (d.l() + BLOCK_Q - 1) / BLOCK_Q;
        int units = d.bh() * qBlocks;
        long work = (long) d.l() * d.s() * (d.e() + d.ev()) / Math.max(1, qBlocks);
        int minChunk = (int) Math.max(1, MIN_CHUNK_MACS / Math.max(1, work));
        // more chunks than threads: a worker the OS preempts (a busy machine) holds up only a small chunk; each unit's
        // result does not depend on the split
        Parallel.forChunks(units, chunksFor(units, minChunk), (u0, u1) -> {
            Scratch sc = Scratch.forward(d.ev());
            float[] s = sc.scores, acc = sc.acc, m = sc.max, l = sc.sum, lanes = sc.lanes;
            for (int u = u0; u < u1; u++)
                forwardBlock(
                        d,
                        at,
                        u / qBlocks,
                        (u % qBlocks) * BLOCK_Q,
                        q,
                        k,
                        v,
                        scale,
                        mask,
                        causal,
                        drop,
                        out,
                        lse,
                        s,
                        acc,
                        m,
                        l,
                        lanes);
        });
    }

    private static void forwardBlock(
            Dims d,
            Layouts at,
            int h,
            int i0,
            float[] q,
            float[] k,
            float[] v,
            float scale,
            Mask mask,
            boolean causal,
            Dropout drop,
            float[] out,
            float[] lse,
            float[] s,
            float[] acc,
            float[] m,
            float[] l,
            float[] lanes) {
        int L = d.l(), E = d.e(), Ev = d.ev();
        int ldq = at.q().rowStride(),
                ldk = at.k().rowStride(),
                ldv = at.v().rowStride(),
                ldo = at.out().rowStride();
        int nr = Math.min(BLOCK_Q, L - i0), i1 = i0 + nr, S = d.s();
        int qOff = at.q().base(h) + i0 * ldq,
                kOff = at.k().base(h),
                vOff = at.v().base(h),
                oOff = at.out().base(h);
        Arrays.fill(m, 0, nr, Float.NEGATIVE_INFINITY);
        Arrays.fill(l, 0, nr, 0f);
        Arrays.fill(acc, 0, nr * Ev, 0f);
        int jEnd = causal ? Math.min(S, i1) : S; // keys past the block's last query are masked for every row
        for (int j0 = 0; j0 < jEnd; j0 += BLOCK_K) {
            int nc = Math.min(BLOCK_K, jEnd - j0);
            Gemm.sgemm(false, true, nr, nc, E, q, qOff, ldq, k, kOff + j0 * ldk, ldk, s, 0, nc, false);
            for (int r = 0; r < nr; r++) {
                int row = r * nc;
                float mx =
                        scaleMask(s, row, nc, scale, mask, h, i0 + r, j0, causal ? i0 + r - j0 + 1 : nc, true, lanes);
                float mNew = Math.max(m[r], mx);
                if (mNew == Float.NEGATIVE_INFINITY) { // every key so far masked: nothing to add
                    Arrays.fill(s, row, row + nc, 0f);
                    continue;
                }
                float alpha = GateMath.expOrZero(m[r] - mNew);
                float sum = GateMath.expShiftSum(s, row, nc, mNew, lanes);
                l[r] = l[r] * alpha + sum; // the softmax's denominator counts every weight, dropped or not
                if (drop != null) applyDropout(drop, s, row, nc, (long) h * L + i0 + r, j0);
                if (alpha != 1f) VectorOps.mulScalar(acc, r * Ev, alpha, acc, r * Ev, Ev);
                m[r] = mNew;
            }
            Gemm.sgemm(false, false, nr, Ev, nc, s, 0, nc, v, vOff + j0 * ldv, ldv, acc, 0, Ev, true);
        }
        for (int r = 0; r < nr; r++) {
            VectorOps.mulScalar(acc, r * Ev, 1f / l[r], out, oOff + (i0 + r) * ldo, Ev);
            lse[h * L + i0 + r] = m[r] + (float) Math.log(l[r]);
        }
    }

    /**
     * Row {@code i}'s scores against keys j0.. in s[row, row + n): times scale, plus the mask, −∞ from column
     * {@code allowed} on (the causal limit); returns the row maximum ({@code lanes}: one vector of scratch), or −∞
     * without {@code rowMax} (the backward, which shifts by the saved log-sum-exp, skips the lane reduction).
     */
    private static float scaleMask(
            float[] s,
            int row,
            int n,
            float scale,
            Mask mask,
            int h,
            int i,
            int j0,
            int allowed,
            boolean rowMax,
            float[] lanes) {
        int lim = Math.max(0, Math.min(n, allowed));
        float[] md = mask == null ? null : mask.data();
        int mo = mask == null ? 0 : mask.offsets()[h] + i * mask.rowStride() + j0;
        FloatVector mx = FloatVector.broadcast(SP, Float.NEGATIVE_INFINITY), sc = FloatVector.broadcast(SP, scale);
        int c = 0;
        for (int ub = SP.loopBound(lim); c < ub; c += SP.length()) {
            FloatVector x = FloatVector.fromArray(SP, s, row + c).mul(sc);
            if (md != null) x = x.add(FloatVector.fromArray(SP, md, mo + c));
            x.intoArray(s, row + c);
            mx = mx.max(x);
        }
        if (c < lim) { // the tail as one masked vector
            VectorMask<Float> in = SP.indexInRange(c, lim);
            FloatVector x = FloatVector.fromArray(SP, s, row + c, in).mul(sc);
            if (md != null) x = x.add(FloatVector.fromArray(SP, md, mo + c, in));
            x.intoArray(s, row + c, in);
            mx = mx.max(x.blend(Float.NEGATIVE_INFINITY, in.not()));
        }
        if (lim < n) Arrays.fill(s, row + lim, row + n, Float.NEGATIVE_INFINITY);
        // not reduceLanes(MAX): it fell back to slow shuffles here
        return rowMax ? VectorOpsSimd.maxLanes(mx, lanes) : Float.NEGATIVE_INFINITY;
    }

    /**
     * The gradients dq, dk, dv (overwritten) of Σ dout·out, from the forward's out and lse. Per head: D_i = dout_i·out_i;
     * for each key block and each query block that sees it, P = exp(scores − lse), dV += Pᵀ·dout, dP = dout·Vᵀ,
     * dS = P∘(dP − D)·scale, dQ += dS·K, dK += dSᵀ·Q.
     */
    public static void backward(
            Dims d,
            float[] q,
            float[] k,
            float[] v,
            float scale,
            Mask mask,
            boolean causal,
            float[] out,
            float[] lse,
            float[] dout,
            float[] dq,
            float[] dk,
            float[] dv) {
        backward(d, q, k, v, scale, mask, causal, null, out, lse, dout, dq, dk, dv);
    }

    /**
     * As {@link #backward(Dims, float[], float[], float[], float, Mask, boolean, float[], float[], float[], float[], float[], float[])}
     * with the forward's dropout: with M the mask, dV += (P∘M)ᵀ·dout and dP = (dout·Vᵀ)∘M; D_i = dout_i·out_i still holds.
     */
    public static void backward(
            Dims d,
            float[] q,
            float[] k,
            float[] v,
            float scale,
            Mask mask,
            boolean causal,
            Dropout drop,
            float[] out,
            float[] lse,
            float[] dout,
            float[] dq,
            float[] dk,
            float[] dv) {
        backward(d, Layouts.contiguous(d), q, k, v, scale, mask, causal, drop, out, lse, dout, dq, dk, dv);
    }

    /**
     * As {@link #backward(Dims, float[], float[], float[], float, Mask, boolean, Dropout, float[], float[], float[], float[], float[], float[])},
     * every array where {@code at} says (dout as out, dq as q, dk as k, dv as v). Only the gradients' own rows are
     * written, so dq, dk and dv may be one array when their layouts interleave (a packed [N, L, 3·H·d] gradient).
     */
    public static void backward(
            Dims d,
            Layouts at,
            float[] q,
            float[] k,
            float[] v,
            float scale,
            Mask mask,
            boolean causal,
            Dropout drop,
            float[] out,
            float[] lse,
            float[] dout,
            float[] dq,
            float[] dk,
            float[] dv) {
        check(d, at, q, k, v, out, lse);
        int L = d.l(), S = d.s(), E = d.e(), Ev = d.ev();
        if (!at.out().fits(d.bh(), L, Ev, dout.length)
                || !at.q().fits(d.bh(), L, E, dq.length)
                || !at.k().fits(d.bh(), S, E, dk.length)
                || !at.v().fits(d.bh(), S, Ev, dv.length))
            throw new IllegalArgumentException(
                    "FlashAttention.backward: gradient arrays are too small for " + d + " laid out as " + at);
        long perHead = (long) L * S * (2L * E + 3L * Ev);
        Parallel.forChunks(
                d.bh(), chunksFor(d.bh(), (int) Math.max(1, MIN_CHUNK_MACS / Math.max(1, perHead))), (h0, h1) -> {
                    Scratch sc = Scratch.backward(L, drop != null);
                    float[] p = sc.scores, dp = sc.gradients, dd = sc.rows, lanes = sc.lanes;
                    float[] pd = drop == null ? null : sc.dropped;
                    for (int h = h0; h < h1; h++)
                        backwardHead(
                                d, at, h, q, k, v, scale, mask, causal, drop, out, lse, dout, dq, dk, dv, p, pd, dp, dd,
                                lanes);
                });
    }

    private static void backwardHead(
            Dims d,
            Layouts at,
            int h,
            float[] q,
            float[] k,
            float[] v,
            float scale,
            Mask mask,
            boolean causal,
            Dropout drop,
            float[] out,
            float[] lse,
            float[] dout,
            float[] dq,
            float[] dk,
            float[] dv,
            float[] p,
            float[] pd,
            float[] dp,
            float[] dd,
            float[] lanes) {
        int L = d.l(), S = d.s(), E = d.e(), Ev = d.ev();
        int ldq = at.q().rowStride(),
                ldk = at.k().rowStride(),
                ldv = at.v().rowStride(),
                ldo = at.out().rowStride();
        int qBase = at.q().base(h),
                kBase = at.k().base(h),
                vBase = at.v().base(h),
                oBase = at.out().base(h);
        for (int i = 0; i < L; i++) Arrays.fill(dq, qBase + i * ldq, qBase + i * ldq + E, 0f);
        for (int j = 0; j < S; j++) {
            Arrays.fill(dk, kBase + j * ldk, kBase + j * ldk + E, 0f);
            Arrays.fill(dv, vBase + j * ldv, vBase + j * ldv + Ev, 0f);
        }
        for (int i = 0; i < L; i++) dd[i] = VectorOps.dot(dout, oBase + i * ldo, out, oBase + i * ldo, Ev);
        for (int j0 = 0; j0 < S; j0 += BLOCK_K) {
            int nc = Math.min(BLOCK_K, S - j0);
            int iStart = causal ? (j0 / BLOCK_Q) * BLOCK_Q : 0; // earlier query blocks see none of these keys
            for (int i0 = iStart; i0 < L; i0 += BLOCK_Q) {
                int nr = Math.min(BLOCK_Q, L - i0);
                Gemm.sgemm(false, true, nr, nc, E, q, qBase + i0 * ldq, ldq, k, kBase + j0 * ldk, ldk, p, 0, nc, false);
                for (int r = 0; r < nr; r++) {
                    int row = r * nc, i = i0 + r;
                    scaleMask(p, row, nc, scale, mask, h, i, j0, causal ? i - j0 + 1 : nc, false, lanes);
                    float rowLse = lse[h * L + i];
                    if (rowLse == Float.NEGATIVE_INFINITY)
                        Arrays.fill(p, row, row + nc, 0f); // a fully masked row passes no gradient
                    else GateMath.expShiftSum(p, row, nc, rowLse, lanes);
                }
                float[] kept = p; // the weights as the forward multiplied them into V
                if (drop != null) {
                    System.arraycopy(p, 0, pd, 0, nr * nc);
                    for (int r = 0; r < nr; r++) applyDropout(drop, pd, r * nc, nc, (long) h * L + i0 + r, j0);
                    kept = pd;
                }
                Gemm.sgemm(
                        true,
                        false,
                        nc,
                        Ev,
                        nr,
                        kept,
                        0,
                        nc,
                        dout,
                        oBase + i0 * ldo,
                        ldo,
                        dv,
                        vBase + j0 * ldv,
                        ldv,
                        true);
                Gemm.sgemm(
                        false,
                        true,
                        nr,
                        nc,
                        Ev,
                        dout,
                        oBase + i0 * ldo,
                        ldo,
                        v,
                        vBase + j0 * ldv,
                        ldv,
                        dp,
                        0,
                        nc,
                        false);
                if (drop != null)
                    for (int r = 0; r < nr; r++) applyDropout(drop, dp, r * nc, nc, (long) h * L + i0 + r, j0);
                for (int r = 0; r < nr; r++) softmaxGrad(p, dp, r * nc, nc, dd[i0 + r], scale);
                Gemm.sgemm(
                        false, false, nr, E, nc, dp, 0, nc, k, kBase + j0 * ldk, ldk, dq, qBase + i0 * ldq, ldq, true);
                Gemm.sgemm(
                        true, false, nc, E, nr, dp, 0, nc, q, qBase + i0 * ldq, ldq, dk, kBase + j0 * ldk, ldk, true);
            }
        }
    }

    /** Chunks for n units of at least minChunk each: up to 4 per thread, 1 when the work is too small to split. */
    private static int chunksFor(int n, int minChunk) {
        int c = Parallel.chunks(n, minChunk);
        return c <= 1 ? 1 : Math.min(n / Math.max(1, minChunk), 4 * Parallel.threads());
    }

    /** dp[row..] = p·(dp − D)·scale, the score gradients of one row. */
    private static void softmaxGrad(float[] p, float[] dp, int row, int n, float dRow, float scale) {
        FloatVector d = FloatVector.broadcast(SP, dRow), sc = FloatVector.broadcast(SP, scale);
        int c = 0;
        for (int ub = SP.loopBound(n); c < ub; c += SP.length()) {
            FloatVector pv = FloatVector.fromArray(SP, p, row + c);
            pv.mul(FloatVector.fromArray(SP, dp, row + c).sub(d)).mul(sc).intoArray(dp, row + c);
        }
        if (c < n) {
            VectorMask<Float> in = SP.indexInRange(c, n);
            FloatVector pv = FloatVector.fromArray(SP, p, row + c, in);
            pv.mul(FloatVector.fromArray(SP, dp, row + c, in).sub(d)).mul(sc).intoArray(dp, row + c, in);
        }
    }

    private static void check(Dims d, Layouts at, float[] q, float[] k, float[] v, float[] out, float[] lse) {
        long bh = d.bh();
        if (!at.q().fits(d.bh(), d.l(), d.e(), q.length)
                || !at.k().fits(d.bh(), d.s(), d.e(), k.length)
                || !at.v().fits(d.bh(), d.s(), d.ev(), v.length)
                || !at.out().fits(d.bh(), d.l(), d.ev(), out.length)
                || lse.length < bh * d.l())
            throw new IllegalArgumentException("FlashAttention: arrays too small for " + d + " laid out as " + at);
        checkIndexable(d);
    }

    private static void checkIndexable(Dims d) {
        long bh = d.bh();
        if (bh * d.l() * Math.max(d.e(), d.ev()) > Integer.MAX_VALUE
                || bh * d.s() * Math.max(d.e(), d.ev()) > Integer.MAX_VALUE)
            throw new IllegalArgumentException("FlashAttention: " + d + " does not fit in arrays indexed by int");
    }
}
