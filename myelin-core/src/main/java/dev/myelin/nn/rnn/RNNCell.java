package dev.myelin.nn.rnn;

import dev.myelin.nn.Arg;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Outputs;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/** One Elman RNN step, as {@code nn.RNNCell}: {@code h' = act(W_ih·x + b_ih + W_hh·h + b_hh)}, act tanh or relu. */
public class RNNCell extends CellBase {
    private static final Arg<RNNCell, String> NONLINEARITY =
            Arg.named("nonlinearity", "tanh", s -> CellKind.rnn(s).nonlinearity(), s -> s, RNNCell::nonlinearity);
    /** The registered module type: {@code {"type":"RNNCell","inputSize":10,"hiddenSize":20,"nonlinearity":"tanh"}}. */
    public static final ModuleType<RNNCell> TYPE = ModuleType.of(
            RNNCell.class,
            List.of(INPUT_SIZE, HIDDEN_SIZE, BIAS, NONLINEARITY),
            (a, gen) -> new RNNCell(a.get(INPUT_SIZE), a.get(HIDDEN_SIZE), a.get(BIAS), a.get(NONLINEARITY), gen),
            a -> stateShapes(CellKind.RNN_TANH, a.get(INPUT_SIZE), a.get(HIDDEN_SIZE), a.get(BIAS)));

    /**
     * An RNN cell, as {@code nn.RNNCell(input_size, hidden_size, bias, nonlinearity)}; weights and biases
     * initialized U(−1/√H, 1/√H), as PyTorch's.
     *
     * @param inputSize the number of input features, positive
     * @param hiddenSize the hidden state size H, positive
     * @param bias whether the cell has the biases {@code bias_ih}, {@code bias_hh} (PyTorch's default is true)
     * @param nonlinearity "tanh" or "relu" (PyTorch's default is "tanh")
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive or gen is null, or nonlinearity is neither tanh nor
     *     relu
     */
    public RNNCell(int inputSize, int hiddenSize, boolean bias, String nonlinearity, Generator gen) {
        super(CellKind.rnn(nonlinearity), inputSize, hiddenSize, bias, gen);
    }

    /**
     * A tanh RNN cell with biases, as {@code nn.RNNCell(input_size, hidden_size)}; initialized U(−1/√H, 1/√H).
     *
     * @param inputSize the number of input features, positive
     * @param hiddenSize the hidden state size H, positive
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive or gen is null
     */
    public RNNCell(int inputSize, int hiddenSize, Generator gen) {
        this(inputSize, hiddenSize, true, "tanh", gen);
    }

    /** {@return the nonlinearity, "tanh" or "relu"} */
    public String nonlinearity() {
        return kind().nonlinearity();
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

    @Override
    protected String extraRepr() {
        return super.extraRepr() + (kind() == CellKind.RNN_RELU ? ", nonlinearity=relu" : "");
    }
}
