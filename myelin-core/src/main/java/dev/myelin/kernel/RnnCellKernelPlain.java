package dev.myelin.kernel;

/** Plain-Java twin of {@link RnnCellKernel} for a JVM without the Vector API module (see {@link Simd}). */
final class RnnCellKernelPlain {

    private RnnCellKernelPlain() {}

    /** As {@code RnnCellKernel.forwardRow}. */
    static void forwardRow(boolean relu, int hidden, float[] act, int a, float[] out, int o) {
        if (relu) VectorOpsPlain.relu(act, a, act, a, hidden);
        else GateMathPlain.tanh(act, a, hidden);
        System.arraycopy(act, a, out, o, hidden);
    }

    /** As {@code RnnCellKernel.backwardRow}. */
    static void backwardRow(boolean relu, int hidden, float[] dOut, int o, float[] act, int a, float[] dPre, int d) {
        for (int j = 0; j < hidden; j++) {
            float y = act[a + j], g = dOut[o + j];
            dPre[d + j] = GateMathPlain.flush(relu ? (y > 0f ? g : 0f) : g * (1f - y * y));
        }
    }
}
