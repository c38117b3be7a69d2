package dev.myelin.nn.rnn;

import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Outputs;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/** One LSTM step, as {@code nn.LSTMCell}: gates i, f, g, o fused in one pass forward and backward ({@link CellOps#lstm}). */
public class LSTMCell extends CellBase {
    /** {@code {"type":"LSTMCell","inputSize":10,"hiddenSize":20}}. */
    public static final ModuleType<LSTMCell> TYPE = ModuleType.of(
            LSTMCell.class,
            List.of(INPUT_SIZE, HIDDEN_SIZE, BIAS),
            (a, gen) -> new LSTMCell(a.get(INPUT_SIZE), a.get(HIDDEN_SIZE), a.get(BIAS), gen),
            a -> stateShapes(CellKind.LSTM, a.get(INPUT_SIZE), a.get(HIDDEN_SIZE), a.get(BIAS)));

    public LSTMCell(int inputSize, int hiddenSize, boolean bias, Generator gen) {
        super(CellKind.LSTM, inputSize, hiddenSize, bias, gen);
    }

    public LSTMCell(int inputSize, int hiddenSize, Generator gen) {
        this(inputSize, hiddenSize, true, gen);
    }

    /** x [B, in] (or [in]); h, c [B, H] (or [H]), null for zeros; returns the next (h, c). */
    public LstmState forward(Tensor x, Tensor h, Tensor c) {
        Tensor[] r = step(x, h, c);
        return new LstmState(r[0], r[1]);
    }

    /** Inputs (input, h, c), the states optional (null); outputs h, c. */
    @Override
    public Outputs call(Tensor... inputs) {
        checkInputs(inputs, 1, "input", "h", "c");
        return Outputs.of(forward(inputs[0], RecurrentBase.optional(inputs, 1), RecurrentBase.optional(inputs, 2)));
    }
}
