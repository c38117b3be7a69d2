package dev.myelin.nn.rnn;

import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Outputs;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * Multi-layer long short-term memory, as {@code nn.LSTM}: per step, with gates in PyTorch's order i, f, g, o,
 * {@code c' = σ(f)·c + σ(i)·tanh(g)}, {@code h' = σ(o)·tanh(c')}. Options, parameter names and shapes,
 * initialization, dropout between layers, directions and variable lengths: see {@link RecurrentBase}.
 */
public class LSTM extends RecurrentBase {
    /**
     * The registered module type in architecture JSON, e.g.
     * {@code {"type":"LSTM","inputSize":28,"hiddenSize":128,"numLayers":1,"batchFirst":true}}.
     */
    public static final ModuleType<LSTM> TYPE = ModuleType.of(
            LSTM.class,
            List.of(INPUT_SIZE, HIDDEN_SIZE, NUM_LAYERS, BIAS, BATCH_FIRST, DROPOUT, BIDIRECTIONAL),
            (a, gen) -> new LSTM(
                    a.get(INPUT_SIZE),
                    a.get(HIDDEN_SIZE),
                    a.get(NUM_LAYERS),
                    a.get(BIAS),
                    a.get(BATCH_FIRST),
                    a.get(DROPOUT),
                    a.get(BIDIRECTIONAL),
                    gen),
            a -> stateShapes(
                    CellKind.LSTM,
                    a.get(INPUT_SIZE),
                    a.get(HIDDEN_SIZE),
                    a.get(NUM_LAYERS),
                    a.get(BIAS),
                    a.get(BIDIRECTIONAL)));

    /**
     * A multi-layer LSTM with every option of {@code nn.LSTM} but {@code proj_size}; every weight and bias is
     * initialized U(−1/√H, 1/√H), as PyTorch's.
     *
     * @param inputSize the number of features per step, positive
     * @param hiddenSize the hidden state size H, positive
     * @param numLayers the number of stacked layers (PyTorch's default is 1)
     * @param bias whether the layers have the biases {@code bias_ih_l{k}}, {@code bias_hh_l{k}} (PyTorch's default
     *     is true)
     * @param batchFirst whether input and output are [B, T, ·] instead of [T, B, ·] (PyTorch's default is false)
     * @param dropout the dropout probability on each layer's output except the last, in [0, 1] (PyTorch's default is 0)
     * @param bidirectional whether each layer also runs backwards, D = 2 (PyTorch's default is false)
     * @param gen the run's seeded generator: initialization and the dropout between layers draw from it
     * @throws IllegalArgumentException if a size is not positive, dropout is outside [0, 1] or gen is null
     */
    public LSTM(
            int inputSize,
            int hiddenSize,
            int numLayers,
            boolean bias,
            boolean batchFirst,
            double dropout,
            boolean bidirectional,
            Generator gen) {
        super(CellKind.LSTM, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, gen);
    }

    /**
     * One layer with biases, sequence first, one direction, no dropout: {@code nn.LSTM(input_size, hidden_size)};
     * weights and biases initialized U(−1/√H, 1/√H).
     *
     * @param inputSize the number of features per step, positive
     * @param hiddenSize the hidden state size H, positive
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive or gen is null
     */
    public LSTM(int inputSize, int hiddenSize, Generator gen) {
        this(inputSize, hiddenSize, 1, true, false, 0, false, gen);
    }

    /**
     * Runs the LSTM from zero initial states; as {@link #forward(Tensor, Tensor, Tensor, int[])} with null h0, c0.
     *
     * @param x the input sequence [T, B, in] ([B, T, in] batch first, [T, in] unbatched)
     * @param lengths each sequence's length in [1, T], or null for all T
     * @return the output and the final states h, c
     * @throws dev.myelin.tensor.ShapeMismatchException if x has the wrong shape
     * @throws IllegalArgumentException if x is null or a length is outside [1, T]
     */
    public LstmOutput forward(Tensor x, int[] lengths) {
        return forward(x, null, null, lengths);
    }

    /**
     * Runs the layers over a sequence, as {@code lstm(x, (h0, c0))}: x [T, B, in] ([B, T, in] batch first, [T, in]
     * unbatched); h0, c0 [numLayers·D, B, H] or null for zeros;
     * lengths (one per sequence, in [1, T]) or null when every sequence fills all T steps. With lengths, a
     * sequence's final states are the ones after its last step and its outputs past it are zero, as with
     * {@code pack_padded_sequence}.
     *
     * <pre>{@code
     * LSTM lstm = new LSTM(28, 128, 1, true, true, 0, false, gen); // batch first
     * LstmOutput out = lstm.forward(x, null, null, null);         // x [B, 28, 28]
     * Tensor last = out.h().select(0, 0);                          // [B, 128]
     * }</pre>
     *
     * @param x the input sequence
     * @param h0 the initial hidden state [numLayers·D, B, H] ([numLayers·D, H] unbatched), or null for zeros
     * @param c0 the initial cell state, shaped as h0, or null for zeros
     * @param lengths each sequence's length, or null for all T
     * @return the output [T, B, D·H] ([B, T, D·H] batch first) and the final states h, c [numLayers·D, B, H]
     * @throws dev.myelin.tensor.ShapeMismatchException if x, h0 or c0 has the wrong shape (both shapes named)
     * @throws IllegalArgumentException if x is null or a length is outside [1, T]
     */
    public LstmOutput forward(Tensor x, Tensor h0, Tensor c0, int[] lengths) {
        Tensor[] r = run(x, h0, c0, lengths);
        return new LstmOutput(r[0], r[1], r[2]);
    }

    /** Inputs (input, h0, c0, lengths), all but input optional (null); outputs output, h, c. */
    @Override
    public Outputs call(Tensor... inputs) {
        checkInputs(inputs, 1, "input", "h0", "c0", "lengths");
        return Outputs.of(forward(
                inputs[0], optional(inputs, 1), optional(inputs, 2), Lengths.fromTensor("LSTM", optional(inputs, 3))));
    }

    static Tensor arg(Tensor[] inputs, int i) {
        return i < inputs.length ? inputs[i] : null;
    }
}
