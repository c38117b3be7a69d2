package dev.myelin.nn.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.SelfLoopFill;
import dev.myelin.nn.Arg;
import dev.myelin.nn.F;
import dev.myelin.nn.Linear;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.StateShapes;
import dev.myelin.nn.Stochastic;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * The graph transformer layer of "Masked Label Prediction" (UniMP), as PyTorch Geometric's {@code TransformerConv}:
 * scaled dot-product attention of each node over its incoming edges, per head, α_ij = softmax_j((W_q x_i)ᵀ(W_k x_j
 * [+ W_e e_ji]) / √out), then x'_i = W_s x_i + Σ_j α_ij (W_v x_j [+ W_e e_ji]); with {@code beta} the skip is gated,
 * β = σ(w_βᵀ[m, W_s x_i, m − W_s x_i]), x'_i = β W_s x_i + (1 − β) m. No self-loops are added; heads are concatenated
 * or averaged; dropout applies to the coefficients in training. Parameters {@code lin_key}, {@code lin_query},
 * {@code lin_value} [heads·out, in] (with biases), {@code lin_edge} [heads·out, edgeDim] (no bias), {@code lin_skip}
 * [heads·out or out, in], {@code lin_beta} [1, 3·(heads·out or out)] (no bias), all initialized as {@code nn.Linear}.
 */
public class TransformerConv extends MessagePassing implements Stochastic {
    private static final Arg<TransformerConv, Integer> IN = Arg.positiveInt("inChannels", c -> c.inChannels);
    private static final Arg<TransformerConv, Integer> OUT = Arg.positiveInt("outChannels", c -> c.outChannels);
    private static final Arg<TransformerConv, Integer> HEADS = Arg.positiveInt("heads", 1, c -> c.heads);
    private static final Arg<TransformerConv, Boolean> CONCAT = Arg.bool("concat", true, c -> c.concat);
    private static final Arg<TransformerConv, Boolean> BETA = Arg.bool("beta", false, c -> c.linBeta != null);
    private static final Arg<TransformerConv, Double> DROPOUT = Arg.number("dropout", 0.0, c -> c.dropout);
    private static final Arg<TransformerConv, Integer> EDGE_DIM = Arg.optionalInt("edgeDim", c -> c.edgeDim);
    private static final Arg<TransformerConv, Boolean> BIAS = Arg.bool("bias", true, c -> c.linKey.bias() != null);
    private static final Arg<TransformerConv, Boolean> ROOT_WEIGHT =
            Arg.bool("rootWeight", true, c -> c.linSkip != null);
    /**
     * The registered module type: {@code {"type":"TransformerConv","inChannels":16,"outChannels":8,"heads":4}}; in a
     * {@link dev.myelin.nn.GraphModule} its node reads {@code x}, the edge tensor and, with edgeDim, the edge features.
     */
    public static final ModuleType<TransformerConv> TYPE = ModuleType.of(
            TransformerConv.class,
            List.of(IN, OUT, HEADS, CONCAT, BETA, DROPOUT, EDGE_DIM, BIAS, ROOT_WEIGHT),
            (a, gen) -> new TransformerConv(
                    a.get(IN),
                    a.get(OUT),
                    a.get(HEADS),
                    a.get(CONCAT),
                    a.get(BETA),
                    a.get(DROPOUT),
                    a.get(EDGE_DIM),
                    a.get(BIAS),
                    a.get(ROOT_WEIGHT),
                    gen),
            a -> {
                int in = a.get(IN), hc = AttentionConv.width(a.get(HEADS), a.get(OUT));
                int skip = a.get(CONCAT) ? hc : a.get(OUT);
                boolean bias = a.get(BIAS), root = a.get(ROOT_WEIGHT);
                StateShapes s = new StateShapes();
                for (String lin : List.of("lin_key", "lin_query", "lin_value"))
                    s.add(lin + ".weight", hc, in).addIf(bias, lin + ".bias", hc);
                if (a.get(EDGE_DIM) != null) s.add("lin_edge.weight", hc, a.get(EDGE_DIM));
                if (root) s.add("lin_skip.weight", skip, in).addIf(bias, "lin_skip.bias", skip);
                return s.addIf(root && a.get(BETA), "lin_beta.weight", 1, 3 * skip);
            });

