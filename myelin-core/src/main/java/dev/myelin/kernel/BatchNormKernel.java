package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Batch normalization on {@code x} viewed as [n, c, inner] (inner = L, or H·W for images; 1 for [N, C]):
 * per-channel statistics, the affine normalization {@code y = x·scale + shift}, and the backward pass. Channels
 * (for sums) and [n, c] blocks (for elementwise work) are split over the {@link Parallel} pool; each channel's
 * sums run in a fixed order (blocks in float, blocks added in double), so results do not depend on the thread
 * count.
 */
public final class BatchNormKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MIN_CHUNK_ELEMENTS = 1 << 14;

    private BatchNormKernel() {}

    /** Per-channel mean and biased variance (two passes: the mean, then the squared deviations from it). */
    public static void meanVar(float[] x, int n, int c, int inner, float[] mean, float[] var) {
        check(x, n, c, inner);
        double count = (double) n * inner;
        Parallel.forRange(c, minChannels(n, inner), (from, to) -> {
            for (int ch = from; ch < to; ch++) {
                double s = 0;
                for (int i = 0; i < n; i++) s += VectorOps.sum(x, (i * c + ch) * inner, inner);
                float m = (float) (s / count);
                double q = 0;
                for (int i = 0; i < n; i++) q += centeredDot(x, x, (i * c + ch) * inner, inner, m, m);
                mean[ch] = m;
                var[ch] = (float) (q / count);
            }
        });
    }

    /** {@code y = x·scale[ch] + shift[ch]} for every element of channel ch. */
    public static void affine(float[] x, int n, int c, int inner, float[] scale, float[] shift, float[] y) {
        check(x, n, c, inner);
        Parallel.forRange(n * c, Math.max(1, MIN_CHUNK_ELEMENTS / Math.max(1, inner)), (from, to) -> {
            for (int b = from; b < to; b++) axpb(x, b * inner, inner, scale[b % c], shift[b % c], y);
        });
    }

    /**
     * Gradients of {@code y = (x − mean)·invstd·weight + bias}. With batch statistics (training), mean and
     * invstd depend on x: {@code dx = k·(g − Σg/M − x̂·Σ(g·x̂)/M)} with {@code k = weight·invstd}, {@code x̂ =
     * (x − mean)·invstd}, M = n·inner; with running statistics {@code dx = k·g}. {@code gradWeight = Σ g·x̂},
     * {@code gradBias = Σ g}. Any of gradX, gradWeight, gradBias may be null (not wanted); weight null means 1.
     */
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
                double sumG = 0, sumGC = 0; // Σ g and Σ g·(x − mean)
                for (int i = 0; i < n; i++) {
                    int at = (i * c + ch) * inner;
                    sumG += VectorOps.sum(g, at, inner);
                    sumGC += centeredDot(g, x, at, inner, 0f, mean[ch]);
                }
                double is = invstd[ch], k = (weight == null ? 1 : weight[ch]) * is;
                if (gradBias != null) gradBias[ch] = (float) sumG;
                if (gradWeight != null) gradWeight[ch] = (float) (sumGC * is);
                // dx = g·k + x·p + q, folding the mean and the x̂ terms into one multiply-add per element
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
                int ch = b % c, at = b * inner, i = 0;
                float k = gk[ch], p = slope[ch], q = offset[ch];
                FloatVector kv = FloatVector.broadcast(S, k),
                        pv = FloatVector.broadcast(S, p),
                        qv = FloatVector.broadcast(S, q);
                for (int ub = S.loopBound(inner); i < ub; i += L)
                    FloatVector.fromArray(S, x, at + i)
                            .fma(pv, qv)
                            .add(FloatVector.fromArray(S, g, at + i).mul(kv))
                            .intoArray(gradX, at + i);
                for (; i < inner; i++) gradX[at + i] = Math.fma(x[at + i], p, q) + g[at + i] * k;
            }
        });
    }

    /** Σ (a[i] − ca)·(b[i] − cb) over one block, lane-wise then lanes in order. */
    private static double centeredDot(float[] a, float[] b, int at, int len, float ca, float cb) {
        FloatVector acc = FloatVector.zero(S), av = FloatVector.broadcast(S, ca), bv = FloatVector.broadcast(S, cb);
        int i = 0;
        for (int ub = S.loopBound(len); i < ub; i += L)
            acc = FloatVector.fromArray(S, a, at + i)
                    .sub(av)
                    .fma(FloatVector.fromArray(S, b, at + i).sub(bv), acc);
        double s = 0;
        for (int lane = 0; lane < L; lane++) s += acc.lane(lane);
        for (; i < len; i++) s += (double) (a[at + i] - ca) * (b[at + i] - cb);
        return s;
    }

    private static void axpb(float[] x, int at, int len, float a, float b, float[] y) {
        FloatVector av = FloatVector.broadcast(S, a), bv = FloatVector.broadcast(S, b);
        int i = 0;
        for (int ub = S.loopBound(len); i < ub; i += L)
            FloatVector.fromArray(S, x, at + i).fma(av, bv).intoArray(y, at + i);
        for (; i < len; i++) y[at + i] = Math.fma(x[at + i], a, b);
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
