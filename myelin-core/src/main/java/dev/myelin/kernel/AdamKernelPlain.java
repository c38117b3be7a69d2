package dev.myelin.kernel;

/**
 * Plain-Java twin of {@link AdamKernel} for a JVM without the Vector API module (see {@link Simd}): the scalar loop
 * the SIMD kernel runs on its tail, over the whole array, so the results are the same element for element.
 */
public final class AdamKernelPlain {

    private static final int MIN_CHUNK = 32 * 1024;

    private AdamKernelPlain() {}

    /** As {@link AdamKernel#step}. */
    public static void step(float[] p, float[] g, float[] m, float[] v, float[] vMax, AdamKernel.Scalars h) {
        int n = p.length;
        if (g.length != n || m.length != n || v.length != n || (vMax != null && vMax.length != n)) {
            throw new IllegalArgumentException("AdamKernel.step: arrays differ in length (param " + n + ", grad "
                    + g.length + ", exp_avg " + m.length + ", exp_avg_sq " + v.length + ")");
        }
        Parallel.forRange(n, MIN_CHUNK, (from, to) -> {
            float b1 = h.beta1(), b2 = h.beta2(), c1 = 1 - b1, c2 = 1 - b2;
            for (int i = from; i < to; i++) {
                float gi = g[i] + p[i] * h.l2();
                m[i] = m[i] * b1 + gi * c1;
                v[i] = v[i] * b2 + gi * c2 * gi;
                float second = v[i];
                if (vMax != null) second = vMax[i] = Math.max(vMax[i], v[i]);
                float denom = (float) Math.sqrt(second) / h.bc2Sqrt() + h.eps();
                p[i] = p[i] * h.shrink() - m[i] / denom * h.stepSize();
            }
        });
    }
}
