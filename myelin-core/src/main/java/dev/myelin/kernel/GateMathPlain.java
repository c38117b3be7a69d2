package dev.myelin.kernel;

/**
 * Plain-Java gate functions for the recurrent cells' twins on a JVM without the Vector API module (see {@link Simd}):
 * sigmoid and tanh from {@link Math#exp} and {@link Math#tanh} (within about an ulp of {@link GateMath}'s polynomial),
 * and {@link GateMath}'s flush of tiny gradients to zero.
 */
final class GateMathPlain {

    private GateMathPlain() {}

    static void sigmoid(float[] a, int off, int n) {
        for (int i = off; i < off + n; i++) a[i] = (float) (1.0 / (1.0 + Math.exp(-a[i])));
    }

    static void tanh(float[] a, int off, int n) {
        for (int i = off; i < off + n; i++) a[i] = (float) Math.tanh(a[i]);
    }

    /** As {@link GateMath#flush(float)}. */
    static float flush(float x) {
        return Math.abs(x) < GateMath.TINY ? 0f : x;
    }

    static void flush(float[] a, int off, int n) {
        for (int i = off; i < off + n; i++) a[i] = flush(a[i]);
    }
}
