package dev.myelin.nn.rnn;

import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Outputs;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/** One GRU step, as {@code nn.GRUCell}: gates r, z, n fused in one pass forward and backward ({@link CellOps#gru}). */
public class GRUCell extends CellBase {
    /** The registered module type: {@code {"type":"GRUCell","inputSize":10,"hiddenSize":20}} in architecture JSON. */
    public static final ModuleType<GRUCell> TYPE = ModuleType.of(
            GRUCell.class,
            List.of(INPUT_SIZE, HIDDEN_SIZE, BIAS),
            (a, gen) -> new GRUCell(a.get(INPUT_SIZE), a.get(HIDDEN_SIZE), a.get(BIAS), gen),
            a -> stateShapes(CellKind.GRU, a.get(INPUT_SIZE), a.get(HIDDEN_SIZE), a.get(BIAS)));

    /**
     * A cell as {@code nn.GRUCell(input_size, hidden_size, bias)}; weights and biases initialized U(−1/√H, 1/√H), as
     * PyTorch's.
     *
     * @param inputSize the number of input features, positive
     * @param hiddenSize the hidden state size H, positive
     * @param bias whether the cell has the biases {@code bias_ih}, {@code bias_hh} (PyTorch's default is true)
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive or gen is null
     */
    public GRUCell(int inputSize, int hiddenSize, boolean bias, Generator gen) {
        super(CellKind.GRU, inputSize, hiddenSize, bias, gen);
    }

    /**
     * A cell with biases, as {@code nn.GRUCell(input_size, hidden_size)}; initialized U(−1/√H, 1/√H).
     *
     * @param inputSize the number of input features, positive
     * @param hiddenSize the hidden state size H, positive
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive or gen is null
     */
    public GRUCell(int inputSize, int hiddenSize, Generator gen) {
        this(inputSize, hiddenSize, true, gen);
    }

    /** From a zero state. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /**
     * One step: x [B, in] (or [in]); h [B, H] (or [H]), null for zeros; returns the next h.
     *
     * @param x the input [B, in] or [in]
     * @param h the hidden state [B, H] or [H], or null for zeros
     * @return the next hidden state, shaped as h
     * @throws dev.myelin.tensor.ShapeMismatchException if x or h has the wrong shape
     */
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
