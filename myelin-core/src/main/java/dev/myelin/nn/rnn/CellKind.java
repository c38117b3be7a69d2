package dev.myelin.nn.rnn;

import dev.myelin.kernel.Recurrence;
import dev.myelin.nn.F;
import dev.myelin.tensor.Tensor;

/** The four recurrences of PyTorch's RNNBase ({@code mode}): how many gate blocks they project to, and one step. */
enum CellKind {
    RNN_TANH(Recurrence.RNN_TANH),
    RNN_RELU(Recurrence.RNN_RELU),
    LSTM(Recurrence.LSTM),
    GRU(Recurrence.GRU);

    final int gates;
    /** The same recurrence on the kernels, for whole sequences. */
    final Recurrence recurrence;

    CellKind(Recurrence recurrence) {
        this.gates = recurrence.gates;
        this.recurrence = recurrence;
    }

    /** The layer's name in messages: RNN, LSTM or GRU. */
    String layerName() {
        return this == RNN_TANH || this == RNN_RELU ? "RNN" : name();
    }

    /**
     * The rows of the gate weights, gates·hiddenSize; refused (one line, naming the layer) when they do not fit an
     * int, as a model file with hiddenSize 537913851 tried (the product wrapped to a negative size).
     */
    int gateRows(String layer, int hiddenSize) {
        long rows = (long) gates * hiddenSize;
        if (rows > Integer.MAX_VALUE)
            throw new IllegalArgumentException(layer + ": hiddenSize " + hiddenSize + " is too large: " + gates
                    + " gate(s) x hiddenSize = " + rows + " rows exceed 2^31-1");
        return (int) rows;
    }

    /**
     * One step from the input projection xg [B, gates·H] (bias included) and the previous state (h, and c for
     * an LSTM, else null): returns {h', c'} (c' null but for an LSTM).
     */
    Tensor[] step(Tensor xg, Tensor h, Tensor c, Tensor weightHh, Tensor biasHh) {
        Tensor hg = F.linear(h, weightHh, biasHh);
        return switch (this) {
            case RNN_TANH -> new Tensor[] {F.tanh(xg.add(hg)), null};
            case RNN_RELU -> new Tensor[] {F.relu(xg.add(hg)), null};
            case GRU -> new Tensor[] {CellOps.gru(xg, hg, h), null};
            case LSTM -> {
                int hidden = h.size(1);
                Tensor hc = CellOps.lstm(xg, hg, c);
                yield new Tensor[] {hc.narrow(1, 0, hidden), hc.narrow(1, hidden, hidden)};
            }
        };
    }

    /** PyTorch's nonlinearity name for an RNN ("tanh" or "relu"). */
    static CellKind rnn(String nonlinearity) {
        return switch (nonlinearity) {
            case "tanh" -> RNN_TANH;
            case "relu" -> RNN_RELU;
            default ->
                throw new IllegalArgumentException(
                        "RNN: unknown nonlinearity '" + nonlinearity + "'; use \"tanh\" or \"relu\"");
        };
    }

    String nonlinearity() {
        return this == RNN_RELU ? "relu" : "tanh";
    }
}
