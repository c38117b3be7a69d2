package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One LSTM step's gate nonlinearities and cell update fused into one vectorized pass over a row, forward
 * and backward, as {@code nn.LSTM}: the pre-activations are the sum of the input and hidden projections in
 * PyTorch's gate order i, f, g, o, and {@code c' = f·c + i·g}, {@code h' = o·tanh(c')}.
 *
 * <p>The row functions read and write each operand at its own offset, so time steps of a [B, T, 4H]
 * projection, the halves of a packed [B, 2H] (h, c) state and the rows of a whole sequence's buffers
 * ({@link RecurrentSequence}) are used in place. The batch functions split rows over the {@link Parallel}
 * pool; each row is computed by one thread in a fixed order, so results do not depend on the thread count.
 * Sigmoid and tanh come from {@link GateMath} (deterministic, about 1 ulp). Vector loads are written out
 * ({@code FloatVector.fromArray}) rather than through a helper: a helper C2 had compiled on its own was not
 * always inlined, and then every vector it returned was boxed.
 */
public final class LstmCellKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Floats per row that {@link #forward} saves for {@link #backward}: i, f, g, o and tanh(c'), each H wide. */
    public static int savedPerRow(int hidden) {
        return 5 * hidden;
    }

    private LstmCellKernel() {}

