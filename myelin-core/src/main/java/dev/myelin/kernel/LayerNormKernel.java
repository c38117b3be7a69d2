package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Layer normalization of the rows of a row-major [rows, cols] matrix, forward and backward, each row in one
 * vectorized pass for its statistics and one for its output. The mean and variance come from one pass over the row
 * shifted by its first element (sums of x − x₀ and (x − x₀)², which keeps the cancellation of the one-pass formula
 * small when the mean is large against the spread); mean and 1/√(var + eps) are saved for the backward.
 * Rows are split over {@link Parallel} in fixed blocks of {@link #BLOCK} rows; the weight and bias gradients are
 * summed per block and the blocks added in order, so results never depend on the thread count.
 */
public final class LayerNormKernel {
    /** Rows per block of the parallel split (also the unit of the weight-gradient partial sums). */
    public static final int BLOCK = 32;

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private LayerNormKernel() {}

    /**
     * y = (x − mean)·rstd·w + b per row; w and b may be null (no affine). mean and rstd [rows] are written.
     */
    public static void forward(
            float[] x, int rows, int cols, float[] w, float[] b, float eps, float[] y, float[] mean, float[] rstd) {
        check(x, rows, cols, w, b, y);
        int blocks = (rows + BLOCK - 1) / BLOCK;
        Parallel.forRange(blocks, Math.max(1, 16384 / Math.max(1, cols * BLOCK)), (b0, b1) -> {
            for (int r = b0 * BLOCK, end = Math.min(rows, b1 * BLOCK); r < end; r++)
                forwardRow(x, r * cols, cols, w, b, eps, y, mean, rstd, r);
        });
    }

    private static void forwardRow(
            float[] x, int off, int n, float[] w, float[] b, float eps, float[] y, float[] mean, float[] rstd, int r) {
        float shift = x[off];
        FloatVector s1 = FloatVector.zero(S), s2 = FloatVector.zero(S);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += S.length()) {
            FloatVector d = FloatVector.fromArray(S, x, off + i).sub(shift);
            s1 = s1.add(d);
            s2 = d.fma(d, s2);
        }
        float t1 = sumLanes(s1), t2 = sumLanes(s2);
        for (; i < n; i++) {
            float d = x[off + i] - shift;
            t1 += d;
            t2 = Math.fma(d, d, t2);
        }
        float m1 = t1 / n;
        float var = Math.max(0f, t2 / n - m1 * m1);
        float mu = shift + m1, rs = (float) (1 / Math.sqrt(var + eps));
        mean[r] = mu;
        rstd[r] = rs;
        i = 0;
        for (int ub = S.loopBound(n); i < ub; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, off + i).sub(mu).mul(rs);
            if (w != null) v = v.mul(FloatVector.fromArray(S, w, i));
            if (b != null) v = v.add(FloatVector.fromArray(S, b, i));
            v.intoArray(y, off + i);
        }
        for (; i < n; i++) {
            float v = (x[off + i] - mu) * rs;
            if (w != null) v *= w[i];
            if (b != null) v += b[i];
            y[off + i] = v;
        }
    }

    /**
     * Gradients of Σ g·y: dx = rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂)) with ĝ = g·w and x̂ = (x − mean)·rstd; dw = Σ_rows g·x̂;
     * db = Σ_rows g. Any of dx, dw, db may be null (not wanted); dx, dw and db are overwritten.
     */
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
        boolean params = dw != null || db != null;
        float[] pw = dw == null ? null : new float[blocks * cols], pb = db == null ? null : new float[blocks * cols];
        Parallel.forRange(blocks, Math.max(1, 8192 / Math.max(1, cols * BLOCK)), (b0, b1) -> {
            for (int blk = b0; blk < b1; blk++)
                for (int r = blk * BLOCK, end = Math.min(rows, (blk + 1) * BLOCK); r < end; r++) {
                    if (dx != null) inputGradRow(g, x, r * cols, cols, w, mean[r], rstd[r], dx);
                    if (params) paramGradRow(g, x, r * cols, cols, mean[r], rstd[r], pw, pb, blk * cols);
                }
        });
        if (dw != null) sumBlocks(pw, blocks, cols, dw);
        if (db != null) sumBlocks(pb, blocks, cols, db);
    }

    private static void inputGradRow(float[] g, float[] x, int off, int n, float[] w, float mu, float rs, float[] dx) {
        FloatVector a = FloatVector.zero(S), c = FloatVector.zero(S);
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += S.length()) {
            FloatVector gw = FloatVector.fromArray(S, g, off + i);
            if (w != null) gw = gw.mul(FloatVector.fromArray(S, w, i));
            FloatVector xh = FloatVector.fromArray(S, x, off + i).sub(mu).mul(rs);
            a = a.add(gw);
            c = gw.fma(xh, c);
        }
        float sa = sumLanes(a), sc = sumLanes(c);
        for (int j = i; j < n; j++) {
            float gw = g[off + j] * (w == null ? 1f : w[j]);
            sa += gw;
            sc = Math.fma(gw, (x[off + j] - mu) * rs, sc);
        }
        float ma = sa / n, mc = sc / n;
        i = 0;
        for (int ub = S.loopBound(n); i < ub; i += S.length()) {
            FloatVector gw = FloatVector.fromArray(S, g, off + i);
            if (w != null) gw = gw.mul(FloatVector.fromArray(S, w, i));
            FloatVector xh = FloatVector.fromArray(S, x, off + i).sub(mu).mul(rs);
            gw.sub(ma).sub(xh.mul(mc)).mul(rs).intoArray(dx, off + i);
        }
        for (; i < n; i++) {
            float gw = g[off + i] * (w == null ? 1f : w[i]);
            dx[off + i] = (gw - ma - (x[off + i] - mu) * rs * mc) * rs;
        }
    }

    private static void paramGradRow(
            float[] g, float[] x, int off, int n, float mu, float rs, float[] pw, float[] pb, int po) {
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += S.length()) {
            FloatVector gv = FloatVector.fromArray(S, g, off + i);
            if (pw != null) {
                FloatVector xh = FloatVector.fromArray(S, x, off + i).sub(mu).mul(rs);
                gv.fma(xh, FloatVector.fromArray(S, pw, po + i)).intoArray(pw, po + i);
            }
            if (pb != null) gv.add(FloatVector.fromArray(S, pb, po + i)).intoArray(pb, po + i);
        }
        for (; i < n; i++) {
            if (pw != null) pw[po + i] = Math.fma(g[off + i], (x[off + i] - mu) * rs, pw[po + i]);
            if (pb != null) pb[po + i] += g[off + i];
        }
    }

    private static void sumBlocks(float[] partial, int blocks, int cols, float[] out) {
        System.arraycopy(partial, 0, out, 0, cols);
        for (int blk = 1; blk < blocks; blk++) VectorOps.add(out, 0, partial, blk * cols, out, 0, cols);
    }

    private static float sumLanes(FloatVector v) {
        return VectorOpsSimd.sumLanes(v, new float[S.length()]);
    }

    private static void check(float[] x, int rows, int cols, float[] w, float[] b, float[] y) {
        if (rows < 0 || cols <= 0)
            throw new IllegalArgumentException("LayerNormKernel: bad sizes rows=" + rows + " cols=" + cols);
        long n = (long) rows * cols;
        if (x.length < n || y.length < n || (w != null && w.length < cols) || (b != null && b.length < cols))
            throw new IllegalArgumentException("LayerNormKernel: arrays too small for " + rows + "x" + cols);
    }
}
