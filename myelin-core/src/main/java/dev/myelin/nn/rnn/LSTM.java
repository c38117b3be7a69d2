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
    /** {@code {"type":"LSTM","inputSize":28,"hiddenSize":128,"numLayers":1,"batchFirst":true}}. */
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

    /** One layer, bias, sequence first, one direction. */
    public LSTM(int inputSize, int hiddenSize, Generator gen) {
        this(inputSize, hiddenSize, 1, true, false, 0, false, gen);
    }

    /** From zero initial states. */
    public LstmOutput forward(Tensor x, int[] lengths) {
        return forward(x, null, null, lengths);
    }

    /**
     * x [T, B, in] ([B, T, in] batch first, [T, in] unbatched); h0, c0 [numLayers·D, B, H] or null for zeros;
     * lengths (one per sequence, in [1, T]) or null when every sequence fills all T steps.
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
