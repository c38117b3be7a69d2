package dev.myelin.nn.rnn;

import dev.myelin.nn.Arg;
import dev.myelin.nn.F;
import dev.myelin.nn.Init;
import dev.myelin.nn.Module;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.Repr;
import dev.myelin.nn.StateShapes;
import dev.myelin.nn.Stochastic;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link RNN}, {@link LSTM} and {@link GRU} share, as PyTorch's {@code RNNBase}: the options, the
 * parameters {@code weight_ih_l{k}[_reverse]} [G·H, in], {@code weight_hh_l{k}[_reverse]} [G·H, H] and the
 * biases {@code bias_ih_l{k}}, {@code bias_hh_l{k}} [G·H], all initialized U(−1/√H, 1/√H), and the loop over
 * layers and directions. Each layer and direction runs as one op over the whole sequence ({@link SequenceOp}):
 * the input projections of all its steps as one GEMM, then the recurrence.
 */
public abstract class RecurrentBase extends Module implements Stochastic {
    static final Arg<RecurrentBase, Integer> INPUT_SIZE = Arg.positiveInt("inputSize", RecurrentBase::inputSize);
    static final Arg<RecurrentBase, Integer> HIDDEN_SIZE = Arg.positiveInt("hiddenSize", RecurrentBase::hiddenSize);
    static final Arg<RecurrentBase, Integer> NUM_LAYERS = Arg.positiveInt("numLayers", 1, RecurrentBase::numLayers);
    static final Arg<RecurrentBase, Boolean> BIAS = Arg.bool("bias", true, RecurrentBase::bias);
    static final Arg<RecurrentBase, Boolean> BATCH_FIRST = Arg.bool("batchFirst", false, RecurrentBase::batchFirst);
    static final Arg<RecurrentBase, Double> DROPOUT = Arg.number("dropout", 0.0, RecurrentBase::dropout);
    static final Arg<RecurrentBase, Boolean> BIDIRECTIONAL =
            Arg.bool("bidirectional", false, RecurrentBase::bidirectional);

    private final CellKind kind;
    private final int inputSize, hiddenSize, numLayers;
    private final boolean bias, batchFirst, bidirectional;
    private final double dropout;
    private final Generator gen;

    RecurrentBase(
            CellKind kind,
            int inputSize,
            int hiddenSize,
            int numLayers,
            boolean bias,
            boolean batchFirst,
            double dropout,
            boolean bidirectional,
            Generator gen) {
        String name = getClass().getSimpleName();
        if (inputSize <= 0 || hiddenSize <= 0 || numLayers <= 0)
            throw new IllegalArgumentException(name + ": inputSize, hiddenSize and numLayers must be positive, got "
                    + inputSize + ", " + hiddenSize + " and " + numLayers);
        if (!(dropout >= 0 && dropout <= 1))
            throw new IllegalArgumentException(name + ": dropout must be a probability in [0, 1], got " + dropout);
        if (gen == null)
            throw new IllegalArgumentException(name + ": generator is null; pass the run's seeded Generator");
        this.kind = kind;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.bias = bias;
        this.batchFirst = batchFirst;
        this.dropout = dropout;
        this.bidirectional = bidirectional;
        this.gen = gen;
        stateShapes(kind, inputSize, hiddenSize, numLayers, bias, bidirectional)
                .asMap()
                .forEach((n, shape) -> registerParameter(n, new Parameter(Tensor.zeros(shape))));
        double bound = 1 / Math.sqrt(hiddenSize);
        for (Parameter p : parameters()) Init.uniform(p, -bound, bound, gen);
    }

    /** The generator of the dropout between layers. */
    @Override
    public Generator generator() {
        return gen;
    }

    /** The parameters in PyTorch's order: per layer, per direction, weight_ih, weight_hh, bias_ih, bias_hh. */
    static StateShapes stateShapes(
            CellKind kind, int inputSize, int hiddenSize, int numLayers, boolean bias, boolean bidirectional) {
        StateShapes s = new StateShapes();
        int g = kind.gateRows(kind.layerName(), hiddenSize), dirs = bidirectional ? 2 : 1;
        if (bidirectional && hiddenSize > Integer.MAX_VALUE / 2)
            throw new IllegalArgumentException(
                    kind.layerName() + ": hiddenSize " + hiddenSize + " is too large for a bidirectional layer");
        for (int layer = 0; layer < numLayers; layer++)
            for (int d = 0; d < dirs; d++) {
                String sfx = suffix(layer, d);
                s.add("weight_ih" + sfx, g, layer == 0 ? inputSize : dirs * hiddenSize)
                        .add("weight_hh" + sfx, g, hiddenSize)
                        .addIf(bias, "bias_ih" + sfx, g)
                        .addIf(bias, "bias_hh" + sfx, g);
            }
        return s;
    }

    private static String suffix(int layer, int direction) {
        return "_l" + layer + (direction == 1 ? "_reverse" : "");
    }

    /** {@return the number of features per step} */
    public int inputSize() {
        return inputSize;
    }

    /** {@return the hidden state size H} */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** {@return the number of stacked layers} */
    public int numLayers() {
        return numLayers;
    }

    /** {@return whether the layers have biases} */
    public boolean bias() {
        return bias;
    }

    /** {@return whether input and output are [B, T, ·] instead of [T, B, ·]} */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** {@return the dropout probability between layers} */
    public double dropout() {
        return dropout;
    }

    /** {@return whether each layer also runs backwards (D = 2)} */
    public boolean bidirectional() {
        return bidirectional;
    }

    CellKind kind() {
        return kind;
    }

