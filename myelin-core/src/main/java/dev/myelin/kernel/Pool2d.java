package dev.myelin.kernel;

/**
 * Max and average pooling over planes: {@code x} holds {@code planes} row-major H×W planes (N·C of them for
 * an NCHW batch), the windows come from one {@link PoolAxis} per axis, and each output plane is OH×OW.
 * Planes are independent, so they are split over the {@link Parallel} pool and every result is the same for
 * any thread count. A window that is exactly the non-overlapping 2×2 block (the usual CNN pool) runs a
 * specialized loop.
 */
public final class Pool2d {
    /** Elements per chunk below which splitting over threads costs more than it saves. */
    private static final int MIN_CHUNK_ELEMENTS = 1 << 14;

    private Pool2d() {
    }

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
            for (int p = from; p < to; p++) {
                if (twoByTwo) max2x2(x, p * h * w, w, oh, ow, out, argmax, p * oh * ow);
                else maxPlane(x, p * h * w, w, rows, cols, out, argmax, p * oh * ow);
            }
        });
    }

    private static void max2x2(float[] x, int in, int w, int oh, int ow, float[] out, int[] argmax, int o) {
        for (int i = 0; i < oh; i++) {
            int r0 = in + 2 * i * w, r1 = r0 + w, pos0 = 2 * i * w;
            for (int j = 0; j < ow; j++, o++) {
                int c = 2 * j;
                float m = x[r0 + c];
                int at = pos0 + c;
                float v = x[r0 + c + 1];
                if (v > m || v != v) { m = v; at = pos0 + c + 1; }
                v = x[r1 + c];
                if (v > m || v != v) { m = v; at = pos0 + w + c; }
                v = x[r1 + c + 1];
                if (v > m || v != v) { m = v; at = pos0 + w + c + 1; }
                out[o] = m;
                if (argmax != null) argmax[o] = at;
            }
        }
    }

    private static void maxPlane(float[] x, int in, int w, PoolAxis rows, PoolAxis cols, float[] out, int[] argmax, int o) {
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
    public static void maxBackward(float[] gradOut, int[] argmax, int planes, int inPlane, int outPlane, float[] gradIn) {
        if (gradOut.length < (long) planes * outPlane || argmax.length < (long) planes * outPlane || gradIn.length < (long) planes * inPlane)
            throw new IllegalArgumentException("Pool2d.maxBackward: arrays too short for " + planes + " planes of " + inPlane + " → " + outPlane);
        Parallel.forRange(planes, minPlanes(inPlane), (from, to) -> {
            for (int p = from; p < to; p++) {
                int gi = p * inPlane, go = p * outPlane;
                for (int o = 0; o < outPlane; o++) gradIn[gi + argmax[go + o]] += gradOut[go + o];
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
    public static void avgBackward(float[] gradOut, int planes, PoolAxis rows, PoolAxis cols, float[] divisor, float[] gradIn) {
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
            throw new IllegalArgumentException("Pool2d: arrays too short for " + planes + " planes of " + inPlane + " inputs and "
                    + outPlane + " outputs (input " + x.length + ", output " + out.length + ")");
    }

    private static void checkDivisor(float[] divisor, int outPlane) {
        if (divisor.length != outPlane)
            throw new IllegalArgumentException("Pool2d: " + divisor.length + " divisors for " + outPlane + " output positions");
    }
}
