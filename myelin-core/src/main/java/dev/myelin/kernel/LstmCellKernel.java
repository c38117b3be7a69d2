package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One LSTM step's gate nonlinearities and cell update fused into one vectorized pass over the rows, forward
 * and backward, as {@code nn.LSTM}: the pre-activations are the sum of the input and hidden projections in
 * PyTorch's gate order i, f, g, o, and {@code c' = f·c + i·g}, {@code h' = o·tanh(c')}.
 *
 * <p>Every input matrix is row-major with its own leading dimension, so time steps of a [B, T, 4H] projection
 * and the halves of a packed [B, 2H] (h, c) state are read in place. Rows are split over the {@link Parallel}
 * pool; each row is computed by one thread in a fixed order, so results do not depend on the thread count.
 * Sigmoid and tanh come from {@link GateMath} (deterministic, about 1 ulp).
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
    public static void forward(int batch, int hidden, float[] xg, int xo, int xld, float[] hg, int ho, int hld,
                               float[] c, int co, int cld, float[] act, float[] hc) {
        int saved = savedPerRow(hidden), h2 = hidden * 2, h3 = hidden * 3, h4 = hidden * 4, ub = S.loopBound(hidden);
        Parallel.forRange(batch, minRows(hidden), (from, to) -> {
            for (int b = from; b < to; b++) {
                int a = b * saved, o = b * h2, cr = co + b * cld;
                VectorOps.add(xg, xo + b * xld, hg, ho + b * hld, act, a, h4); // pre-activations i, f, g, o
                GateMath.sigmoid(act, a, h2);
                GateMath.tanh(act, a + h2, hidden);
                GateMath.sigmoid(act, a + h3, hidden);
                int j = 0;
                for (; j < ub; j += S.length()) { // c' = f·c + i·g
                    FloatVector cNew = load(act, a + hidden + j).mul(load(c, cr + j)).add(load(act, a + j).mul(load(act, a + h2 + j)));
                    cNew.intoArray(hc, o + hidden + j);
                    cNew.intoArray(act, a + h4 + j);
                }
                for (; j < hidden; j++) {
                    float cNew = act[a + hidden + j] * c[cr + j] + act[a + j] * act[a + h2 + j];
                    hc[o + hidden + j] = cNew;
                    act[a + h4 + j] = cNew;
                }
                GateMath.tanh(act, a + h4, hidden);
                VectorOps.mul(act, a + h3, act, a + h4, hc, o, hidden); // h' = o·tanh(c')
            }
        });
    }

    /**
     * Backward: from the gradients of (h', c') in dhc [batch, 2H] (compact), the saved act and the previous c,
     * writes the pre-activation gradient to dGates [batch, 4H] and, if dc is not null, the gradient of the
     * previous c to dc [batch, H] (both compact).
     */
    public static void backward(int batch, int hidden, float[] dhc, float[] act, float[] c, int co, int cld,
                                float[] dGates, float[] dc) {
        int saved = savedPerRow(hidden), h2 = hidden * 2, h3 = hidden * 3, h4 = hidden * 4, ub = S.loopBound(hidden);
        Parallel.forRange(batch, minRows(hidden), (from, to) -> {
            for (int b = from; b < to; b++) {
                int a = b * saved, s = b * h2, cr = co + b * cld, d = b * h4;
                int j = 0;
                for (; j < ub; j += S.length()) {
                    FloatVector i = load(act, a + j), f = load(act, a + hidden + j), g = load(act, a + h2 + j);
                    FloatVector o = load(act, a + h3 + j), tc = load(act, a + h4 + j), dh = load(dhc, s + j);
                    FloatVector dcNew = load(dhc, s + hidden + j).add(dh.mul(o).mul(tc.mul(tc).neg().add(1f)));
                    dcNew.mul(g).mul(i.mul(i.neg().add(1f))).intoArray(dGates, d + j);
                    dcNew.mul(load(c, cr + j)).mul(f.mul(f.neg().add(1f))).intoArray(dGates, d + hidden + j);
                    dcNew.mul(i).mul(g.mul(g).neg().add(1f)).intoArray(dGates, d + h2 + j);
                    dh.mul(tc).mul(o.mul(o.neg().add(1f))).intoArray(dGates, d + h3 + j);
                    if (dc != null) dcNew.mul(f).intoArray(dc, b * hidden + j);
                }
                for (; j < hidden; j++) {
                    float i = act[a + j], f = act[a + hidden + j], g = act[a + h2 + j], o = act[a + h3 + j], tc = act[a + h4 + j];
                    float dh = dhc[s + j];
                    float dcNew = dhc[s + hidden + j] + dh * o * (1f - tc * tc);
                    dGates[d + j] = dcNew * g * (i * (1f - i));
                    dGates[d + hidden + j] = dcNew * c[cr + j] * (f * (1f - f));
                    dGates[d + h2 + j] = dcNew * i * (1f - g * g);
                    dGates[d + h3 + j] = dh * tc * (o * (1f - o));
                    if (dc != null) dc[b * hidden + j] = dcNew * f;
                }
            }
        });
    }

    static FloatVector load(float[] a, int offset) {
        return FloatVector.fromArray(S, a, offset);
    }

    /** Rows per chunk so that a chunk is worth handing to another thread. */
    static int minRows(int hidden) {
        return Math.max(1, 2048 / hidden);
    }
}
