package dev.myelin.nn.graph;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.SelfLoopFill;
import dev.myelin.nn.Arg;
import dev.myelin.nn.Args;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.StateShapes;
import dev.myelin.nn.Stochastic;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

/**
 * What the graph attention layers ({@link GATConv}, {@link GATv2Conv}, {@link TransformerConv}) share besides their
 * scores: the settings PyG gives them (heads, concat, attention dropout, edge_dim; GAT's negative slope, self-loops
 * and fill_value, which TransformerConv leaves at 0 and off), the entry points {@code forward(x, edges[, edgeAttr])}
 * on top of {@link #forwardWithAttention}, and the heads concatenated or averaged (plus the bias, where the layer has
 * one).
 */
public abstract class AttentionConv extends MessagePassing implements Stochastic {
    // The architecture JSON arguments of the attention layers (GATv2Conv adds shareWeights; TransformerConv takes
    // IN, OUT, HEADS, CONCAT, DROPOUT and EDGE_DIM, and its own beta, bias and rootWeight).
    static final Arg<AttentionConv, Integer> IN = Arg.positiveInt("inChannels", c -> c.inChannels);
    static final Arg<AttentionConv, Integer> OUT = Arg.positiveInt("outChannels", c -> c.outChannels);
    static final Arg<AttentionConv, Integer> HEADS = Arg.positiveInt("heads", 1, c -> c.heads);
    static final Arg<AttentionConv, Boolean> CONCAT = Arg.bool("concat", true, c -> c.concat);
    static final Arg<AttentionConv, Double> NEGATIVE_SLOPE = Arg.number("negativeSlope", 0.2, c -> c.negativeSlope);
    static final Arg<AttentionConv, Double> DROPOUT = Arg.number("dropout", 0.0, c -> c.dropout);
    static final Arg<AttentionConv, Boolean> SELF_LOOPS = Arg.bool("addSelfLoops", true, c -> c.addSelfLoops);
    static final Arg<AttentionConv, Integer> EDGE_DIM = Arg.optionalInt("edgeDim", c -> c.edgeDim);
    /** PyG's fill_value: a reduction's name ({@code "mean"}) or a number. */
    static final Arg<AttentionConv, SelfLoopFill> FILL_VALUE = Arg.of(
            "fillValue",
            false,
            SelfLoopFill.MEAN,
            (v, f) -> {
                try {
                    if (v.isTextual()) return SelfLoopFill.of(v.textValue());
                    if (v.isNumber()) return SelfLoopFill.constant(v.doubleValue());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Architecture: field " + f + ": " + e.getMessage(), e);
                }
                throw Arg.invalid(f, "must be mean, add, sum, max, min or a number", v);
            },
            c -> c.fillValue,
            (v, f) -> v.reduce() != null
                    ? JsonNodeFactory.instance.textNode(v.reduce())
                    : JsonNodeFactory.instance.numberNode(v.constant()));

    static final Arg<AttentionConv, Boolean> BIAS = Arg.bool("bias", true, c -> c.hasParameter("bias"));

    final int inChannels, outChannels, heads;
    final boolean concat, addSelfLoops;
    final double negativeSlope, dropout;
    final Integer edgeDim;
    final SelfLoopFill fillValue;
    final Generator gen;

    AttentionConv(
            int inChannels,
            int outChannels,
            int heads,
            boolean concat,
            double negativeSlope,
            double dropout,
            boolean addSelfLoops,
            Integer edgeDim,
            SelfLoopFill fillValue,
            Generator gen) {
        super(Aggregation.ADD);
        String layer = getClass().getSimpleName();
        if (inChannels <= 0 || outChannels <= 0 || heads <= 0)
            throw new IllegalArgumentException(layer + ": in_channels, out_channels and heads must be positive, got "
                    + inChannels + ", " + outChannels + " and " + heads);
        if (!(dropout >= 0 && dropout <= 1))
            throw new IllegalArgumentException(layer + ": dropout must be in [0, 1], got " + dropout);
        if (edgeDim != null && edgeDim <= 0)
            throw new IllegalArgumentException(
                    layer + ": edge_dim must be positive (or null for none), got " + edgeDim);
        if (fillValue == null) throw new IllegalArgumentException(layer + ": fill_value must not be null");
        width(heads, outChannels); // heads·out must be an int: it is the width of every transform
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.heads = heads;
        this.concat = concat;
        this.negativeSlope = negativeSlope;
        this.dropout = dropout;
        this.addSelfLoops = addSelfLoops;
        this.edgeDim = edgeDim;
        this.fillValue = fillValue;
        this.gen = gen;
    }