    private final int inChannels, outChannels, heads;
    private final boolean concat;
    private final double dropout;
    private final Integer edgeDim;
    private final Linear linKey, linQuery, linValue, linEdge, linSkip, linBeta;
    private final Generator gen;

    /**
     * A graph transformer layer with PyG's defaults but {@code heads}: concat, no gate, no dropout, no edge features,
     * biases, the skip connection.
     *
     * @param inChannels the node feature size F_in, positive
     * @param outChannels the output size per head, positive
     * @param heads the number of attention heads (PyG's default is 1)
     * @param gen the generator the initialization (and attention dropout) draws from
     * @throws IllegalArgumentException if a size is not positive
     */
    public TransformerConv(int inChannels, int outChannels, int heads, Generator gen) {
        this(inChannels, outChannels, heads, true, false, 0, null, true, true, gen);
    }

    /**
     * A graph transformer layer with the options of PyG's {@code TransformerConv(in_channels, out_channels, heads,
     * concat, beta, dropout, edge_dim, bias, root_weight)}; the linear maps are initialized as {@code nn.Linear}, in
     * PyG's order (key, query, value, edge, skip, beta).
     *
     * @param inChannels the node feature size F_in, positive
     * @param outChannels the output size per head, positive
     * @param heads the number of attention heads, positive (PyG's default is 1)
     * @param concat whether to concatenate the heads ([N, heads·out]) instead of averaging them ([N, out]) (PyG's
     *     default is true)
     * @param beta whether a learned gate mixes the skip connection and the attention output (PyG's default is false;
     *     only with rootWeight, as in PyG)
     * @param dropout the dropout probability on the attention coefficients in training, in [0, 1] (PyG's default is 0)
     * @param edgeDim the size of the edge features, positive, or null for none (PyG's default)
     * @param bias whether the key, query, value and skip maps have biases (PyG's default is true)
     * @param rootWeight whether to add the node's own transformed features, W_s x_i (PyG's default is true)
     * @param gen the generator the initialization (and attention dropout) draws from
     * @throws IllegalArgumentException if a size is not positive or dropout is outside [0, 1]
     */
    public TransformerConv(
            int inChannels,
            int outChannels,
            int heads,
            boolean concat,
            boolean beta,
            double dropout,
            Integer edgeDim,
            boolean bias,
            boolean rootWeight,
            Generator gen) {
        super(Aggregation.ADD);
        if (inChannels <= 0 || outChannels <= 0 || heads <= 0)
            throw new IllegalArgumentException(
                    "TransformerConv: in_channels, out_channels and heads must be positive, got " + inChannels + ", "
                            + outChannels + " and " + heads);
        if (!(dropout >= 0 && dropout <= 1))
            throw new IllegalArgumentException("TransformerConv: dropout must be in [0, 1], got " + dropout);
        if (edgeDim != null && edgeDim <= 0)
            throw new IllegalArgumentException(
                    "TransformerConv: edge_dim must be positive (or null for none), got " + edgeDim);
        int hc = AttentionConv.width(heads, outChannels), skip = concat ? hc : outChannels;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.heads = heads;
        this.concat = concat;
        this.dropout = dropout;
        this.edgeDim = edgeDim;
        this.gen = gen;
        linKey = registerModule("lin_key", new Linear(inChannels, hc, bias, gen));
        linQuery = registerModule("lin_query", new Linear(inChannels, hc, bias, gen));
        linValue = registerModule("lin_value", new Linear(inChannels, hc, bias, gen));
        linEdge = edgeDim == null ? null : registerModule("lin_edge", new Linear(edgeDim, hc, false, gen));
        linSkip = rootWeight ? registerModule("lin_skip", new Linear(inChannels, skip, bias, gen)) : null;
        linBeta = rootWeight && beta ? registerModule("lin_beta", new Linear(3 * skip, 1, false, gen)) : null;
    }

