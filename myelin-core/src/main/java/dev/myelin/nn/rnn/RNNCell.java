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
    /** {@code {"type":"RNNCell","inputSize":10,"hiddenSize":20,"nonlinearity":"tanh"}}. */
    public static final ModuleType<RNNCell> TYPE = ModuleType.of(
            RNNCell.class,
            List.of(INPUT_SIZE, HIDDEN_SIZE, BIAS, NONLINEARITY),
            (a, gen) -> new RNNCell(a.get(INPUT_SIZE), a.get(HIDDEN_SIZE), a.get(BIAS), a.get(NONLINEARITY), gen),
            a -> stateShapes(CellKind.RNN_TANH, a.get(INPUT_SIZE), a.get(HIDDEN_SIZE), a.get(BIAS)));

    /** @param nonlinearity "tanh" or "relu" */
    public RNNCell(int inputSize, int hiddenSize, boolean bias, String nonlinearity, Generator gen) {
        super(CellKind.rnn(nonlinearity), inputSize, hiddenSize, bias, gen);
    }

    public RNNCell(int inputSize, int hiddenSize, Generator gen) {
        this(inputSize, hiddenSize, true, "tanh", gen);
    }

    public String nonlinearity() {
        return kind().nonlinearity();
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

    @Override
    protected String extraRepr() {
        return super.extraRepr() + (kind() == CellKind.RNN_RELU ? ", nonlinearity=relu" : "");
    }
}
