package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One Elman RNN step on a row, forward and backward, as {@code nn.RNN}: {@code h' = tanh(xg + hg)} or
 * {@code relu(xg + hg)}, from the sum of the input and hidden projections (biases included). Saves h' for backward.
 */
final class RnnCellKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private RnnCellKernel() {}

    /** One row, in place: h' = act(act[a..]) from the pre-activation (H), saved there and written to out[o..]. */
    static void forwardRow(boolean relu, int hidden, float[] act, int a, float[] out, int o) {
        if (relu) VectorOps.relu(act, a, act, a, hidden);
        else GateMath.tanh(act, a, hidden);
        System.arraycopy(act, a, out, o, hidden);
    }

    /**
     * One row: the pre-activation's gradient dPre[d..] from h''s gradient dOut[o..] and the saved h' act[a..]:
     * dOut·(1 − h'²) for tanh, dOut where h' &gt; 0 for relu (0 at 0, as PyTorch); results below TINY as zero
     * ({@link GateMath#flush}). dPre may be act itself at a.
     */
    static void backwardRow(boolean relu, int hidden, float[] dOut, int o, float[] act, int a, float[] dPre, int d) {
        int j = 0;
        for (int ub = S.loopBound(hidden); j < ub; j += S.length()) {
            FloatVector y = FloatVector.fromArray(S, act, a + j), g = FloatVector.fromArray(S, dOut, o + j);
            FloatVector dp = relu
                    ? g.blend(0f, y.compare(VectorOperators.GT, 0f).not())
                    : g.mul(y.mul(y).neg().add(1f));
            dp.blend(0f, dp.abs().lt(GateMath.TINY)).intoArray(dPre, d + j);
        }
        for (; j < hidden; j++) {
            float y = act[a + j], g = dOut[o + j];
            dPre[d + j] = GateMath.flush(relu ? (y > 0f ? g : 0f) : g * (1f - y * y));
        }
    }
}
