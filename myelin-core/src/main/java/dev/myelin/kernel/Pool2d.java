package dev.myelin.kernel;

import java.util.Arrays;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max and average pooling over planes: {@code x} holds {@code planes} row-major H×W planes (N·C of them for
 * an NCHW batch), the windows come from one {@link PoolAxis} per axis, and each output plane is OH×OW.
 * Planes are independent, so they are split over the {@link Parallel} pool and every result is the same for
 * any thread count. A window that is exactly the non-overlapping 2×2 block (the usual CNN pool) runs a
 * specialized loop.
 */
public final class Pool2d {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> IS = S.withLanes(int.class);
    private static final int L = S.length();
    /** Lane indices 0, 2, 4, ... and 1, 3, 5, ... into two vectors: the even and odd columns of 2L values. */
    private static final FloatVector EVEN = FloatVector.fromArray(S, lanes(0), 0),
            ODD = FloatVector.fromArray(S, lanes(1), 0);
    /** Lane indices a0, b0, a1, b1, ... (first half) and the second half: interleaving two vectors a and b. */
    private static final FloatVector ZIP_LO = FloatVector.fromArray(S, zip(0), 0),
            ZIP_HI = FloatVector.fromArray(S, zip(L / 2), 0);
    /** 0, 2, 4, ...: the first column of each window of a row, relative to the first window of the step. */
    private static final IntVector COLUMN2 =
            IntVector.fromArray(IS, IntStream.range(0, L).map(i -> 2 * i).toArray(), 0);
    /** Elements per chunk below which splitting over threads costs more than it saves. */
    private static final int MIN_CHUNK_ELEMENTS = 1 << 14;

    private Pool2d() {}

    /**
     * Max pooling as PyTorch: the first maximum in row-major window order wins, a NaN wins over numbers.
     * {@code argmax} receives each maximum's position h·W + w within its input plane, unless it is null
     * (inference, where no backward needs it).
     */
    public static void maxForward(float[] x, int planes, PoolAxis rows, PoolAxis cols, float[] out, int[] argmax) {
        int h = rows.in(), w = cols.in(), oh = rows.out(), ow = cols.out();
        check(x, planes, h * w, out, argmax, oh * ow);
        boolean twoByTwo = rows.plain() == 2 && cols.plain() == 2;
        Parallel.forRange(planes, minPlanes(h * w), (from, to) -> {
            float[] sf = twoByTwo ? new float[4 * L] : null;
            int[] si = twoByTwo ? new int[L] : null;
            for (int p = from; p < to; p++) {
                if (twoByTwo) max2x2(x, p * h * w, w, oh, ow, out, argmax, p * oh * ow, sf, si);
                else maxPlane(x, p * h * w, w, rows, cols, out, argmax, p * oh * ow);
            }
        });
    }