    /**
     * Node features [N, in] to [N, heads·out] (concat) or [N, out].
     *
     * @param x the node features, [N, in]
     * @param edges the graph's edges over the N nodes
     * @return the new node features
     * @throws dev.myelin.tensor.ShapeMismatchException if x is not [N, F] for the graph's N nodes
     * @throws IllegalArgumentException if the layer was built with edgeDim (it then needs the edge features)
     */
    public Tensor forward(Tensor x, EdgeIndex edges) {
        return forwardWithAttention(x, edges, null).out();
    }

    /**
     * Node features [N, in] to [N, heads·out] (concat) or [N, out], the edge features added to the keys and values.
     *
     * @param x the node features, [N, in]
     * @param edges the graph's edges over the N nodes
     * @param edgeAttr the edge features, [E, edgeDim] ([E] when edgeDim is 1); required when the layer has edgeDim
     * @return the new node features
     * @throws dev.myelin.tensor.ShapeMismatchException if x or edgeAttr has the wrong shape
     * @throws IllegalArgumentException if edgeAttr is given without edgeDim, or missing with it
     */
    public Tensor forward(Tensor x, EdgeIndex edges, Tensor edgeAttr) {
        return forwardWithAttention(x, edges, edgeAttr).out();
    }

    /**
     * The forward pass that also returns α per edge and head (before attention dropout, as PyG's
     * {@code return_attention_weights=True}).
     *
     * @param x the node features, [N, in]
     * @param edges the graph's edges over the N nodes
     * @param edgeAttr the edge features, [E, edgeDim], or null when the layer has no edgeDim
     * @return the new node features, the edges and their coefficients [E, heads]
     * @throws dev.myelin.tensor.ShapeMismatchException if x or edgeAttr has the wrong shape
     * @throws IllegalArgumentException if edgeAttr is given without edgeDim, or missing with it
     */
    public GraphAttentionOutput forwardWithAttention(Tensor x, EdgeIndex edges, Tensor edgeAttr) {
        checkNodes(edges, x);
        if (edgeDim != null && edgeAttr == null)
            throw new IllegalArgumentException(
                    "TransformerConv: the layer has edge_dim " + edgeDim + " and needs edge_attr [E, " + edgeDim + "]");
        EdgeFeatures ef = EdgeFeatures.prepare("TransformerConv", edges, edgeAttr, edgeDim, false, SelfLoopFill.MEAN);
        int n = x.size(0);
        Tensor query = gatherTarget(linQuery.forward(x).reshape(n, heads, outChannels), edges); // W_q x_i per edge
        Tensor key = gatherSource(linKey.forward(x).reshape(n, heads, outChannels), edges); // W_k x_j
        Tensor value = gatherSource(linValue.forward(x).reshape(n, heads, outChannels), edges); // W_v x_j
        if (ef.features() != null) { // + W_e e_ji on both the keys and the values
            Tensor e = ef.projected(linEdge, heads, outChannels);
            key = key.add(e);
            value = value.add(e);
        }
        Tensor score = query.mul(key).sum(2).div((float) Math.sqrt(outChannels)); // [E, heads]
        Tensor alpha = GraphF.softmax(score, edges.byTarget());
        Tensor dropped = F.dropout(alpha, dropout, isTraining(), gen);
        Tensor out = aggregate(value.mul(dropped.unsqueeze(2)), edges); // Σ α_ij (W_v x_j + W_e e_ji): [N, heads, out]
        out = concat ? out.reshape(n, heads * outChannels) : out.mean(1);
        if (linSkip != null) {
            Tensor root = linSkip.forward(x); // W_s x_i
            if (linBeta != null) { // β = σ(w_βᵀ[m, r, m − r]); x' = β r + (1 − β) m
                Tensor b = linBeta.forward(Tensor.cat(List.of(out, root, out.sub(root)), 1))
                        .sigmoid();
                out = b.mul(root).add(b.neg().add(1f).mul(out));
            } else {
                out = out.add(root);
            }
        }
        return new GraphAttentionOutput(out, edges, alpha);
    }

    @Override
    protected String edgeValuesName() {
        return "edgeAttr";
    }

    @Override
    protected Tensor forwardOnGraph(Tensor x, EdgeIndex edges, Tensor edgeAttr) {
        return forward(x, edges, edgeAttr);
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
