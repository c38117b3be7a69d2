package dev.myelin.estimator;

/**
 * The elementwise steps of {@link MlpNetwork} (activation derivatives, output minus target) as plain Java loops
 * over whole buffers.
 *
 * <p>Why not {@code dev.myelin.kernel.VectorOps}: until C2 has compiled a Vector API method it runs boxed, hundreds
 * of times slower (the mask compare and blend of a ReLU derivative were the slowest part of a first fit in a fresh
 * JVM). These loops run at a fair speed as soon as C1 has compiled them, and nothing in them branches on the data.
 */
final class PlainLoops {

    private PlainLoops() {}

    /** out[off + i] = a[off + i] - b[bOff + i] for i in [0, n). */
    static void sub(float[] a, float[] b, int bOff, float[] out, int off, int n) {
        for (int i = 0; i < n; i++) {
            out[off + i] = a[off + i] - b[bOff + i];
        }
    }

    /** z[i] = max(z[i], 0) for i in [off, off+n); NaN stays NaN. */
    static void relu(float[] z, int off, int n) {
        for (int i = off; i < off + n; i++) {
            z[i] = Math.max(z[i], 0f);
        }
    }

    /**
     * delta[i] = y[i] &gt; 0 ? delta[i] : 0 for i in [off, off+n), y a ReLU output, without a branch in any JIT
     * tier: the sign pattern is random, and the branch was mispredicted half the time (4 ns per element;
     * Math.signum branches too until C2 has compiled it). y &gt; 0 exactly when y's bits, less one and read unsigned, are below those of +Infinity.
     */
    static void reluBackward(float[] y, float[] delta, int off, int n) {
        for (int i = off; i < off + n; i++) {
            long u = (Float.floatToRawIntBits(y[i]) - 1L) & 0xFFFFFFFFL;
            int keep = (int) ((u - 0x7F800000L) >> 63); // all ones when y > 0, else 0
            delta[i] = Float.intBitsToFloat(Float.floatToRawIntBits(delta[i]) & keep);
        }
    }

    /** delta[i] *= y[i]·(1 - y[i]) for i in [off, off+n), y the sigmoid output. */
    static void sigmoidBackward(float[] y, float[] delta, int off, int n) {
        for (int i = off; i < off + n; i++) {
            float v = y[i];
            delta[i] = delta[i] * v * (1f - v);
        }
    }

    /** delta[i] *= 1 - y[i]² for i in [off, off+n), y the tanh output. */
    static void tanhBackward(float[] y, float[] delta, int off, int n) {
        for (int i = off; i < off + n; i++) {
            float v = y[i];
            delta[i] = delta[i] * (1f - v * v);
        }
    }
}
