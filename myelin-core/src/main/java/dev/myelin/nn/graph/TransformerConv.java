package dev.myelin.nn.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.SelfLoopFill;
import dev.myelin.nn.Arg;
import dev.myelin.nn.F;
import dev.myelin.nn.Linear;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.StateShapes;
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
public class TransformerConv extends AttentionConv {
    private static final Arg<TransformerConv, Boolean> BETA = Arg.bool("beta", false, c -> c.linBeta != null);
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
                int in = a.get(IN), hc = width(a);
                int skip = a.get(CONCAT) ? hc : a.get(OUT);
                boolean bias = a.get(BIAS), root = a.get(ROOT_WEIGHT);
                StateShapes s = new StateShapes();
                for (String lin : List.of("lin_key", "lin_query", "lin_value"))
                    s.add(lin + ".weight", hc, in).addIf(bias, lin + ".bias", hc);
                if (a.get(EDGE_DIM) != null) s.add("lin_edge.weight", hc, a.get(EDGE_DIM));
                if (root) s.add("lin_skip.weight", skip, in).addIf(bias, "lin_skip.bias", skip);
                return s.addIf(root && a.get(BETA), "lin_beta.weight", 1, 3 * skip);
            });

    private final Linear linKey, linQuery, linValue, linEdge, linSkip, linBeta;

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
        // no LeakyReLU in its score and no self-loops added: those AttentionConv settings stay at 0 and off
        super(inChannels, outChannels, heads, concat, 0, dropout, false, edgeDim, SelfLoopFill.MEAN, gen);
        int hc = width(heads, outChannels), skip = concat ? hc : outChannels;
        linKey = registerModule("lin_key", new Linear(inChannels, hc, bias, gen));
        linQuery = registerModule("lin_query", new Linear(inChannels, hc, bias, gen));
        linValue = registerModule("lin_value", new Linear(inChannels, hc, bias, gen));
        linEdge = edgeDim == null ? null : registerModule("lin_edge", new Linear(edgeDim, hc, false, gen));
        linSkip = rootWeight ? registerModule("lin_skip", new Linear(inChannels, skip, bias, gen)) : null;
        linBeta = rootWeight && beta ? registerModule("lin_beta", new Linear(3 * skip, 1, false, gen)) : null;
    }

    /**
     * {@inheritDoc} The coefficients are those before attention dropout, as PyG's; a layer built with edgeDim needs
     * the edge features (they enter the keys and values), and refuses a call without them.
     */
    @Override
    public GraphAttentionOutput forwardWithAttention(Tensor x, EdgeIndex edges, Tensor edgeAttr) {
        EdgeFeatures ef = edgesToScore(x, edges, edgeAttr); // checks x and edgeAttr; no self-loops
        if (edgeDim != null && edgeAttr == null)
            throw new IllegalArgumentException(
                    "TransformerConv: the layer has edge_dim " + edgeDim + " and needs edge_attr [E, " + edgeDim + "]");
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
        out = combineHeads(out); // no bias of its own: the skip map has it
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
}
