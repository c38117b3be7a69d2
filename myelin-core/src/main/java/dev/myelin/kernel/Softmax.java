package dev.myelin.kernel;

/**
 * Row-wise softmax and log-softmax of a row-major rows×cols matrix, numerically stable: each row's
 * maximum is subtracted before exponentiating, so large logits neither overflow nor lose precision.
 * Rows are split across the shared pool for large inputs. {@code out} may be the same array as
 * {@code in}.
 */
public final class Softmax {

    /** Rows narrower than this (one vector) take the plain-loop path. */
    private static final int NARROW = Simd.lanes();

    private Softmax() {}

    /** out[r, :] = exp(in[r, :] - max) / sum(exp(in[r, :] - max)). */
    public static void softmaxRows(float[] in, float[] out, int rows, int cols) {
        softmaxRows(in, 0, out, 0, rows, cols);
    }

    /** {@link #softmaxRows(float[], float[], int, int)} on the matrices starting at in[inOff] and out[outOff]. */
    public static void softmaxRows(float[] in, int inOff, float[] out, int outOff, int rows, int cols) {
        check(in, inOff, out, outOff, rows, cols);
        Parallel.forRange(rows, Math.max(1, 16384 / Math.max(1, cols)), (r0, r1) -> {
            if (cols < NARROW) {
                narrowRows(in, inOff, out, outOff, r0, r1, cols);
                return;
            }
            for (int r = r0; r < r1; r++) {
                int i = inOff + r * cols;
                int o = outOff + r * cols;
                float m = VectorOps.max(in, i, cols);
                VectorOps.addScalar(in, i, -m, out, o, cols);
                VectorOps.exp(out, o, out, o, cols);
                float s = VectorOps.sum(out, o, cols);
                VectorOps.mulScalar(out, o, 1f / s, out, o, cols);
            }
        });
    }

    /**
     * Rows narrower than a vector (a 10-class output layer) in one plain loop each: the same arithmetic, in
     * the same order, as the VectorOps calls of the wide path, which at this width all run their scalar
     * tails, without five calls per row (they cost more than the row).
     */
    private static void narrowRows(float[] in, int inOff, float[] out, int outOff, int r0, int r1, int cols) {
        for (int r = r0; r < r1; r++) {
            int i = inOff + r * cols;
            int o = outOff + r * cols;
            float m = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                m = Math.max(m, in[i + j]);
            }
            float shift = -m;
            float s = 0f;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(in[i + j] + shift);
                out[o + j] = e;
                s += e;
            }
            float inv = 1f / s;
            for (int j = 0; j < cols; j++) {
                out[o + j] *= inv;
            }
        }
    }

    /** out[r, :] = in[r, :] - max - log(sum(exp(in[r, :] - max))). */
    public static void logSoftmaxRows(float[] in, float[] out, int rows, int cols) {
        check(in, 0, out, 0, rows, cols);
        Parallel.forRange(rows, Math.max(1, 16384 / Math.max(1, cols)), (r0, r1) -> {
            float[] tmp = new float[cols];
            for (int r = r0; r < r1; r++) {
                int o = r * cols;
                float m = VectorOps.max(in, o, cols);
                VectorOps.addScalar(in, o, -m, out, o, cols); // shift first: keeps precision for large logits
                VectorOps.exp(out, o, tmp, 0, cols);
                float lse = (float) Math.log(VectorOps.sum(tmp, 0, cols));
                VectorOps.addScalar(out, o, -lse, out, o, cols);
            }
        });
    }

    private static void check(float[] in, int inOff, float[] out, int outOff, int rows, int cols) {
        long need = (long) rows * cols;
        if (rows < 0
                || cols < 0
                || inOff < 0
                || outOff < 0
                || in.length - (long) inOff < need
                || out.length - (long) outOff < need) {
            throw new IllegalArgumentException("softmax: " + rows + "x" + cols + " needs " + need
                    + " elements from offsets " + inOff + " and " + outOff + ", in has " + in.length
                    + ", out has " + out.length);
        }
    }
}