    /**
     * Forward of {@code batch} rows of width {@code hidden}: reads xg, hg [batch, 4H] and c [batch, H]; writes
     * what backward needs to act [batch, {@link #savedPerRow}] and (h', c') to hc [batch, 2H] (both compact).
     */
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
        Parallel.forRange(batch, minRows(hidden), (from, to) -> {
            for (int b = from; b < to; b++) {
                VectorOps.add(
                        xg, xo + b * xld, hg, ho + b * hld, act, b * saved, 4 * hidden); // pre-activations i, f, g, o
                forwardRow(hidden, act, b * saved, c, co + b * cld, hc, b * h2, hc, b * h2 + hidden);
            }
        });
    }

    /**
     * One row, in place: from the pre-activations i, f, g, o in act[a..] (4H) and c[cr..] (H), leaves the gates
     * and tanh(c') in act[a..] (5H, what backward needs) and writes h' to h[ho..] and c' to cNew[cn..].
     */
    static void forwardRow(int hidden, float[] act, int a, float[] c, int cr, float[] h, int ho, float[] cNew, int cn) {
        int h2 = hidden * 2, h3 = hidden * 3, h4 = hidden * 4;
        GateMath.sigmoid(act, a, h2);
        GateMath.tanh(act, a + h2, hidden);
        GateMath.sigmoid(act, a + h3, hidden);
        cellUpdate(hidden, act, a, c, cr, cNew, cn);
        GateMath.tanh(act, a + h4, hidden);
        VectorOps.mul(act, a + h3, act, a + h4, h, ho, hidden); // h' = o·tanh(c')
    }

    /**
     * c' = f·c + i·g from the activated gates in act[a..], to cNew[cn..] and to act's tanh(c') slot (activated
     * next). Its own method: inlined into forwardRow after the gate functions, its vector loads were boxed.
     */
    private static void cellUpdate(int hidden, float[] act, int a, float[] c, int cr, float[] cNew, int cn) {
        int h2 = hidden * 2, h4 = hidden * 4, ub = S.loopBound(hidden);
        int j = 0;
        for (; j < ub; j += S.length()) {
            FloatVector cv = FloatVector.fromArray(S, act, a + hidden + j)
                    .mul(FloatVector.fromArray(S, c, cr + j))
                    .add(FloatVector.fromArray(S, act, a + j).mul(FloatVector.fromArray(S, act, a + h2 + j)));
            cv.intoArray(cNew, cn + j);
            cv.intoArray(act, a + h4 + j);
        }
        for (; j < hidden; j++) {
            float cv = act[a + hidden + j] * c[cr + j] + act[a + j] * act[a + h2 + j];
            cNew[cn + j] = cv;
            act[a + h4 + j] = cv;
        }
    }

    /**
     * Backward: from the gradients of (h', c') in dhc [batch, 2H] (compact), the saved act and the previous c,
     * writes the pre-activation gradient to dGates [batch, 4H] and, if dc is not null, the gradient of the
     * previous c to dc [batch, H] (both compact).
     */
    public static void backward(
            int batch, int hidden, float[] dhc, float[] act, float[] c, int co, int cld, float[] dGates, float[] dc) {
        int saved = savedPerRow(hidden), h2 = hidden * 2, h4 = hidden * 4;
        Parallel.forRange(batch, minRows(hidden), (from, to) -> {
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

    /**
     * One row: from dh[dho..] and dcIn[dci..] (the gradients of h' and c'), the saved act[a..] and the previous
     * c[cr..], writes the pre-activation gradient to dGates[d..] (4H) and, if dc is not null, the previous c's
     * gradient to dc[dco..] (which may be dcIn itself: each element is read before it is written). Results below
     * {@link GateMath#TINY} are written as zero ({@link GateMath#flush}).
     */
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
        int h2 = hidden * 2, h3 = hidden * 3, h4 = hidden * 4, ub = S.loopBound(hidden);
        int j = 0;
        for (; j < ub; j += S.length()) {
            FloatVector i = FloatVector.fromArray(S, act, a + j),
                    f = FloatVector.fromArray(S, act, a + hidden + j),
                    g = FloatVector.fromArray(S, act, a + h2 + j);
            FloatVector o = FloatVector.fromArray(S, act, a + h3 + j),
                    tc = FloatVector.fromArray(S, act, a + h4 + j),
                    dhv = FloatVector.fromArray(S, dh, dho + j);
            FloatVector dcNew = FloatVector.fromArray(S, dcIn, dci + j)
                    .add(dhv.mul(o).mul(tc.mul(tc).neg().add(1f)));
            FloatVector di = dcNew.mul(g).mul(i.mul(i.neg().add(1f)));
            FloatVector df = dcNew.mul(FloatVector.fromArray(S, c, cr + j))
                    .mul(f.mul(f.neg().add(1f)));
            FloatVector dg = dcNew.mul(i).mul(g.mul(g).neg().add(1f));
            FloatVector dO = dhv.mul(tc).mul(o.mul(o.neg().add(1f)));
            // tiny gradients (a long sequence's vanishing gradient) flushed to zero: see GateMath.flush
            di.blend(0f, di.abs().lt(GateMath.TINY)).intoArray(dGates, d + j);
            df.blend(0f, df.abs().lt(GateMath.TINY)).intoArray(dGates, d + hidden + j);
            dg.blend(0f, dg.abs().lt(GateMath.TINY)).intoArray(dGates, d + h2 + j);
            dO.blend(0f, dO.abs().lt(GateMath.TINY)).intoArray(dGates, d + h3 + j);
            if (dc != null) {
                FloatVector dcPrev = dcNew.mul(f);
                dcPrev.blend(0f, dcPrev.abs().lt(GateMath.TINY)).intoArray(dc, dco + j);
            }
        }
        for (; j < hidden; j++) {
            float i = act[a + j],
                    f = act[a + hidden + j],
                    g = act[a + h2 + j],
                    o = act[a + h3 + j],
                    tc = act[a + h4 + j];
            float dhv = dh[dho + j];
            float dcNew = dcIn[dci + j] + dhv * o * (1f - tc * tc);
            dGates[d + j] = GateMath.flush(dcNew * g * (i * (1f - i)));
            dGates[d + hidden + j] = GateMath.flush(dcNew * c[cr + j] * (f * (1f - f)));
            dGates[d + h2 + j] = GateMath.flush(dcNew * i * (1f - g * g));
            dGates[d + h3 + j] = GateMath.flush(dhv * tc * (o * (1f - o)));
            if (dc != null) dc[dco + j] = GateMath.flush(dcNew * f);
        }
    }

    /** Rows per chunk so that a chunk is worth handing to another thread. */
    static int minRows(int hidden) {
        return Math.max(1, 2048 / hidden);
    }
}
