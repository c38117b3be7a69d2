package dev.myelin.nn.rnn;

import dev.myelin.nn.Arg;
import dev.myelin.nn.F;
import dev.myelin.nn.Init;
import dev.myelin.nn.Module;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * What {@link RNNCell}, {@link LSTMCell} and {@link GRUCell} share, as PyTorch's {@code RNNCellBase}: the
 * parameters {@code weight_ih} [G·H, in], {@code weight_hh} [G·H, H], {@code bias_ih}, {@code bias_hh} [G·H],
 * initialized U(−1/√H, 1/√H), and one step on a batch [B, in] or one unbatched input [in].
 */
public abstract class CellBase extends Module {
    static final Arg<CellBase, Integer> INPUT_SIZE = Arg.positiveInt("inputSize", CellBase::inputSize);
    static final Arg<CellBase, Integer> HIDDEN_SIZE = Arg.positiveInt("hiddenSize", CellBase::hiddenSize);
    static final Arg<CellBase, Boolean> BIAS = Arg.bool("bias", true, CellBase::bias);

    private final CellKind kind;
    private final int inputSize, hiddenSize;
    private final boolean bias;

    CellBase(CellKind kind, int inputSize, int hiddenSize, boolean bias, Generator gen) {
        if (inputSize <= 0 || hiddenSize <= 0)
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": inputSize and hiddenSize must be positive, got " + inputSize + " and " + hiddenSize);
        if (gen == null)
            throw new IllegalArgumentException(
                    getClass().getSimpleName() + ": generator is null; pass the run's seeded Generator");
        this.kind = kind;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.bias = bias;
        stateShapes(kind, inputSize, hiddenSize, bias)
                .asMap()
                .forEach((n, shape) -> registerParameter(n, new Parameter(Tensor.zeros(shape))));
        double bound = 1 / Math.sqrt(hiddenSize);
        for (Parameter p : parameters()) Init.uniform(p, -bound, bound, gen);
    }

    static StateShapes stateShapes(CellKind kind, int inputSize, int hiddenSize, boolean bias) {
        int g = kind.gateRows(kind.layerName() + "Cell", hiddenSize);
        return new StateShapes()
                .add("weight_ih", g, inputSize)
                .add("weight_hh", g, hiddenSize)
                .addIf(bias, "bias_ih", g)
                .addIf(bias, "bias_hh", g);
    }

    /** {@return the number of input features} */
    public int inputSize() {
        return inputSize;
    }

    /** {@return the hidden state size H} */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** {@return whether the cell has the biases {@code bias_ih}, {@code bias_hh}} */
    public boolean bias() {
        return bias;
    }

    CellKind kind() {
        return kind;
    }

    /**
     * One step from x [B, in] or [in] and the states (h, and c for an LSTM cell; null for zeros), each [B, H]
     * or [H]: returns {h', c'} shaped as the input (c' null but for an LSTM cell).
     */
    Tensor[] step(Tensor x, Tensor h, Tensor c) {
        String name = getClass().getSimpleName();
        if (x == null) throw new IllegalArgumentException(name + ": input is null");
        if (x.dim() != 1 && x.dim() != 2)
            throw new ShapeMismatchException(
                    name + ": input must be 2-D [batch, inputSize] or 1-D [inputSize], got " + Shapes.str(x.shape()));
        if (x.size(-1) != inputSize)
            throw new ShapeMismatchException(name + ": input has " + x.size(-1) + " features, expected inputSize="
                    + inputSize + " (input shape " + Shapes.str(x.shape()) + ")");
        boolean unbatched = x.dim() == 1;
        int[] stateShape = unbatched ? new int[] {hiddenSize} : new int[] {x.size(0), hiddenSize};
        h = state(name, "h", h, stateShape);
        c = kind == CellKind.LSTM ? state(name, "c", c, stateShape) : null;
        if (unbatched) {
            x = x.unsqueeze(0);
            h = h.unsqueeze(0);
            c = c == null ? null : c.unsqueeze(0);
        }
        Tensor xg = F.linear(x, parameter("weight_ih"), bias ? parameter("bias_ih") : null);
        Tensor[] next = kind.step(xg, h, c, parameter("weight_hh"), bias ? parameter("bias_hh") : null);
        if (unbatched) for (int i = 0; i < 2; i++) next[i] = next[i] == null ? null : next[i].squeeze(0);
        return next;
    }

    private static Tensor state(String name, String what, Tensor s, int[] shape) {
        if (s == null) return Tensor.zeros(shape);
        if (!java.util.Arrays.equals(s.shape(), shape))
            throw new ShapeMismatchException(name + ": " + what + " must be " + Shapes.str(shape)
                    + " for this input, got " + Shapes.str(s.shape()));
        return s;
    }

    @Override
    protected String extraRepr() {
        return inputSize + ", " + hiddenSize + (bias ? "" : ", bias=False");
    }
}
