package dev.myelin.kernel;

/**
 * Plain-Java twin of {@link DropoutKernel} for a JVM without the Vector API module (see {@link Simd}): the SIMD
 * kernel's scalar tail over the whole range, so the mask is the same bit for bit.
 */
public final class DropoutKernelPlain {

    private static final long M1 = 0xbf58476d1ce4e5b9L, M2 = 0x94d049bb133111ebL;

    private DropoutKernelPlain() {}

    /** As {@link DropoutKernel#apply}. */
    public static void apply(
            long seed, long gamma, double p, float keep, float[] x, float[] mask, float[] y, int from, int to) {
        long threshold = (long) Math.ceil(p * 0x1.0p53);
        for (int i = from; i < to; i++) {
            float m = (mix64(seed + (i + 1L) * gamma) >>> 11) >= threshold ? keep : 0;
            mask[i] = m;
            y[i] = x[i] * m;
        }
    }

    /** SplitMix64's finalizer, as {@code DropoutKernel.mix64}. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * M1;
        z = (z ^ (z >>> 27)) * M2;
        return z ^ (z >>> 31);
    }
}
