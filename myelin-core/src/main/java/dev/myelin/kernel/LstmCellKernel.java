package dev.myelin.kernel;

/**
 * One LSTM step's gate nonlinearities and cell update fused into one pass over the rows, forward and
 * backward, as {@code nn.LSTM}: the pre-activations are the sum of the input and hidden projections in
 * PyTorch's gate order i, f, g, o, and {@code c' = f·c + i·g}, {@code h' = o·tanh(c')}.
 *
 * <p>Every matrix is row-major with its own leading dimension, so time steps of a [B, T, 4H] projection and
 * the halves of a packed [B, 2H] (h, c) state are read in place. Rows are split over the {@link Parallel}
 * pool; each row is computed by one thread in a fixed order, so results do not depend on the thread count.
 * The transcendentals are scalar ({@code Math.exp}, {@code Math.tanh}) for the reason given in {@link VectorOps}.
 */
public final class LstmCellKernel {
    private LstmCellKernel() {}

    /**
     * Forward of {@code batch} rows of width {@code hidden}: reads xg, hg [batch, 4H] and c [batch, H]; writes
     * the activated gates (i, f, g, o) to act [batch, 4H] (compact, kept for backward) and (h', c') to
     * hc [batch, 2H] (compact).
     */
    public static void forward(int batch, int hidden, float[] xg, int xo, int xld, float[] hg, int ho, int hld,
                               float[] c, int co, int cld, float[] act, float[] hc) {
        int h4 = 4 * hidden;
        Parallel.forRange(batch, minRows(hidden), (from, to) -> {
            for (int b = from; b < to; b++) {
                int x = xo + b * xld, hh = ho + b * hld, cr = co + b * cld, a = b * h4, o = b * 2 * hidden;
                for (int j = 0; j < hidden; j++) {
                    float i = sigmoid(xg[x + j] + hg[hh + j]);
                    float f = sigmoid(xg[x + hidden + j] + hg[hh + hidden + j]);
                    float g = (float) Math.tanh(xg[x + 2 * hidden + j] + hg[hh + 2 * hidden + j]);
                    float og = sigmoid(xg[x + 3 * hidden + j] + hg[hh + 3 * hidden + j]);
                    float cNew = f * c[cr + j] + i * g;
                    act[a + j] = i;
                    act[a + hidden + j] = f;
                    act[a + 2 * hidden + j] = g;
                    act[a + 3 * hidden + j] = og;
                    hc[o + j] = og * (float) Math.tanh(cNew);
                    hc[o + hidden + j] = cNew;
                }
            }
        });
    }

    /**
     * Backward: from the gradients of (h', c') in dhc [batch, 2H] (compact), the saved act and hc and the
     * previous c, writes the pre-activation gradient to dGates [batch, 4H] and, if dc is not null, the
     * gradient of the previous c to dc [batch, H] (both compact).
     */
    public static void backward(int batch, int hidden, float[] dhc, float[] act, float[] hc, float[] c, int co, int cld,
                                float[] dGates, float[] dc) {
        int h4 = 4 * hidden;
        Parallel.forRange(batch, minRows(hidden), (from, to) -> {
            for (int b = from; b < to; b++) {
                int a = b * h4, s = b * 2 * hidden, cr = co + b * cld;
                for (int j = 0; j < hidden; j++) {
                    float i = act[a + j], f = act[a + hidden + j], g = act[a + 2 * hidden + j], o = act[a + 3 * hidden + j];
                    float tc = (float) Math.tanh(hc[s + hidden + j]);
                    float dh = dhc[s + j];
                    float dcNew = dhc[s + hidden + j] + dh * o * (1f - tc * tc);
                    dGates[a + j] = dcNew * g * i * (1f - i);
                    dGates[a + hidden + j] = dcNew * c[cr + j] * f * (1f - f);
                    dGates[a + 2 * hidden + j] = dcNew * i * (1f - g * g);
                    dGates[a + 3 * hidden + j] = dh * tc * o * (1f - o);
                    if (dc != null) dc[b * hidden + j] = dcNew * f;
                }
            }
        });
    }

    static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }

    /** Rows per chunk so that a chunk is worth handing to another thread. */
    static int minRows(int hidden) {
        return Math.max(1, 2048 / hidden);
    }
}
