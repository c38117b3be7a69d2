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
    /** {@code {"type":"RNN","inputSize":10,"hiddenSize":20,"nonlinearity":"relu"}}. */
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

    /** @param nonlinearity "tanh" or "relu" */
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

    /** One tanh layer, bias, sequence first, one direction. */
    public RNN(int inputSize, int hiddenSize, Generator gen) {
        this(inputSize, hiddenSize, 1, "tanh", true, false, 0, false, gen);
    }

    public String nonlinearity() {
        return kind().nonlinearity();
    }

    /**
     * x [T, B, in] ([B, T, in] batch first, [T, in] unbatched); h0 [numLayers·D, B, H] or null for zeros;
     * lengths (one per sequence, in [1, T]) or null when every sequence fills all T steps.
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
