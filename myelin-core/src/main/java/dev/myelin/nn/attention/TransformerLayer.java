package dev.myelin.nn.attention;

import dev.myelin.nn.Activation;
import dev.myelin.nn.Arg;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.LayerNorm;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.Repr;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * What the encoder and decoder layers share: their settings (PyTorch's constructor arguments), the feed-forward
 * block {@code linear2(dropout(activation(linear1(x))))} and the input check. Subclasses register their attention
 * blocks first, then {@link #registerFeedForward}, then their norms and dropouts, in PyTorch's order.
 */
public abstract class TransformerLayer extends Module {
    static final Arg<TransformerLayer, Integer> D_MODEL = Arg.positiveInt("dModel", TransformerLayer::dModel);
    static final Arg<TransformerLayer, Integer> NHEAD = Arg.positiveInt("nhead", TransformerLayer::nhead);
    static final Arg<TransformerLayer, Integer> DIM_FEEDFORWARD =
            Arg.positiveInt("dimFeedforward", 2048, TransformerLayer::dimFeedforward);
    static final Arg<TransformerLayer, Double> DROPOUT = Arg.number("dropout", 0.1, TransformerLayer::dropout);
    static final Arg<TransformerLayer, Activation> ACTIVATION = Arg.named(
            "activation",
            Activation.RELU,
            TransformerLayer::activationOf,
            Activation::key,
            TransformerLayer::activation);
    static final Arg<TransformerLayer, Double> LAYER_NORM_EPS =
            Arg.number("layerNormEps", 1e-5, TransformerLayer::layerNormEps);
    static final Arg<TransformerLayer, Boolean> BATCH_FIRST =
            Arg.bool("batchFirst", false, TransformerLayer::batchFirst);
    static final Arg<TransformerLayer, Boolean> NORM_FIRST = Arg.bool("normFirst", false, TransformerLayer::normFirst);

    private final int dModel, nhead, dimFeedforward;
    private final double dropout, layerNormEps;
    private final Activation activation;
    private final boolean batchFirst, normFirst;
    /** The run's generator: initialization and every dropout of the layer draw from it. */
    protected final Generator gen;

    private Linear linear1, linear2;
    private Dropout dropoutFf;

    /**
     * Checks and keeps the settings; the subclass then registers its blocks.
     *
     * @param layer          the layer's name in messages
     * @param dModel         d_model, the width of the inputs and outputs, {@code > 0}
     * @param nhead          the attention heads, dividing dModel
     * @param dimFeedforward the feed-forward block's hidden width, {@code > 0} (PyTorch's default 2048)
     * @param dropout        the dropout probability of every dropout in the layer, in [0, 1] (default 0.1)
     * @param activation     the feed-forward activation, {@link Activation#RELU} (default) or
     *     {@link Activation#GELU}
     * @param layerNormEps   the layer norms' eps, {@code > 0} (default 1e-5)
     * @param batchFirst     whether inputs are [N, L, E] instead of [L, N, E] (default false)
     * @param normFirst      whether each block normalizes its input (pre-norm) instead of its residual sum
     *     (post-norm, the default)
     * @param gen            the run's seeded generator, for the initialization and every dropout
     * @throws IllegalArgumentException naming the layer, if a setting is out of range or {@code gen} is null
     */
    protected TransformerLayer(
            String layer,
            int dModel,
            int nhead,
            int dimFeedforward,
            double dropout,
            Activation activation,
            double layerNormEps,
            boolean batchFirst,
            boolean normFirst,
            Generator gen) {
        if (dModel <= 0 || nhead <= 0 || dimFeedforward <= 0)
            throw new IllegalArgumentException(layer + ": dModel, nhead and dimFeedforward must be positive, got "
                    + dModel + ", " + nhead + ", " + dimFeedforward);
        if (dModel % nhead != 0)
            throw new IllegalArgumentException(layer + ": dModel " + dModel + " must be divisible by nhead " + nhead
                    + " (each head gets dModel/nhead features)");
        if (activation != Activation.RELU && activation != Activation.GELU)
            throw new IllegalArgumentException(layer + ": activation must be relu or gelu, got " + activation.key());
        if (!(layerNormEps > 0))
            throw new IllegalArgumentException(layer + ": layerNormEps must be positive, got " + layerNormEps);
        if (!(dropout >= 0 && dropout <= 1))
            throw new IllegalArgumentException(layer + ": dropout must be in [0, 1], got " + dropout);
        if (gen == null)
            throw new IllegalArgumentException(layer + ": generator is null; pass the run's seeded Generator");
        this.dModel = dModel;
        this.nhead = nhead;
        this.dimFeedforward = dimFeedforward;
        this.dropout = dropout;
        this.activation = activation;
        this.layerNormEps = layerNormEps;
        this.batchFirst = batchFirst;
        this.normFirst = normFirst;
        this.gen = gen;
    }

    static Activation activationOf(String name) {
        Activation a = Activation.fromName(name);
        if (a != Activation.RELU && a != Activation.GELU)
            throw new IllegalArgumentException("activation must be relu or gelu, got " + name);
        return a;
    }

    /** linear1, dropout, linear2, registered under PyTorch's names. */
    protected final void registerFeedForward() {
        linear1 = registerModule("linear1", new Linear(dModel, dimFeedforward, gen));
        dropoutFf = registerModule("dropout", new Dropout(dropout, gen));
        linear2 = registerModule("linear2", new Linear(dimFeedforward, dModel, gen));
    }

    /** {@return a new attention block with this layer's width, heads, dropout and layout, as PyTorch's layers build} */
    protected final MultiheadAttention newAttention() {
        return new MultiheadAttention(dModel, nhead, dropout, true, null, null, batchFirst, gen);
    }

    /** {@return a new layer norm over dModel with this layer's eps} */
    protected final LayerNorm newNorm() {
        return new LayerNorm(new int[] {dModel}, layerNormEps, true);
    }

    /**
     * The feed-forward block, before the residual's dropout.
     *
     * @param x [..., dModel]
     * @return linear2(dropout(activation(linear1(x)))), [..., dModel]
     */
    protected final Tensor feedForward(Tensor x) {
        return linear2.forward(dropoutFf.forward(activation.apply(linear1.forward(x))));
    }

    /**
     * Fails unless x is [L, N, dModel] / [N, L, dModel] or unbatched [L, dModel].
     *
     * @param what the input's name in the message, e.g. {@code "src"}
     * @param x    the input
     * @throws ShapeMismatchException naming the layer, the input and its shape
     */
    protected final void checkInput(String what, Tensor x) {
        if ((x.dim() != 3 && x.dim() != 2) || x.size(-1) != dModel)
            throw new ShapeMismatchException(typeName() + ": " + what + " has shape " + Shapes.str(x.shape())
                    + " but must be " + (batchFirst ? "[N, L, " : "[L, N, ") + dModel + "] or [L, " + dModel
                    + "] (dModel " + dModel + ")");
    }

    /** The feed-forward and norm part of a layer's state (after its attention blocks). */
    static StateShapes feedForwardShapes(StateShapes s, int dModel, int ff, int norms) {
        s.addAll("linear1", new StateShapes().add("weight", ff, dModel).add("bias", ff));
        s.addAll("linear2", new StateShapes().add("weight", dModel, ff).add("bias", dModel));
        for (int i = 1; i <= norms; i++)
            s.addAll("norm" + i, new StateShapes().add("weight", dModel).add("bias", dModel));
        return s;
    }

    static AttentionMask additive(Tensor t) {
        return t == null ? null : AttentionMask.additive(t);
    }

    static AttentionMask block(Tensor t) {
        return t == null ? null : AttentionMask.block(t);
    }

    static Tensor optional(Tensor[] inputs, int i) {
        return i < inputs.length ? inputs[i] : null;
    }

    /** {@return d_model, the width of the inputs and outputs} */
    public int dModel() {
        return dModel;
    }

    /** {@return the number of attention heads} */
    public int nhead() {
        return nhead;
    }

    /** {@return the feed-forward block's hidden width} */
    public int dimFeedforward() {
        return dimFeedforward;
    }

    /** {@return the dropout probability used throughout the layer} */
    public double dropout() {
        return dropout;
    }

    /** {@return the feed-forward activation, relu or gelu} */
    public Activation activation() {
        return activation;
    }

    /** {@return the layer norms' eps} */
    public double layerNormEps() {
        return layerNormEps;
    }

    /** {@return whether inputs are [N, L, E]} */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** {@return whether the layer is pre-norm (norm first)} */
    public boolean normFirst() {
        return normFirst;
    }

    /** {@return the run's generator, which the layer's initialization and dropouts draw from} */
    public Generator generator() {
        return gen;
    }

    /**
     * {@return a new layer with the same settings and a copy of this one's parameters (PyTorch's deepcopy when
     * stacking layers)}
     */
    public abstract TransformerLayer copy();

    @Override
    protected String extraRepr() {
        return "";
    }

    static String fmt(double v) {
        return Repr.pyFloat(v);
    }
}
