package dev.myelin.kernel;

/**
 * Plain-Java twin of {@link GruCellKernel} for a JVM without the Vector API module (see {@link Simd}): the same
 * arguments and saved layout (r, z, n, hg_n, {@link GruCellKernel#savedPerRow}), scalar loops.
 */
public final class GruCellKernelPlain {

    private GruCellKernelPlain() {}

    /** As {@link GruCellKernel#savedPerRow}: the same layout on both paths. */
    public static int savedPerRow(int hidden) {
        return 4 * hidden;
    }

    /** As {@link GruCellKernel#forward}. */
    public static void forward(
            int batch,
            int hidden,
            float[] xg,
            int xo,
            int xld,
            float[] hg,
            int ho,
            int hld,
            float[] h,
            int hOff,
            int hStride,
            float[] act,
            float[] out) {
        int saved = savedPerRow(hidden), h2 = 2 * hidden;
        Parallel.forRange(batch, Math.max(1, 2048 / hidden), (from, to) -> {
            for (int b = from; b < to; b++) {
                int x = xo + b * xld, hh = ho + b * hld, a = b * saved;
                VectorOpsPlain.add(xg, x, hg, hh, act, a, h2);
                System.arraycopy(xg, x + h2, act, a + h2, hidden);
                System.arraycopy(hg, hh + h2, act, a + 3 * hidden, hidden);
                forwardRow(hidden, act, a, h, hOff + b * hStride, out, b * hidden);
            }
        });
    }

    /** As {@code GruCellKernel.forwardRow}. */
    static void forwardRow(int hidden, float[] act, int a, float[] h, int hr, float[] out, int o) {
        int h2 = 2 * hidden, h3 = 3 * hidden;
        GateMathPlain.sigmoid(act, a, h2);
        for (int j = 0; j < hidden; j++) act[a + h2 + j] = act[a + h2 + j] + act[a + j] * act[a + h3 + j];
        GateMathPlain.tanh(act, a + h2, hidden);
        for (int j = 0; j < hidden; j++) {
            float z = act[a + hidden + j];
            out[o + j] = (1f - z) * act[a + h2 + j] + z * h[hr + j];
        }
    }

    /** As {@link GruCellKernel#backward}. */
    public static void backward(
            int batch,
            int hidden,
            float[] dOut,
            float[] act,
            float[] h,
            int hOff,
            int hStride,
            float[] dxg,
            float[] dhg,
            float[] dh) {
        int saved = savedPerRow(hidden), h2 = 2 * hidden, h3 = 3 * hidden;
        Parallel.forRange(batch, Math.max(1, 2048 / hidden), (from, to) -> {
            for (int b = from; b < to; b++) {
                backwardRow(
                        hidden,
                        dOut,
                        b * hidden,
                        act,
                        b * saved,
                        h,
                        hOff + b * hStride,
                        dxg,
                        b * h3,
                        dhg,
                        b * h3 + h2,
                        dh,
                        b * hidden);
                System.arraycopy(dxg, b * h3, dhg, b * h3, h2);
            }
        });
    }

    /** As {@code GruCellKernel.backwardRow}. */
    static void backwardRow(
            int hidden,
            float[] dOut,
            int o,
            float[] act,
            int a,
            float[] h,
            int hr,
            float[] dxg,
            int g,
            float[] dhgN,
            int gn,
            float[] dh,
            int dho) {
        int h2 = 2 * hidden;
        for (int j = 0; j < hidden; j++) {
            float r = act[a + j], z = act[a + hidden + j], n = act[a + h2 + j], hn = act[a + 3 * hidden + j];
            float d = dOut[o + j];
            float dn = d * (1f - z) * (1f - n * n);
            float dz = d * (h[hr + j] - n) * (z * (1f - z));
            float dr = dn * hn * (r * (1f - r));
            dxg[g + j] = GateMathPlain.flush(dr);
            dxg[g + hidden + j] = GateMathPlain.flush(dz);
            dxg[g + h2 + j] = GateMathPlain.flush(dn);
            dhgN[gn + j] = GateMathPlain.flush(dn * r);
            if (dh != null) dh[dho + j] = GateMathPlain.flush(d * z);
        }
    }
}
