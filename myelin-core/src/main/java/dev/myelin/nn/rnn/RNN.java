package dev.myelin.nn.rnn;

import dev.myelin.nn.Arg;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Outputs;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * Multi-layer Elman RNN, as {@code nn.RNN}: per step {@code h' = act(W_ih·x + b_ih + W_hh·h + b_hh)} with act
 * tanh or relu ({@code nonlinearity}). Options, parameter names and shapes, initialization, dropout between
 * layers, directions and variable lengths: see {@link RecurrentBase}.
 */
public class RNN extends RecurrentBase {
    private static final Arg<RNN, String> NONLINEARITY =
            Arg.named("nonlinearity", "tanh", s -> CellKind.rnn(s).nonlinearity(), s -> s, RNN::nonlinearity);
    /** The registered module type: {@code {"type":"RNN","inputSize":10,"hiddenSize":20,"nonlinearity":"relu"}}. */
    public static final ModuleType<RNN> TYPE = ModuleType.of(
            RNN.class,
            List.of(INPUT_SIZE, HIDDEN_SIZE, NUM_LAYERS, NONLINEARITY, BIAS, BATCH_FIRST, DROPOUT, BIDIRECTIONAL),
            (a, gen) -> new RNN(
                    a.get(INPUT_SIZE),
                    a.get(HIDDEN_SIZE),
                    a.get(NUM_LAYERS),
                    a.get(NONLINEARITY),
                    a.get(BIAS),
                    a.get(BATCH_FIRST),
                    a.get(DROPOUT),
                    a.get(BIDIRECTIONAL),
                    gen),
            a -> stateShapes(
                    CellKind.RNN_TANH,
                    a.get(INPUT_SIZE),
                    a.get(HIDDEN_SIZE),
                    a.get(NUM_LAYERS),
                    a.get(BIAS),
                    a.get(BIDIRECTIONAL)));

    /**
     * A multi-layer RNN with every option of {@code nn.RNN}; every weight and bias is initialized U(−1/√H, 1/√H), as
     * PyTorch's.
     *
     * @param inputSize the number of features per step, positive
     * @param hiddenSize the hidden state size H, positive
     * @param numLayers the number of stacked layers (PyTorch's default is 1)
     * @param nonlinearity "tanh" or "relu" (PyTorch's default is "tanh")
     * @param bias whether the layers have the biases {@code bias_ih_l{k}}, {@code bias_hh_l{k}} (PyTorch's default
     *     is true)
     * @param batchFirst whether input and output are [B, T, ·] instead of [T, B, ·] (PyTorch's default is false)
     * @param dropout the dropout probability on each layer's output except the last, in [0, 1] (PyTorch's default is 0)
     * @param bidirectional whether each layer also runs backwards, D = 2 (PyTorch's default is false)
     * @param gen the run's seeded generator: initialization and the dropout between layers draw from it
     * @throws IllegalArgumentException if a size is not positive, dropout is outside [0, 1] or gen is null, or
     *     nonlinearity is neither tanh nor relu
     */
    public RNN(
            int inputSize,
            int hiddenSize,
            int numLayers,
            String nonlinearity,
            boolean bias,
            boolean batchFirst,
            double dropout,
            boolean bidirectional,
            Generator gen) {
        super(
                CellKind.rnn(nonlinearity),
                inputSize,
                hiddenSize,
                numLayers,
                bias,
                batchFirst,
                dropout,
                bidirectional,
                gen);
    }

    /**
     * One tanh layer with biases, sequence first, one direction, no dropout: {@code nn.RNN(input_size, hidden_size)};
     * weights and biases initialized U(−1/√H, 1/√H).
     *
     * @param inputSize the number of features per step, positive
     * @param hiddenSize the hidden state size H, positive
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive or gen is null
     */
    public RNN(int inputSize, int hiddenSize, Generator gen) {
        this(inputSize, hiddenSize, 1, "tanh", true, false, 0, false, gen);
    }

    /** {@return the nonlinearity, "tanh" or "relu"} */
    public String nonlinearity() {
        return kind().nonlinearity();
    }

    /**
     * Runs the layers over a sequence, as {@code rnn(x, h0)}: x [T, B, in] ([B, T, in] batch first, [T, in]
     * unbatched); h0 [numLayers·D, B, H] or null for zeros;
     * lengths (one per sequence, in [1, T]) or null when every sequence fills all T steps. With lengths, a
     * sequence's final state is the one after its last step and its outputs past it are zero, as with
     * {@code pack_padded_sequence}.
     *
     * @param x the input sequence
     * @param h0 the initial hidden state [numLayers·D, B, H] ([numLayers·D, H] unbatched), or null for zeros
     * @param lengths each sequence's length, or null for all T
     * @return the output [T, B, D·H] ([B, T, D·H] batch first) and the final state h [numLayers·D, B, H]
     * @throws dev.myelin.tensor.ShapeMismatchException if x or h0 has the wrong shape (both shapes named)
     * @throws IllegalArgumentException if x is null or a length is outside [1, T]
     */
    public RnnOutput forward(Tensor x, Tensor h0, int[] lengths) {
        Tensor[] r = run(x, h0, null, lengths);
        return new RnnOutput(r[0], r[1]);
    }

    /** Inputs (input, h0, lengths), all but input optional (null); outputs output, h. */
    @Override
    public Outputs call(Tensor... inputs) {
        checkInputs(inputs, 1, "input", "h0", "lengths");
        return Outputs.of(forward(inputs[0], optional(inputs, 1), Lengths.fromTensor("RNN", optional(inputs, 2))));
    }
}
