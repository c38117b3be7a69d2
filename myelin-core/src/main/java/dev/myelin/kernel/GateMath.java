package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sigmoid and tanh in float for the recurrent gates, vectorized and deterministic: built only from lanewise
 * add, mul, fma, div, compare and bit operations, which IEEE defines exactly, so the interpreter and C2 give
 * the same bits (unlike the Vector API's EXP/TANH lanes; see {@link VectorOps}). exp is Cephes' expf (range
 * reduction by ln 2, a degree-6 polynomial, scaling by 2^n through the exponent bits), about 1 ulp; tanh
 * uses Cephes' odd polynomial below |x| = 0.625 and 1 − 2/(e^{2|x|} + 1) above. The scalar forms compute
 * the same float operations as one lane, so a row's tail matches its vector part bit for bit.
 *
 * <p>Each array loop spells exp out in its body rather than calling a vector-returning helper: C2 refuses to
 * inline a helper that large and then boxes every vector it returns, which made the gates 10× slower.
 */
public final class GateMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final float LOG2E = 1.44269504088896341f, LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f; // 1.5·2^23: adding it rounds to an integer in the low mantissa bits
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    private static final float MAX_X = 88.0f, MIN_X = -87.0f;
    private static final float P0 = 1.9875691500e-4f,
            P1 = 1.3981999507e-3f,
            P2 = 8.3334519073e-3f,
            P3 = 4.1665795894e-2f,
            P4 = 1.6666665459e-1f,
            P5 = 5.0000001201e-1f;
    private static final float T0 = -5.70498872745e-3f,
            T1 = 2.06390887954e-2f,
            T2 = -5.37397155531e-2f,
            T3 = 1.33314422036e-1f,
            T4 = -3.33332819422e-1f,
            TANH_SMALL = 0.625f;

    private GateMath() {}

    /** a[off, off + n) = sigmoid(a[off, off + n)) = 1 / (1 + e^{−x}), in place. */
    public static void sigmoid(float[] a, int off, int n) {
        FloatVector one = FloatVector.broadcast(S, 1f),
                p2 = FloatVector.broadcast(S, P2),
                p3 = FloatVector.broadcast(S, P3),
                p4 = FloatVector.broadcast(S, P4),
                p5 = FloatVector.broadcast(S, P5),
                ln2Hi = FloatVector.broadcast(S, -LN2_HI),
                ln2Lo = FloatVector.broadcast(S, -LN2_LO);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += S.length()) {
            FloatVector x =
                    FloatVector.fromArray(S, a, off + i).neg().max(MIN_X).min(MAX_X); // exp(−x), as exp(float)
            FloatVector t = x.fma(LOG2E, ROUND), k = t.sub(ROUND);
            FloatVector r = k.fma(ln2Lo, k.fma(ln2Hi, x));
            FloatVector p = r.fma(P0, P1)
                    .fma(r, p2)
                    .fma(r, p3)
                    .fma(r, p4)
                    .fma(r, p5)
                    .mul(r.mul(r))
                    .add(r)
                    .add(1f);
            FloatVector e = p.mul(t.reinterpretAsInts()
                    .sub(ROUND_BITS)
                    .add(127)
                    .lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats());
            one.div(e.add(1f)).intoArray(a, off + i);
        }
        for (; i < n; i++) a[off + i] = sigmoid(a[off + i]);
    }

    /** a[off, off + n) = tanh(a[off, off + n)), in place. */
    public static void tanh(float[] a, int off, int n) {
        FloatVector two = FloatVector.broadcast(S, 2f),
                p2 = FloatVector.broadcast(S, P2),
                p3 = FloatVector.broadcast(S, P3),
                p4 = FloatVector.broadcast(S, P4),
                p5 = FloatVector.broadcast(S, P5),
                ln2Hi = FloatVector.broadcast(S, -LN2_HI),
                ln2Lo = FloatVector.broadcast(S, -LN2_LO),
                t2 = FloatVector.broadcast(S, T2),
                t3 = FloatVector.broadcast(S, T3),
                t4 = FloatVector.broadcast(S, T4);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, a, off + i), abs = v.abs();
            FloatVector x = abs.add(abs).max(MIN_X).min(MAX_X); // exp(2|v|), as exp(float)
            FloatVector t = x.fma(LOG2E, ROUND), k = t.sub(ROUND);
            FloatVector r = k.fma(ln2Lo, k.fma(ln2Hi, x));
            FloatVector p = r.fma(P0, P1)
                    .fma(r, p2)
                    .fma(r, p3)
                    .fma(r, p4)
                    .fma(r, p5)
                    .mul(r.mul(r))
                    .add(r)
                    .add(1f);
            FloatVector e = p.mul(t.reinterpretAsInts()
                    .sub(ROUND_BITS)
                    .add(127)
                    .lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats());
            FloatVector big = two.div(e.add(1f)).neg().add(1f);
            big = big.blend(big.neg(), v.compare(VectorOperators.LT, 0f));
            FloatVector z = v.mul(v);
            FloatVector small =
                    z.fma(T0, T1).fma(z, t2).fma(z, t3).fma(z, t4).mul(z).fma(v, v);
            VectorMask<Float> isSmall = abs.compare(VectorOperators.LT, TANH_SMALL);
            big.blend(small, isSmall).intoArray(a, off + i);
        }
        for (; i < n; i++) a[off + i] = tanh(a[off + i]);
    }

    /**
     * Gradients smaller than this in magnitude are flushed to zero by the recurrent backward kernels
     * ({@link #flush(float)}): 2^-100, so that their products with operands down to 2^-26 (weights, states,
     * inputs) stay normal floats.
     */
    public static final float TINY = 0x1p-100f;

    /**
     * x, or zero if |x| &lt; {@link #TINY}. The recurrent backward kernels write their gradients through this
     * (their vector loops inline the same test). A gradient vanishing over a long sequence shrinks by a constant
     * factor per step; for the few steps where it, or its products in the next GEMM, are subnormal, every
     * floating-point operation on it costs a ~100-cycle microcode assist on x86, and Java has no flush-to-zero
     * mode: a 512-step LSTM's backward took 3.3x its forward's time (1.4x at 128 steps), 1.6x with this. The values
     * dropped are below 10^-30, 23 orders of magnitude under float precision relative to any gradient of
     * order one; the sequences' other results do not change.
     */
    public static float flush(float x) {
        return Math.abs(x) < TINY ? 0f : x;
    }

    /** a[off, off + n) with values below {@link #TINY} in magnitude set to zero, in place ({@link #flush(float)}). */
    public static void flush(float[] a, int off, int n) {
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, a, off + i);
            v.blend(0f, v.abs().lt(TINY)).intoArray(a, off + i);
        }
        for (; i < n; i++) a[off + i] = flush(a[off + i]);
    }

    /**
     * a[off, off + n) = e^{a − shift} in place, and their sum (lanes summed in a fixed order): a softmax row's
     * numerators. Inputs of −∞ (masked scores) give exactly 0, not the clamped e^{−87}. {@code lanes} (at least one
     * vector long) is scratch for summing the lanes in a fixed order without allocating.
     */
    public static float expShiftSum(float[] a, int off, int n, float shift, float[] lanes) {
        FloatVector p2 = FloatVector.broadcast(S, P2),
                p3 = FloatVector.broadcast(S, P3),
                p4 = FloatVector.broadcast(S, P4),
                p5 = FloatVector.broadcast(S, P5),
                ln2Hi = FloatVector.broadcast(S, -LN2_HI),
                ln2Lo = FloatVector.broadcast(S, -LN2_LO),
                acc = FloatVector.zero(S),
                log2e = FloatVector.broadcast(S, LOG2E),
                round = FloatVector.broadcast(S, ROUND),
                p0 = FloatVector.broadcast(S, P0),
                p1 = FloatVector.broadcast(S, P1),
                sh = FloatVector.broadcast(S, shift),
                one = FloatVector.broadcast(S, 1f),
                minX = FloatVector.broadcast(S, MIN_X),
                maxX = FloatVector.broadcast(S, MAX_X),
                zero = FloatVector.zero(S);
        // every constant a vector made once: scalar operands (x.fma(c, d)) were broadcast per use and not always
        // compiled
        int i = 0, L = S.length();
        for (int ub2 = n - 2 * L; i <= ub2; i += 2 * L) { // two vectors per step: their dependency chains overlap
            FloatVector raw = FloatVector.fromArray(S, a, off + i).sub(sh),
                    raw2 = FloatVector.fromArray(S, a, off + i + L).sub(sh);
            FloatVector x = raw.max(minX).min(maxX), x2 = raw2.max(minX).min(maxX);
            FloatVector t = x.fma(log2e, round), k = t.sub(round), t2 = x2.fma(log2e, round), k2 = t2.sub(round);
            FloatVector r = k.fma(ln2Lo, k.fma(ln2Hi, x)), r2 = k2.fma(ln2Lo, k2.fma(ln2Hi, x2));
            FloatVector p = r.fma(p0, p1)
                    .fma(r, p2)
                    .fma(r, p3)
                    .fma(r, p4)
                    .fma(r, p5)
                    .mul(r.mul(r))
                    .add(r)
                    .add(one);
            FloatVector q = r2.fma(p0, p1)
                    .fma(r2, p2)
                    .fma(r2, p3)
                    .fma(r2, p4)
                    .fma(r2, p5)
                    .mul(r2.mul(r2))
                    .add(r2)
                    .add(one);
            FloatVector e = p.mul(t.reinterpretAsInts()
                    .sub(ROUND_BITS)
                    .add(127)
                    .lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats());
            FloatVector e2 = q.mul(t2.reinterpretAsInts()
                    .sub(ROUND_BITS)
                    .add(127)
                    .lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats());
            e = e.blend(zero, raw.compare(VectorOperators.LT, minX));
            e2 = e2.blend(zero, raw2.compare(VectorOperators.LT, minX));
            e.intoArray(a, off + i);
            e2.intoArray(a, off + i + L);
            acc = acc.add(e).add(e2);
        }
        for (int ub = S.loopBound(n); i < ub; i += L) {
            FloatVector raw = FloatVector.fromArray(S, a, off + i).sub(sh);
            FloatVector x = raw.max(minX).min(maxX);
            FloatVector t = x.fma(log2e, round), k = t.sub(round);
            FloatVector r = k.fma(ln2Lo, k.fma(ln2Hi, x));
            FloatVector p = r.fma(p0, p1)
                    .fma(r, p2)
                    .fma(r, p3)
                    .fma(r, p4)
                    .fma(r, p5)
                    .mul(r.mul(r))
                    .add(r)
                    .add(one);
            FloatVector e = p.mul(t.reinterpretAsInts()
                    .sub(ROUND_BITS)
                    .add(127)
                    .lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats());
            e = e.blend(zero, raw.compare(VectorOperators.LT, minX));
            e.intoArray(a, off + i);
            acc = acc.add(e);
        }
        if (i < n) { // the tail as one masked vector (short rows, such as 28 keys, are mostly tail)
            VectorMask<Float> in = S.indexInRange(i, n);
            FloatVector raw = FloatVector.fromArray(S, a, off + i, in).sub(sh);
            FloatVector x = raw.max(minX).min(maxX);
            FloatVector t = x.fma(log2e, round), k = t.sub(round);
            FloatVector r = k.fma(ln2Lo, k.fma(ln2Hi, x));
            FloatVector p = r.fma(p0, p1)
                    .fma(r, p2)
                    .fma(r, p3)
                    .fma(r, p4)
                    .fma(r, p5)
                    .mul(r.mul(r))
                    .add(r)
                    .add(one);
            FloatVector e = p.mul(t.reinterpretAsInts()
                    .sub(ROUND_BITS)
                    .add(127)
                    .lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats());
            e = e.blend(zero, raw.compare(VectorOperators.LT, minX).or(in.not()));
            e.intoArray(a, off + i, in);
            acc = acc.add(e);
        }
        return VectorOpsSimd.sumLanes(acc, lanes); // a fixed order (reduceLanes' order may change with the JIT)
    }

    /** Lanes of the preferred vector species: the length of {@link #expShiftSum}'s scratch. */
    public static int lanes() {
        return S.length();
    }

    /** e^x as {@link #expShiftSum} computes it for one value (−∞ and values below −87 give 0). */
    public static float expOrZero(float x) {
        return x < MIN_X ? 0f : exp(x);
    }

    static float exp(float x) {
        x = Math.min(Math.max(x, MIN_X), MAX_X);
        float t = Math.fma(x, LOG2E, ROUND);
        float k = t - ROUND;
        float r = Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, x));
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(r, P0, P1), r, P2), r, P3), r, P4), r, P5) * (r * r)
                + r
                + 1f;
        return p * Float.intBitsToFloat((Float.floatToRawIntBits(t) - ROUND_BITS + 127) << 23);
    }

    /** 1 / (1 + e^{−x}). */
    public static float sigmoid(float x) {
        return 1f / (exp(-x) + 1f);
    }

    public static float tanh(float x) {
        float a = Math.abs(x);
        if (a < TANH_SMALL) {
            float z = x * x;
            return Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(z, T0, T1), z, T2), z, T3), z, T4) * z, x, x);
        }
        float big = 1f - 2f / (exp(a + a) + 1f);
        return x < 0 ? -big : big;
    }
}
