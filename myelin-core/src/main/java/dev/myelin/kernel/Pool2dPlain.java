package dev.myelin.kernel;

/**
 * Plain-Java twin of {@link Pool2d} for a JVM without the Vector API module (see {@link Simd}): max pooling through
 * the general window loop (the SIMD kernel's 2×2 special case picks the same maxima and positions), average pooling
 * and the max-pool backward as {@link Pool2d} computes them.
 */
public final class Pool2dPlain {

    private static final int MIN_CHUNK_ELEMENTS = 1 << 14;

    private Pool2dPlain() {}

    /** As {@link Pool2d#maxForward}. */
    public static void maxForward(float[] x, int planes, PoolAxis rows, PoolAxis cols, float[] out, int[] argmax) {
        int h = rows.in(), w = cols.in(), oh = rows.out(), ow = cols.out();
        check(x, planes, h * w, out, argmax, oh * ow);
        int[] rf = rows.first(), rc = rows.count(), cf = cols.first(), cc = cols.count();
        int rs = rows.step(), cs = cols.step();
        Parallel.forRange(planes, minPlanes(h * w), (from, to) -> {
            for (int p = from; p < to; p++) {
                int in = p * h * w, o = p * oh * ow;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++, o++) {
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
        });
    }

    /** As {@link Pool2d#maxBackward}: gradIn[argmax] += gradOut, plane by plane. */
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

    /** As {@link Pool2d#maxBackward2x2}: every input a 2×2 window covers is written (the gradient at its maximum, else 0). */
    public static void maxBackward2x2(
            float[] gradOut, int[] argmax, int planes, PoolAxis rows, PoolAxis cols, float[] gradIn) {
        int h = rows.in(), w = cols.in(), oh = rows.out(), ow = cols.out();
        if (rows.plain() != 2 || cols.plain() != 2)
            throw new IllegalArgumentException("Pool2d.maxBackward2x2: needs plain 2x2 windows");
        check(gradIn, planes, h * w, gradOut, argmax, oh * ow);
        Parallel.forRange(planes, minPlanes(h * w), (from, to) -> {
            for (int p = from; p < to; p++) {
                int in = p * h * w, o = p * oh * ow;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++, o++) {
                        int top = in + 2 * i * w + 2 * j;
                        gradIn[top] = 0f;
                        gradIn[top + 1] = 0f;
                        gradIn[top + w] = 0f;
                        gradIn[top + w + 1] = 0f;
                        gradIn[in + argmax[o]] = gradOut[o];
                    }
                }
            }
        });
    }

    /** As {@link Pool2d#avgForward}. */
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

    /** As {@link Pool2d#avgBackward}. */
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
