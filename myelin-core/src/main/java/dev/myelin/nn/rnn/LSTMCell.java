package dev.myelin.nn.rnn;

import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Outputs;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * One LSTM step, as {@code nn.LSTMCell}: gates i, f, g, o fused in one pass forward and backward
 * ({@link CellOps#lstm}).
 */
public class LSTMCell extends CellBase {
    /** The registered module type: {@code {"type":"LSTMCell","inputSize":10,"hiddenSize":20}} in architecture JSON. */
    public static final ModuleType<LSTMCell> TYPE = ModuleType.of(
            LSTMCell.class,
            List.of(INPUT_SIZE, HIDDEN_SIZE, BIAS),
            (a, gen) -> new LSTMCell(a.get(INPUT_SIZE), a.get(HIDDEN_SIZE), a.get(BIAS), gen),
            a -> stateShapes(CellKind.LSTM, a.get(INPUT_SIZE), a.get(HIDDEN_SIZE), a.get(BIAS)));

    /**
     * A cell as {@code nn.LSTMCell(input_size, hidden_size, bias)}; weights and biases initialized U(−1/√H, 1/√H), as
     * PyTorch's.
     *
     * @param inputSize the number of input features, positive
     * @param hiddenSize the hidden state size H, positive
     * @param bias whether the cell has the biases {@code bias_ih}, {@code bias_hh} (PyTorch's default is true)
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive or gen is null
     */
    public LSTMCell(int inputSize, int hiddenSize, boolean bias, Generator gen) {
        super(CellKind.LSTM, inputSize, hiddenSize, bias, gen);
    }

    /**
     * A cell with biases, as {@code nn.LSTMCell(input_size, hidden_size)}; initialized U(−1/√H, 1/√H).
     *
     * @param inputSize the number of input features, positive
     * @param hiddenSize the hidden state size H, positive
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive or gen is null
     */
    public LSTMCell(int inputSize, int hiddenSize, Generator gen) {
        this(inputSize, hiddenSize, true, gen);
    }

    /**
     * One step: x [B, in] (or [in]); h, c [B, H] (or [H]), null for zeros; returns the next (h, c).
     *
     * @param x the input [B, in] or [in]
     * @param h the hidden state [B, H] or [H], or null for zeros
     * @param c the cell state [B, H] or [H], or null for zeros
     * @return the next hidden and cell states, shaped as h
     * @throws dev.myelin.tensor.ShapeMismatchException if x, h or c has the wrong shape
     */
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
