package dev.myelin.cli;

/**
 * The size of a recurrent built-in ({@code --model rnn|lstm|gru}): hidden units per direction, stacked layers,
 * one or two directions, dropout between layers (PyTorch's {@code hidden_size}, {@code num_layers},
 * {@code bidirectional}, {@code dropout}).
 */
record RecurrentShape(int hidden, int layers, boolean bidirectional, double dropout) {
    /** One layer of 128 units, one direction: the built-ins' default. */
    static final RecurrentShape DEFAULT = new RecurrentShape(128, 1, false, 0);

    int directions() {
        return bidirectional ? 2 : 1;
    }
}
