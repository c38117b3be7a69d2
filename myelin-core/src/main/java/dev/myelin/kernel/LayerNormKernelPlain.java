package dev.myelin.kernel;

/**
 * Plain-Java twin of {@link LayerNormKernel} for a JVM without the Vector API module (see {@link Simd}): the same
 * arguments, the same shifted one-pass statistics, sums in index order. Rows are split over {@link Parallel} in
 * blocks of {@link LayerNormKernel#BLOCK}, the parameter gradients summed per block in a fixed order.
 */
public final class LayerNormKernelPlain {

    private static final int BLOCK = LayerNormKernel.BLOCK;

    private LayerNormKernelPlain() {}

    /** As {@link LayerNormKernel#forward}. */
    public static void forward(
            float[] x, int rows, int cols, float[] w, float[] b, float eps, float[] y, float[] mean, float[] rstd) {
        check(x, rows, cols, w, b, y);
        int blocks = (rows + BLOCK - 1) / BLOCK;
        Parallel.forRange(blocks, Math.max(1, 16384 / Math.max(1, cols * BLOCK)), (b0, b1) -> {
            for (int r = b0 * BLOCK, end = Math.min(rows, b1 * BLOCK); r < end; r++) {
                int off = r * cols;
                float shift = x[off], t1 = 0f, t2 = 0f;
                for (int i = 0; i < cols; i++) {
                    float d = x[off + i] - shift;
                    t1 += d;
                    t2 = Math.fma(d, d, t2);
                }
                float m1 = t1 / cols;
                float var = Math.max(0f, t2 / cols - m1 * m1);
                float mu = shift + m1, rs = (float) (1 / Math.sqrt(var + eps));
                mean[r] = mu;
                rstd[r] = rs;
                for (int i = 0; i < cols; i++) {
                    float v = (x[off + i] - mu) * rs;
                    if (w != null) v *= w[i];
                    if (b != null) v += b[i];
                    y[off + i] = v;
                }
            }
        });
    }

    /** As {@link LayerNormKernel#backward}. */
    public static void backward(
            float[] g,
            float[] x,
            int rows,
            int cols,
            float[] w,
            float[] mean,
            float[] rstd,
            float[] dx,
            float[] dw,
            float[] db) {
        check(x, rows, cols, w, null, g);
        int blocks = (rows + BLOCK - 1) / BLOCK;
        float[] pw = dw == null ? null : new float[blocks * cols], pb = db == null ? null : new float[blocks * cols];
        Parallel.forRange(blocks, Math.max(1, 8192 / Math.max(1, cols * BLOCK)), (b0, b1) -> {
            for (int blk = b0; blk < b1; blk++) {
                for (int r = blk * BLOCK, end = Math.min(rows, (blk + 1) * BLOCK); r < end; r++) {
                    int off = r * cols, po = blk * cols;
                    float mu = mean[r], rs = rstd[r];
                    if (dx != null) {
                        float sa = 0f, sc = 0f;
                        for (int j = 0; j < cols; j++) {
                            float gw = g[off + j] * (w == null ? 1f : w[j]);
                            sa += gw;
                            sc = Math.fma(gw, (x[off + j] - mu) * rs, sc);
                        }
                        float ma = sa / cols, mc = sc / cols;
                        for (int j = 0; j < cols; j++) {
                            float gw = g[off + j] * (w == null ? 1f : w[j]);
                            dx[off + j] = (gw - ma - (x[off + j] - mu) * rs * mc) * rs;
                        }
                    }
                    for (int j = 0; j < cols; j++) {
                        if (pw != null) pw[po + j] = Math.fma(g[off + j], (x[off + j] - mu) * rs, pw[po + j]);
                        if (pb != null) pb[po + j] += g[off + j];
                    }
                }
            }
        });
        if (dw != null) sumBlocks(pw, blocks, cols, dw);
        if (db != null) sumBlocks(pb, blocks, cols, db);
    }

    private static void sumBlocks(float[] partial, int blocks, int cols, float[] out) {
        System.arraycopy(partial, 0, out, 0, cols);
        for (int blk = 1; blk < blocks; blk++) VectorOpsPlain.add(out, 0, partial, blk * cols, out, 0, cols);
    }

    private static void check(float[] x, int rows, int cols, float[] w, float[] b, float[] y) {
        if (rows < 0 || cols <= 0)
            throw new IllegalArgumentException("LayerNormKernel: bad sizes rows=" + rows + " cols=" + cols);
        long n = (long) rows * cols;
        if (x.length < n || y.length < n || (w != null && w.length < cols) || (b != null && b.length < cols))
            throw new IllegalArgumentException("LayerNormKernel: arrays too small for " + rows + "x" + cols);
    }
}
