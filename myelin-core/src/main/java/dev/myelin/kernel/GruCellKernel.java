package dev.myelin.kernel;

/**
 * One GRU step's gates and state update fused into one pass over the rows, forward and backward, as
 * {@code nn.GRU}: with the input projection xg and the hidden projection hg (biases included) in PyTorch's
 * gate order r, z, n, {@code r = σ(xg_r + hg_r)}, {@code z = σ(xg_z + hg_z)}, {@code n = tanh(xg_n + r·hg_n)},
 * {@code h' = (1 − z)·n + z·h}.
 *
 * <p>Layout, threading and determinism as {@link LstmCellKernel}.
 */
public final class GruCellKernel {
    private GruCellKernel() {}

    /**
     * Forward: reads xg, hg [batch, 3H] and h [batch, H]; writes h' to out [batch, H] (compact) and r, z, n
     * and hg_n to act [batch, 4H] (compact, kept for backward).
     */
    public static void forward(int batch, int hidden, float[] xg, int xo, int xld, float[] hg, int ho, int hld,
                               float[] h, int hOff, int hld2, float[] act, float[] out) {
        Parallel.forRange(batch, LstmCellKernel.minRows(hidden), (from, to) -> {
            for (int b = from; b < to; b++) {
                int x = xo + b * xld, hh = ho + b * hld, hr = hOff + b * hld2, a = b * 4 * hidden;
                for (int j = 0; j < hidden; j++) {
                    float r = LstmCellKernel.sigmoid(xg[x + j] + hg[hh + j]);
                    float z = LstmCellKernel.sigmoid(xg[x + hidden + j] + hg[hh + hidden + j]);
                    float hn = hg[hh + 2 * hidden + j];
                    float n = (float) Math.tanh(xg[x + 2 * hidden + j] + r * hn);
                    act[a + j] = r;
                    act[a + hidden + j] = z;
                    act[a + 2 * hidden + j] = n;
                    act[a + 3 * hidden + j] = hn;
                    out[b * hidden + j] = (1f - z) * n + z * h[hr + j];
                }
            }
        });
    }

    /**
     * Backward: from dOut [batch, H] (compact), the saved act and the previous h, writes the gradients of the
     * input projection dxg [batch, 3H], of the hidden projection dhg [batch, 3H] and, if dh is not null, of the
     * previous h directly through z, dh [batch, H] (all compact).
     */
    public static void backward(int batch, int hidden, float[] dOut, float[] act, float[] h, int hOff, int hld,
                                float[] dxg, float[] dhg, float[] dh) {
        Parallel.forRange(batch, LstmCellKernel.minRows(hidden), (from, to) -> {
            for (int b = from; b < to; b++) {
                int a = b * 4 * hidden, g = b * 3 * hidden, hr = hOff + b * hld;
                for (int j = 0; j < hidden; j++) {
                    float r = act[a + j], z = act[a + hidden + j], n = act[a + 2 * hidden + j], hn = act[a + 3 * hidden + j];
                    float d = dOut[b * hidden + j];
                    float dn = d * (1f - z) * (1f - n * n);
                    float dz = d * (h[hr + j] - n) * z * (1f - z);
                    float dr = dn * hn * r * (1f - r);
                    dxg[g + j] = dr;
                    dxg[g + hidden + j] = dz;
                    dxg[g + 2 * hidden + j] = dn;
                    dhg[g + j] = dr;
                    dhg[g + hidden + j] = dz;
                    dhg[g + 2 * hidden + j] = dn * r;
                    if (dh != null) dh[b * hidden + j] = d * z;
                }
            }
        });
    }
}