    /**
     * Runs the layers over x [T, B, in] ([B, T, in] batch first; [T, in] unbatched) from the initial states h0
     * (and c0 for an LSTM) [numLayers·D, B, H], zeros if null. With lengths, each sequence b stops after
     * lengths[b] steps: its final states come from that step (the reverse direction starts there) and its
     * outputs past it are zero, as with {@code pack_padded_sequence} and {@code pad_packed_sequence(...,
     * total_length=T)}. Returns {output, h_n, c_n} (c_n null but for an LSTM).
     */
    Tensor[] run(Tensor x, Tensor h0, Tensor c0, int[] lengths) {
        String name = getClass().getSimpleName();
        if (x == null) throw new IllegalArgumentException(name + ": input is null");
        if (x.dim() != 2 && x.dim() != 3)
            throw new ShapeMismatchException(
                    name + ": input must be 3-D " + (batchFirst ? "[batch, seq, feature]" : "[seq, batch, feature]")
                            + " or 2-D unbatched [seq, feature], got " + Shapes.str(x.shape()));
        if (x.size(-1) != inputSize)
            throw new ShapeMismatchException(
                    name + ": input has " + x.size(-1) + " features per step, expected inputSize=" + inputSize
                            + " (input shape " + Shapes.str(x.shape()) + ")");
        boolean unbatched = x.dim() == 2;
        if (unbatched) {
            if (lengths != null) throw new IllegalArgumentException(name + ": lengths need a batched input");
            x = x.unsqueeze(batchFirst ? 0 : 1);
            h0 = h0 == null ? null : checkUnbatchedState(name, "h0", h0).unsqueeze(1);
            c0 = c0 == null ? null : checkUnbatchedState(name, "c0", c0).unsqueeze(1);
        }
        int timeDim = batchFirst ? 1 : 0, steps = x.size(timeDim), batch = x.size(1 - timeDim);
        if (steps == 0)
            throw new ShapeMismatchException(name + ": the input has no time steps, shape " + Shapes.str(x.shape()));
        int dirs = bidirectional ? 2 : 1;
        int[] stateShape = {numLayers * dirs, batch, hiddenSize};
        h0 = h0 == null ? Tensor.zeros(stateShape) : checkState(name, "h0", h0, stateShape);
        if (kind == CellKind.LSTM) c0 = c0 == null ? Tensor.zeros(stateShape) : checkState(name, "c0", c0, stateShape);
        Lengths lens = Lengths.of(name, lengths, batch, steps);

        List<Tensor> hN = new ArrayList<>(), cN = new ArrayList<>();
        Tensor layerInput = x;
        for (int layer = 0; layer < numLayers; layer++) {
            List<Tensor> dirOutputs = new ArrayList<>();
            for (int d = 0; d < dirs; d++) {
                int k = layer * dirs + d;
                Tensor[] r = direction(
                        layerInput,
                        suffix(layer, d),
                        d == 1,
                        h0.select(0, k),
                        c0 == null ? null : c0.select(0, k),
                        lens);
                dirOutputs.add(r[0]);
                hN.add(r[1]);
                if (r[2] != null) cN.add(r[2]);
            }
            layerInput = dirs == 1 ? dirOutputs.getFirst() : Tensor.cat(dirOutputs, 2);
            if (layer < numLayers - 1) layerInput = F.dropout(layerInput, dropout, isTraining(), gen);
        }
        Tensor h = Tensor.stack(hN, 0), c = cN.isEmpty() ? null : Tensor.stack(cN, 0), out = layerInput;
        if (unbatched) {
            out = out.squeeze(batchFirst ? 0 : 1);
            h = h.squeeze(1);
            c = c == null ? null : c.squeeze(1);
        }
        return new Tensor[] {out, h, c};
    }

    /** One direction of one layer: {outputs [.., H] in the input's layout, final h, final c}. */
    private Tensor[] direction(Tensor input, String sfx, boolean reverse, Tensor h, Tensor c, Lengths lengths) {
        return SequenceOp.run(
                kind,
                input,
                parameter("weight_ih" + sfx),
                bias ? parameter("bias_ih" + sfx) : null,
                parameter("weight_hh" + sfx),
                bias ? parameter("bias_hh" + sfx) : null,
                h,
                c,
                lengths,
                batchFirst,
                reverse);
    }

    /** The i-th of the inputs given to {@code call}, or null if fewer were given. */
    static Tensor optional(Tensor[] inputs, int i) {
        return i < inputs.length ? inputs[i] : null;
    }

    private static Tensor checkState(String name, String what, Tensor s, int[] shape) {
        if (!Arrays.equals(s.shape(), shape))
            throw new ShapeMismatchException(
                    name + ": " + what + " must be [numLayers*numDirections, batch, hiddenSize] = " + Shapes.str(shape)
                            + ", got " + Shapes.str(s.shape()));
        return s;
    }

    private Tensor checkUnbatchedState(String name, String what, Tensor s) {
        if (s.dim() != 2)
            throw new ShapeMismatchException(name + ": for an unbatched input " + what
                    + " must be 2-D [numLayers*numDirections, hiddenSize], got " + Shapes.str(s.shape()));
        return s;
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inputSize).append(", ").append(hiddenSize);
        if (numLayers != 1) s.append(", num_layers=").append(numLayers);
        if (!bias) s.append(", bias=False");
        if (batchFirst) s.append(", batch_first=True");
        if (dropout != 0) s.append(", dropout=").append(Repr.pyFloat(dropout));
        if (bidirectional) s.append(", bidirectional=True");
        return s.toString();
    }
}