    /**
     * Node features [N, in] to [N, heads·out] (concat) or [N, out].
     *
     * @param x the node features, [N, in]
     * @param edges the graph's edges over the N nodes
     * @return the new node features, [N, heads·out] or [N, out]
     * @throws dev.myelin.tensor.ShapeMismatchException if x is not [N, F] for the graph's N nodes
     */
    public Tensor forward(Tensor x, EdgeIndex edges) {
        return forwardWithAttention(x, edges, null).out();
    }

    /**
     * Node features [N, in] to [N, heads·out] (concat) or [N, out], the edges' features in the scores, as PyG's
     * {@code forward(x, edge_index, edge_attr)}.
     *
     * @param x the node features, [N, in]
     * @param edges the graph's edges over the N nodes
     * @param edgeAttr the edge features, [E, edgeDim] ([E] when edgeDim is 1), or null to leave them out of the scores
     * @return the new node features, [N, heads·out] or [N, out]
     * @throws dev.myelin.tensor.ShapeMismatchException if x is not [N, F] for the graph's N nodes, or edgeAttr is not
     *     [E, edgeDim]
     * @throws IllegalArgumentException if edgeAttr is given to a layer built without edgeDim
     */
    public Tensor forward(Tensor x, EdgeIndex edges, Tensor edgeAttr) {
        return forwardWithAttention(x, edges, edgeAttr).out();
    }

    /**
     * The forward pass that also returns α per edge and head, as PyG's {@code return_attention_weights=True}.
     *
     * @param x the node features, [N, in]
     * @param edges the graph's edges over the N nodes
     * @param edgeAttr the edge features, [E, edgeDim] ([E] when edgeDim is 1), or null
     * @return the new node features, the edges scored (self-loops included) and their coefficients
     * @throws dev.myelin.tensor.ShapeMismatchException if x or edgeAttr has the wrong shape
     * @throws IllegalArgumentException if edgeAttr is given to a layer built without edgeDim
     */
    public abstract GraphAttentionOutput forwardWithAttention(Tensor x, EdgeIndex edges, Tensor edgeAttr);

    /** x checked against the graph; the edges to score, with their features (see {@link EdgeFeatures}). */
    final EdgeFeatures edgesToScore(Tensor x, EdgeIndex edges, Tensor edgeAttr) {
        checkNodes(edges, x);
        return EdgeFeatures.prepare(typeName(), edges, edgeAttr, edgeDim, addSelfLoops, fillValue);
    }

    /** The per-head output [N, heads, out] as [N, heads·out] (concat) or its mean over heads [N, out], plus the bias. */
    final Tensor combineHeads(Tensor perHead) {
        Tensor out = concat ? perHead.reshape(perHead.size(0), heads * outChannels) : perHead.mean(1);
        return hasParameter("bias") ? out.add(parameter("bias")) : out;
    }

    /** Registers {@code bias}, [heads·out] (concat) or [out], zeros, as PyG. */
    final void registerBias() {
        registerParameter("bias", new Parameter(Tensor.zeros(concat ? heads * outChannels : outChannels)));
    }

    /** A [1, heads, out] attention vector, Glorot-initialized. */
    final Parameter attentionVector(String name) {
        Parameter p = registerParameter(name, new Parameter(Tensor.zeros(1, heads, outChannels)));
        Glorot.init(p, gen);
        return p;
    }

    /** PyG's {@code Linear(in, heads·out, bias, weight_initializer='glorot')}: the bias U(−1/√in, 1/√in). */
    final Linear glorotLinear(String name, int in, boolean bias) {
        Linear l = registerModule(name, new Linear(in, heads * outChannels, bias, gen));
        Glorot.init(l.weight(), gen);
        return l;
    }

    @Override
    protected String edgeValuesName() {
        return "edgeAttr";
    }

    @Override
    protected Tensor forwardOnGraph(Tensor x, EdgeIndex edges, Tensor edgeAttr) {
        return forward(x, edges, edgeAttr);
    }

    /**
     * {@return heads·out, the width of the layer's transforms}
     *
     * @throws IllegalArgumentException if it does not fit an int (checked before any shape is computed from it)
     */
    static int width(int heads, int out) {
        long w = (long) heads * out;
        if (w > Integer.MAX_VALUE)
            throw new IllegalArgumentException("heads · out_channels = " + heads + " · " + out + " = " + w
                    + " is more features than a tensor dimension holds");
        return (int) w;
    }

    /** {@return heads·out from a JSON spec's settings} */
    static int width(Args a) {
        return width(a.get(HEADS), a.get(OUT));
    }

    /** The shapes {@code bias} adds to a state dict, per {@link #BIAS}, {@link #CONCAT}, {@link #HEADS}, {@link #OUT}. */
    static StateShapes biasShape(Args a, StateShapes s) {
        return s.addIf(a.get(BIAS), "bias", a.get(CONCAT) ? width(a) : a.get(OUT));
    }

    @Override
    public Generator generator() {
        return gen;
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels + ", heads=" + heads;
    }
}
