package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Sigmoid and tanh in float for the recurrent gates, vectorized and deterministic: built only from lanewise
 * add, mul, fma, div, compare and bit operations, which IEEE defines exactly, so the interpreter and C2 give
 * the same bits (unlike the Vector API's EXP/TANH lanes; see {@link VectorOps}). exp is Cephes' expf (range
 * reduction by ln 2, a degree-6 polynomial, scaling by 2^n through the exponent bits), about 1 ulp; tanh
 * uses Cephes' odd polynomial below |x| = 0.625 and 1 − 2/(e^{2|x|} + 1) above. The scalar forms compute
 * the same float operations as one lane, so a row's tail matches its vector part bit for bit.
 */
public final class GateMath {
    private static final float LOG2E = 1.44269504088896341f, LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f; // 1.5·2^23: adding it rounds to an integer in the low mantissa bits
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    private static final float MAX_X = 88.0f, MIN_X = -87.0f;
    private static final float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f, P3 = 4.1665795894e-2f,
            P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;
    private static final float T0 = -5.70498872745e-3f, T1 = 2.06390887954e-2f, T2 = -5.37397155531e-2f, T3 = 1.33314422036e-1f,
            T4 = -3.33332819422e-1f, TANH_SMALL = 0.625f;

    private GateMath() {}

    private static FloatVector c(FloatVector like, float v) {
        return FloatVector.broadcast(like.species(), v);
    }

    static FloatVector exp(FloatVector x) {
        x = x.max(MIN_X).min(MAX_X);
        FloatVector t = x.fma(LOG2E, ROUND);
        FloatVector n = t.sub(ROUND);
        FloatVector r = n.fma(c(x, -LN2_HI), x);
        r = n.fma(c(x, -LN2_LO), r);
        FloatVector p = r.fma(P0, P1).fma(r, c(x, P2)).fma(r, c(x, P3)).fma(r, c(x, P4)).fma(r, c(x, P5));
        p = p.mul(r.mul(r)).add(r).add(1f);
        IntVector bits = t.reinterpretAsInts().sub(ROUND_BITS).add(127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(bits.reinterpretAsFloats());
    }

    static float exp(float x) {
        x = Math.min(Math.max(x, MIN_X), MAX_X);
        float t = Math.fma(x, LOG2E, ROUND);
        float n = t - ROUND;
        float r = Math.fma(n, -LN2_HI, x);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(r, P0, P1), r, P2), r, P3), r, P4), r, P5);
        p = p * (r * r) + r + 1f;
        return p * Float.intBitsToFloat((Float.floatToRawIntBits(t) - ROUND_BITS + 127) << 23);
    }

    /** 1 / (1 + e^{−x}). */
    static FloatVector sigmoid(FloatVector x) {
        return FloatVector.broadcast(x.species(), 1f).div(exp(x.neg()).add(1f));
    }

    static float sigmoid(float x) {
        return 1f / (1f + exp(-x));
    }

    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector big = exp(a.add(a)).add(1f);
        big = FloatVector.broadcast(x.species(), 2f).div(big).neg().add(1f);
        FloatVector z = x.mul(x);
        FloatVector small = z.fma(T0, T1).fma(z, c(x, T2)).fma(z, c(x, T3)).fma(z, c(x, T4)).mul(z).fma(x, x);
        VectorMask<Float> isSmall = a.compare(VectorOperators.LT, TANH_SMALL);
        FloatVector signed = big.blend(big.neg(), x.compare(VectorOperators.LT, 0f));
        return signed.blend(small, isSmall);
    }

    static float tanh(float x) {
        float a = Math.abs(x);
        if (a < TANH_SMALL) {
            float z = x * x;
            return Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(z, T0, T1), z, T2), z, T3), z, T4) * z, x, x);
        }
        float big = 1f - 2f / (exp(a + a) + 1f);
        return x < 0 ? -big : big;
    }
}
