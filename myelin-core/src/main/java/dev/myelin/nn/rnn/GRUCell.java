package dev.myelin.nn.rnn;

import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Outputs;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/** One GRU step, as {@code nn.GRUCell}: gates r, z, n fused in one pass forward and backward ({@link CellOps#gru}). */
public class GRUCell extends CellBase {
    /** {@code {"type":"GRUCell","inputSize":10,"hiddenSize":20}}. */
    public static final ModuleType<GRUCell> TYPE = ModuleType.of(
            GRUCell.class,
            List.of(INPUT_SIZE, HIDDEN_SIZE, BIAS),
            (a, gen) -> new GRUCell(a.get(INPUT_SIZE), a.get(HIDDEN_SIZE), a.get(BIAS), gen),
            a -> stateShapes(CellKind.GRU, a.get(INPUT_SIZE), a.get(HIDDEN_SIZE), a.get(BIAS)));

    public GRUCell(int inputSize, int hiddenSize, boolean bias, Generator gen) {
        super(CellKind.GRU, inputSize, hiddenSize, bias, gen);
    }

    public GRUCell(int inputSize, int hiddenSize, Generator gen) {
        this(inputSize, hiddenSize, true, gen);
    }

    /** From a zero state. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /** x [B, in] (or [in]); h [B, H] (or [H]), null for zeros; returns the next h. */
    public Tensor forward(Tensor x, Tensor h) {
        return step(x, h, null)[0];
    }

    /** Inputs (input, h), h optional (null); output h. */
    @Override
    public Outputs call(Tensor... inputs) {
        checkInputs(inputs, 1, "input", "h");
        return Outputs.named(List.of("h"), List.of(forward(inputs[0], RecurrentBase.optional(inputs, 1))));
    }
}
