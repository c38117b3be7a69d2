package dev.myelin.nn.rnn;

import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Outputs;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * Multi-layer gated recurrent unit, as {@code nn.GRU}: per step, with gates in PyTorch's order r, z, n,
 * {@code n = tanh(W_in·x + b_in + r·(W_hn·h + b_hn))}, {@code h' = (1 − z)·n + z·h}. Options, parameter names
 * and shapes, initialization, dropout between layers, directions and variable lengths: see {@link RecurrentBase}.
 */
public class GRU extends RecurrentBase {
    /** {@code {"type":"GRU","inputSize":28,"hiddenSize":128}}. */
    public static final ModuleType<GRU> TYPE = ModuleType.of(
            GRU.class,
            List.of(INPUT_SIZE, HIDDEN_SIZE, NUM_LAYERS, BIAS, BATCH_FIRST, DROPOUT, BIDIRECTIONAL),
            (a, gen) -> new GRU(
                    a.get(INPUT_SIZE),
                    a.get(HIDDEN_SIZE),
                    a.get(NUM_LAYERS),
                    a.get(BIAS),
                    a.get(BATCH_FIRST),
                    a.get(DROPOUT),
                    a.get(BIDIRECTIONAL),
                    gen),
            a -> stateShapes(
                    CellKind.GRU,
                    a.get(INPUT_SIZE),
                    a.get(HIDDEN_SIZE),
                    a.get(NUM_LAYERS),
                    a.get(BIAS),
                    a.get(BIDIRECTIONAL)));

    public GRU(
            int inputSize,
            int hiddenSize,
            int numLayers,
            boolean bias,
            boolean batchFirst,
            double dropout,
            boolean bidirectional,
            Generator gen) {
        super(CellKind.GRU, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, gen);
    }

    /** One layer, bias, sequence first, one direction. */
    public GRU(int inputSize, int hiddenSize, Generator gen) {
        this(inputSize, hiddenSize, 1, true, false, 0, false, gen);
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
        return Outputs.of(forward(inputs[0], optional(inputs, 1), Lengths.fromTensor("GRU", optional(inputs, 2))));
    }
}
