package dev.myelin.kernel;

/**
 * The recurrent cells {@link RecurrentSequence} runs, as PyTorch's RNNBase modes: how many gate blocks of H
 * the projections have, and how many floats per row a step saves for backward.
 */
public enum Recurrence {
    /** {@code h' = tanh(xg + hg)}; saves h'. */
    RNN_TANH(1),
    /** {@code h' = relu(xg + hg)}; saves h'. */
    RNN_RELU(1),
    /** {@link LstmCellKernel}: gates i, f, g, o; saves them and tanh(c'). */
    LSTM(4),
    /** {@link GruCellKernel}: gates r, z, n; saves them and hg_n. */
    GRU(3);

    /** Gate blocks of H in the input and hidden projections. */
    public final int gates;

    Recurrence(int gates) {
        this.gates = gates;
    }

    /** Floats per row and step kept from forward for backward. */
    public int savedPerRow(int hidden) {
        return switch (this) {
            case LSTM -> Simd.ENABLED ? LstmCellKernel.savedPerRow(hidden) : LstmCellKernelPlain.savedPerRow(hidden);
            case GRU -> Simd.ENABLED ? GruCellKernel.savedPerRow(hidden) : GruCellKernelPlain.savedPerRow(hidden);
            case RNN_TANH, RNN_RELU -> hidden;
        };
    }
}
