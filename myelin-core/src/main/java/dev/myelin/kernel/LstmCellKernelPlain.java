package dev.myelin.kernel;

/**
 * Plain-Java twin of {@link LstmCellKernel} for a JVM without the Vector API module (see {@link Simd}): the same
 * arguments and saved layout (gates i, f, g, o and tanh(c'), {@link LstmCellKernel#savedPerRow}), scalar loops.
 */
public final class LstmCellKernelPlain {

    private LstmCellKernelPlain() {}

    /** As {@link LstmCellKernel#savedPerRow}: the same layout on both paths. */
    public static int savedPerRow(int hidden) {
        return 5 * hidden;
    }

    /** As {@link LstmCellKernel#forward}. */
    public static void forward(
            int batch,
            int hidden,
            float[] xg,
            int xo,
            int xld,
            float[] hg,
            int ho,
            int hld,
            float[] c,
            int co,
            int cld,
            float[] act,
            float[] hc) {
        int saved = savedPerRow(hidden), h2 = 2 * hidden;
        Parallel.forRange(batch, Math.max(1, 2048 / hidden), (from, to) -> {
            for (int b = from; b < to; b++) {
                VectorOpsPlain.add(xg, xo + b * xld, hg, ho + b * hld, act, b * saved, 4 * hidden);
                forwardRow(hidden, act, b * saved, c, co + b * cld, hc, b * h2, hc, b * h2 + hidden);
            }
        });
    }

    /** As {@code LstmCellKernel.forwardRow}. */
    static void forwardRow(int hidden, float[] act, int a, float[] c, int cr, float[] h, int ho, float[] cNew, int cn) {
        int h2 = hidden * 2, h3 = hidden * 3, h4 = hidden * 4;
        GateMathPlain.sigmoid(act, a, h2);
        GateMathPlain.tanh(act, a + h2, hidden);
        GateMathPlain.sigmoid(act, a + h3, hidden);
        for (int j = 0; j < hidden; j++) {
            float cv = act[a + hidden + j] * c[cr + j] + act[a + j] * act[a + h2 + j];
            cNew[cn + j] = cv;
            act[a + h4 + j] = cv;
        }
        GateMathPlain.tanh(act, a + h4, hidden);
        VectorOpsPlain.mul(act, a + h3, act, a + h4, h, ho, hidden);
    }

    /** As {@link LstmCellKernel#backward}. */
    public static void backward(
            int batch, int hidden, float[] dhc, float[] act, float[] c, int co, int cld, float[] dGates, float[] dc) {
        int saved = savedPerRow(hidden), h2 = hidden * 2, h4 = hidden * 4;
        Parallel.forRange(batch, Math.max(1, 2048 / hidden), (from, to) -> {
            for (int b = from; b < to; b++)
                backwardRow(
                        hidden,
                        dhc,
                        b * h2,
                        dhc,
                        b * h2 + hidden,
                        act,
                        b * saved,
                        c,
                        co + b * cld,
                        dGates,
                        b * h4,
                        dc,
                        b * hidden);
        });
    }

    /** As {@code LstmCellKernel.backwardRow}. */
    static void backwardRow(
            int hidden,
            float[] dh,
            int dho,
            float[] dcIn,
            int dci,
            float[] act,
            int a,
            float[] c,
            int cr,
            float[] dGates,
            int d,
            float[] dc,
            int dco) {
        int h2 = hidden * 2, h3 = hidden * 3, h4 = hidden * 4;
        for (int j = 0; j < hidden; j++) {
            float i = act[a + j],
                    f = act[a + hidden + j],
                    g = act[a + h2 + j],
                    o = act[a + h3 + j],
                    tc = act[a + h4 + j];
            float dhv = dh[dho + j];
            float dcNew = dcIn[dci + j] + dhv * o * (1f - tc * tc);
            dGates[d + j] = GateMathPlain.flush(dcNew * g * (i * (1f - i)));
            dGates[d + hidden + j] = GateMathPlain.flush(dcNew * c[cr + j] * (f * (1f - f)));
            dGates[d + h2 + j] = GateMathPlain.flush(dcNew * i * (1f - g * g));
            dGates[d + h3 + j] = GateMathPlain.flush(dhv * tc * (o * (1f - o)));
            if (dc != null) dc[dco + j] = GateMathPlain.flush(dcNew * f);
        }
    }
}
