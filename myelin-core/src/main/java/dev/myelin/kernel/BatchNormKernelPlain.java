package dev.myelin.kernel;

/**
 * Plain-Java twin of {@link BatchNormKernel} for a JVM without the Vector API module (see {@link Simd}): the same
 * arguments and results, sums in index order (double accumulators, as the SIMD path's per-channel totals).
 */
public final class BatchNormKernelPlain {

    private static final int MIN_CHUNK_ELEMENTS = 1 << 14;

    private BatchNormKernelPlain() {}

    /** As {@link BatchNormKernel#meanVar}. */
    public static void meanVar(float[] x, int n, int c, int inner, float[] mean, float[] var) {
        check(x, n, c, inner);
        double count = (double) n * inner;
        Parallel.forRange(c, minChannels(n, inner), (from, to) -> {
            for (int ch = from; ch < to; ch++) {
                double s = 0;
                for (int i = 0; i < n; i++) s += VectorOpsPlain.sum(x, (i * c + ch) * inner, inner);
                float m = (float) (s / count);
                double q = 0;
                for (int i = 0; i < n; i++) q += centeredDot(x, x, (i * c + ch) * inner, inner, m, m);
                mean[ch] = m;
                var[ch] = (float) (q / count);
            }
        });
    }

    /** As {@link BatchNormKernel#affine}. */
    public static void affine(float[] x, int n, int c, int inner, float[] scale, float[] shift, float[] y) {
        check(x, n, c, inner);
        Parallel.forRange(n * c, Math.max(1, MIN_CHUNK_ELEMENTS / Math.max(1, inner)), (from, to) -> {
            for (int b = from; b < to; b++) {
                float a = scale[b % c], s = shift[b % c];
                for (int i = b * inner, end = i + inner; i < end; i++) y[i] = Math.fma(x[i], a, s);
            }
        });
    }

    /** As {@link BatchNormKernel#backward}. */
    public static void backward(
            float[] g,
            float[] x,
            int n,
            int c,
            int inner,
            float[] mean,
            float[] invstd,
            float[] weight,
            boolean batchStats,
            float[] gradX,
            float[] gradWeight,
            float[] gradBias) {
        check(x, n, c, inner);
        double count = (double) n * inner;
        float[] slope = new float[c], offset = new float[c], gk = new float[c];
        Parallel.forRange(c, minChannels(n, inner), (from, to) -> {
            for (int ch = from; ch < to; ch++) {
                double sumG = 0, sumGC = 0;
                for (int i = 0; i < n; i++) {
                    int at = (i * c + ch) * inner;
                    sumG += VectorOpsPlain.sum(g, at, inner);
                    sumGC += centeredDot(g, x, at, inner, 0f, mean[ch]);
                }
                double is = invstd[ch], k = (weight == null ? 1 : weight[ch]) * is;
                if (gradBias != null) gradBias[ch] = (float) sumG;
                if (gradWeight != null) gradWeight[ch] = (float) (sumGC * is);
                double p = batchStats ? -k * is * is * sumGC / count : 0;
                double q = batchStats ? -k * sumG / count - mean[ch] * p : 0;
                gk[ch] = (float) k;
                slope[ch] = (float) p;
                offset[ch] = (float) q;
            }
        });
        if (gradX == null) return;
        Parallel.forRange(n * c, Math.max(1, MIN_CHUNK_ELEMENTS / Math.max(1, inner)), (from, to) -> {
            for (int b = from; b < to; b++) {
                int ch = b % c;
                float k = gk[ch], p = slope[ch], q = offset[ch];
                for (int i = b * inner, end = i + inner; i < end; i++) gradX[i] = Math.fma(x[i], p, q) + g[i] * k;
            }
        });
    }

    private static double centeredDot(float[] a, float[] b, int at, int len, float ca, float cb) {
        double s = 0;
        for (int i = 0; i < len; i++) s += (double) (a[at + i] - ca) * (b[at + i] - cb);
        return s;
    }

    private static int minChannels(int n, int inner) {
        return Math.max(1, MIN_CHUNK_ELEMENTS / Math.max(1, n * inner));
    }

    private static void check(float[] x, int n, int c, int inner) {
        if (n < 0 || c < 0 || inner < 0 || x.length < (long) n * c * inner)
            throw new IllegalArgumentException("BatchNormKernel: array of " + x.length + " elements is too short for ["
                    + n + ", " + c + ", " + inner + "]");
    }
}
