package dev.myelin.kernel;

/**
 * One Elman RNN step on a row, forward and backward, as {@code nn.RNN}: {@code h' = tanh(xg + hg)} or
 * {@code relu(xg + hg)}, with the input and hidden projections xg, hg (biases included). Saves h' for backward.
 */
final class RnnCellKernel {
    private RnnCellKernel() {}

    /** One row: h' from xg[x..] and hg[hh..] (H each), saved to act[a..] and written to out[o..]. */
    static void forwardRow(boolean relu, int hidden, float[] xg, int x, float[] hg, int hh, float[] act, int a, float[] out, int o) {
        VectorOps.add(xg, x, hg, hh, act, a, hidden);
        if (relu) VectorOps.relu(act, a, act, a, hidden);
        else GateMath.tanh(act, a, hidden);
        System.arraycopy(act, a, out, o, hidden);
    }

    /**
     * One row: the pre-activation's gradient dPre[d..] from h''s gradient dOut[o..] and the saved h' act[a..]:
     * dOut·(1 − h'²) for tanh, dOut where h' &gt; 0 for relu (0 at 0, as PyTorch).
     */
    static void backwardRow(boolean relu, int hidden, float[] dOut, int o, float[] act, int a, float[] dPre, int d) {
        if (relu) VectorOps.reluBackward(act, a, dOut, o, dPre, d, hidden);
        else VectorOps.tanhBackward(act, a, dOut, o, dPre, d, hidden);
    }
}