    /**
     * The non-overlapping 2×2 window, one output row at a time and L outputs per step: each row of the window
     * pair is loaded as two vectors and split into its even and odd columns, so the four candidates of L
     * windows sit in four vectors, compared in window order with {@link #maxPlane}'s rule (a later value
     * wins when it is greater or NaN). Scalar branches mispredicted on about half of all windows here.
     *
     * <p>Masked loads and stores cost more than the comparisons (rows of 14 or 7 outputs: every step was partial),
     * so a step loads whole vectors when they stay inside {@code x} (the lanes past the row read the next rows and
     * are dropped) and stores whole vectors when they stay inside this plane's output (the extra lanes land on
     * the next row, which its own step overwrites); near the plane's end, and the array's, through scratch copies
     * ({@code sf}, 4L floats, and {@code si}, L ints). One thread, CPU time, median of 31 calls, forward
     * (backward): [128·32, 28, 28] 1.29-1.45 → 0.91-0.92 ms (1.38-1.46 → 1.01-1.02), [128·64, 14, 14] 1.21-1.24 →
     * 0.82-0.83 ms (1.20-1.27 → 0.91-0.98).
     */
    private static void max2x2(
            float[] x, int in, int w, int oh, int ow, float[] out, int[] argmax, int o, float[] sf, int[] si) {
        int planeEnd = o + oh * ow;
        for (int i = 0; i < oh; i++, o += ow) {
            int top = in + 2 * i * w, bottom = top + w, pos = 2 * i * w;
            for (int j = 0; j < ow; j += L) {
                int n = Math.min(L, ow - j); // windows in this step; they read 2n values per row
                float[] src = x;
                int ts = top + 2 * j, bs = bottom + 2 * j;
                if (bs + 2 * L > x.length) { // the array's last rows: the 2n values of each row, zero-padded
                    Arrays.fill(sf, 0f);
                    System.arraycopy(x, ts, sf, 0, 2 * n);
                    System.arraycopy(x, bs, sf, 2 * L, 2 * n);
                    src = sf;
                    ts = 0;
                    bs = 2 * L;
                }
                FloatVector t0 = FloatVector.fromArray(S, src, ts), t1 = FloatVector.fromArray(S, src, ts + L);
                FloatVector b0 = FloatVector.fromArray(S, src, bs), b1 = FloatVector.fromArray(S, src, bs + L);
                FloatVector m = EVEN.selectFrom(t0, t1);
                FloatVector v = ODD.selectFrom(t0, t1);
                VectorMask<Float> take1 = v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v));
                m = m.blend(v, take1);
                v = EVEN.selectFrom(b0, b1);
                VectorMask<Float> take2 = v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v));
                m = m.blend(v, take2);
                v = ODD.selectFrom(b0, b1);
                VectorMask<Float> take3 = v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v));
                m = m.blend(v, take3);
                boolean whole = o + j + L <= planeEnd; // else through sf: the extra lanes would reach the next plane
                m.intoArray(whole ? out : sf, whole ? o + j : 0);
                if (!whole) System.arraycopy(sf, 0, out, o + j, n);
                if (argmax != null) {
                    // window j's top-left position, then +1, +w, +w+1 where a later candidate won
                    IntVector at = COLUMN2.add(pos + 2 * j);
                    at = at.blend(at.add(1), take1.cast(IS));
                    at = at.blend(COLUMN2.add(pos + 2 * j + w), take2.cast(IS));
                    at = at.blend(COLUMN2.add(pos + 2 * j + w + 1), take3.cast(IS));
                    at.intoArray(whole ? argmax : si, whole ? o + j : 0);
                    if (!whole) System.arraycopy(si, 0, argmax, o + j, n);
                }
            }
        }
    }

    private static void maxPlane(
            float[] x, int in, int w, PoolAxis rows, PoolAxis cols, float[] out, int[] argmax, int o) {
        int[] rf = rows.first(), rc = rows.count(), cf = cols.first(), cc = cols.count();
        int rs = rows.step(), cs = cols.step();
        for (int i = 0; i < rf.length; i++) {
            for (int j = 0; j < cf.length; j++, o++) {
                int at = rf[i] * w + cf[j];
                float m = Float.NEGATIVE_INFINITY;
                for (int a = 0, r = rf[i]; a < rc[i]; a++, r += rs) {
                    for (int b = 0, c = cf[j]; b < cc[j]; b++, c += cs) {
                        float v = x[in + r * w + c];
                        if (v > m || v != v) {
                            m = v;
                            at = r * w + c;
                        }
                    }
                }
                out[o] = m;
                if (argmax != null) argmax[o] = at;
            }
        }
    }

    /** Adds each output gradient into the input position its maximum came from: {@code gradIn} must start zeroed (or hold a sum to add to). */
    public static void maxBackward(
            float[] gradOut, int[] argmax, int planes, int inPlane, int outPlane, float[] gradIn) {
        if (gradOut.length < (long) planes * outPlane
                || argmax.length < (long) planes * outPlane
                || gradIn.length < (long) planes * inPlane)
            throw new IllegalArgumentException(
                    "Pool2d.maxBackward: arrays too short for " + planes + " planes of " + inPlane + " → " + outPlane);
        Parallel.forRange(planes, minPlanes(inPlane), (from, to) -> {
            for (int p = from; p < to; p++) {
                int gi = p * inPlane, go = p * outPlane;
                for (int o = 0; o < outPlane; o++) gradIn[gi + argmax[go + o]] += gradOut[go + o];
            }
        });
    }

    /**
     * {@link #maxBackward} for the windows of {@link #maxForward} with two plain 2×2 axes: each window's four
     * input gradients are written (not added; positions outside every window are left as they are), L windows
     * at a time: the output gradient goes to the lane of the candidate that won, zeros to the other three, and
     * the even and odd columns are interleaved back into the two input rows. Whole vectors are loaded and stored
     * where they stay inside the arrays and the plane's rows that a later step writes, as in {@link #max2x2};
     * else through scratch copies.
     */
    public static void maxBackward2x2(
            float[] gradOut, int[] argmax, int planes, PoolAxis rows, PoolAxis cols, float[] gradIn) {
        int h = rows.in(), w = cols.in(), oh = rows.out(), ow = cols.out();
        if (rows.plain() != 2 || cols.plain() != 2)
            throw new IllegalArgumentException("Pool2d.maxBackward2x2: needs plain 2x2 windows");
        check(gradIn, planes, h * w, gradOut, argmax, oh * ow);
        Parallel.forRange(planes, minPlanes(h * w), (from, to) -> {
            FloatVector zero = FloatVector.zero(S);
            float[] sf = new float[4 * L], sg = new float[L];
            int[] si = new int[L];
            for (int p = from; p < to; p++) {
                int in = p * h * w, o = p * oh * ow;
                for (int i = 0; i < oh; i++, o += ow) {
                    int top = in + 2 * i * w, bottom = top + w, pos = 2 * i * w;
                    for (int j = 0; j < ow; j += L) {
                        int n = Math.min(L, ow - j);
                        // whole-vector stores spill past the step's 2n columns into what later steps write: so only
                        // in rows of one step (a longer row's top spill would land on its bottom row's written start)
                        // or without spill, inside the plane's row pairs, and not with an odd width (its last column
                        // is in no window)
                        boolean whole = (n == L || ow <= L) && w == 2 * ow && bottom + 2 * j + 2 * L <= in + 2 * oh * w;
                        float[] gs = gradOut;
                        int[] as = argmax;
                        int go = o + j;
                        if (go + L > gradOut.length || go + L > argmax.length) { // the array's end: zero-padded copies
                            Arrays.fill(sg, 0f);
                            Arrays.fill(si, 0);
                            System.arraycopy(gradOut, go, sg, 0, n);
                            System.arraycopy(argmax, go, si, 0, n);
                            gs = sg;
                            as = si;
                            go = 0;
                        }
                        FloatVector g = FloatVector.fromArray(S, gs, go);
                        // the winner's offset in its window: 0, 1, w or w + 1 (lanes past n: junk, never kept)
                        IntVector at = IntVector.fromArray(IS, as, go).sub(COLUMN2.add(pos + 2 * j));
                        FloatVector t0 =
                                zero.blend(g, at.compare(VectorOperators.EQ, 0).cast(S));
                        FloatVector t1 =
                                zero.blend(g, at.compare(VectorOperators.EQ, 1).cast(S));
                        FloatVector b0 =
                                zero.blend(g, at.compare(VectorOperators.EQ, w).cast(S));
                        FloatVector b1 = zero.blend(
                                g, at.compare(VectorOperators.EQ, w + 1).cast(S));
                        float[] dst = whole ? gradIn : sf;
                        int td = whole ? top + 2 * j : 0, bd = whole ? bottom + 2 * j : 2 * L;
                        ZIP_LO.selectFrom(t0, t1).intoArray(dst, td);
                        ZIP_HI.selectFrom(t0, t1).intoArray(dst, td + L);
                        ZIP_LO.selectFrom(b0, b1).intoArray(dst, bd);
                        ZIP_HI.selectFrom(b0, b1).intoArray(dst, bd + L);
                        if (!whole) {
                            System.arraycopy(sf, 0, gradIn, top + 2 * j, 2 * n);
                            System.arraycopy(sf, 2 * L, gradIn, bottom + 2 * j, 2 * n);
                        }
                    }
                }
            }
        });
    }

    /** Average pooling: each window's sum (row-major order) divided by {@code divisor[o]} (one per output position). */
    public static void avgForward(float[] x, int planes, PoolAxis rows, PoolAxis cols, float[] divisor, float[] out) {
        int h = rows.in(), w = cols.in(), oh = rows.out(), ow = cols.out();
        check(x, planes, h * w, out, null, oh * ow);
        checkDivisor(divisor, oh * ow);
        int[] rf = rows.first(), rc = rows.count(), cf = cols.first(), cc = cols.count();
        int rs = rows.step(), cs = cols.step();
        Parallel.forRange(planes, minPlanes(h * w), (from, to) -> {
            for (int p = from; p < to; p++) {
                int in = p * h * w, o = p * oh * ow;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++, o++) {
                        float sum = 0;
                        for (int a = 0, r = rf[i]; a < rc[i]; a++, r += rs)
                            for (int b = 0, c = cf[j]; b < cc[j]; b++, c += cs) sum += x[in + r * w + c];
                        out[o] = sum / divisor[i * ow + j];
                    }
                }
            }
        });
    }

    /**
     * The transpose of {@link #avgForward}: adds {@code gradOut[o] / divisor[o]} into every input position of
     * window o ({@code gradIn} must start zeroed or hold a sum to add to).
     */
    public static void avgBackward(
            float[] gradOut, int planes, PoolAxis rows, PoolAxis cols, float[] divisor, float[] gradIn) {
        int h = rows.in(), w = cols.in(), oh = rows.out(), ow = cols.out();
        check(gradIn, planes, h * w, gradOut, null, oh * ow);
        checkDivisor(divisor, oh * ow);
        int[] rf = rows.first(), rc = rows.count(), cf = cols.first(), cc = cols.count();
        int rs = rows.step(), cs = cols.step();
        Parallel.forRange(planes, minPlanes(h * w), (from, to) -> {
            for (int p = from; p < to; p++) {
                int in = p * h * w, o = p * oh * ow;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++, o++) {
                        float g = gradOut[o] / divisor[i * ow + j];
                        for (int a = 0, r = rf[i]; a < rc[i]; a++, r += rs)
                            for (int b = 0, c = cf[j]; b < cc[j]; b++, c += cs) gradIn[in + r * w + c] += g;
                    }
                }
            }
        });
    }

    private static float[] zip(int first) {
        float[] f = new float[L];
        for (int i = 0; i < L; i++) f[i] = (i % 2 == 0 ? 0 : L) + first + i / 2;
        return f;
    }

    private static float[] lanes(int first) {
        float[] f = new float[L];
        for (int i = 0; i < L; i++) f[i] = first + 2 * i;
        return f;
    }

    private static int minPlanes(int planeSize) {
        return Math.max(1, MIN_CHUNK_ELEMENTS / Math.max(1, planeSize));
    }

    private static void check(float[] x, int planes, int inPlane, float[] out, int[] argmax, int outPlane) {
        long in = (long) planes * inPlane, o = (long) planes * outPlane;
        if (planes < 0 || x.length < in || out.length < o || (argmax != null && argmax.length < o))
            throw new IllegalArgumentException("Pool2d: arrays too short for " + planes + " planes of " + inPlane
                    + " inputs and " + outPlane + " outputs (input " + x.length + ", output " + out.length + ")");
    }

    private static void checkDivisor(float[] divisor, int outPlane) {
        if (divisor.length != outPlane)
            throw new IllegalArgumentException(
                    "Pool2d: " + divisor.length + " divisors for " + outPlane + " output positions");
    }
}
