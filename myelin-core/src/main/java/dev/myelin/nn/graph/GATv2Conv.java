package dev.myelin.nn.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.SelfLoopFill;
import dev.myelin.nn.Arg;
import dev.myelin.nn.F;
import dev.myelin.nn.Linear;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * GATv2's dynamic attention ("How Attentive are Graph Attention Networks?"), as PyTorch Geometric's
 * {@code GATv2Conv}: per head, x'_i = Σ_{j→i} α_ij Θ_s x_j with α_ij = softmax over i's incoming edges of
 * aᵀ LeakyReLU(Θ_s x_j + Θ_t x_i [+ Θ_e e_ji]). Unlike {@link GATConv}, whose score a_srcᵀΘx_j + a_dstᵀΘx_i ranks
 * the neighbours the same way for every node before the LeakyReLU, the nonlinearity sits between the sum and a, so
 * the ranking can depend on the node. Self-loops are replaced by one per node first; heads are concatenated or
 * averaged; dropout applies to the coefficients in training. Parameters {@code lin_l.weight}, {@code lin_r.weight}
 * [heads·out, in] (Glorot) with {@code lin_l.bias}, {@code lin_r.bias} [heads·out] (U(−1/√in, 1/√in)), {@code att}
 * [1, heads, out] (Glorot), with edge features {@code lin_edge.weight} [heads·out, edgeDim] (Glorot), and
 * {@code bias} [heads·out] or [out] (zeros). With {@code shareWeights}, {@code lin_r} is {@code lin_l}.
 */
public class GATv2Conv extends AttentionConv {
    private static final Arg<GATv2Conv, Boolean> SHARE_WEIGHTS = Arg.bool("shareWeights", false, c -> c.shareWeights);
    /**
     * The registered module type: {@code {"type":"GATv2Conv","inChannels":16,"outChannels":8,"heads":4}}; in a
     * {@link dev.myelin.nn.GraphModule} its node reads {@code x}, the edge tensor and optionally the edge features.
     */
    public static final ModuleType<GATv2Conv> TYPE = ModuleType.of(
            GATv2Conv.class,
            List.of(
                    IN,
                    OUT,
                    HEADS,
                    CONCAT,
                    NEGATIVE_SLOPE,
                    DROPOUT,
                    SELF_LOOPS,
                    EDGE_DIM,
                    FILL_VALUE,
                    BIAS,
                    SHARE_WEIGHTS),
            (a, gen) -> new GATv2Conv(
                    a.get(IN),
                    a.get(OUT),
                    a.get(HEADS),
                    a.get(CONCAT),
                    a.get(NEGATIVE_SLOPE),
                    a.get(DROPOUT),
                    a.get(SELF_LOOPS),
                    a.get(EDGE_DIM),
                    a.get(FILL_VALUE),
                    a.get(BIAS),
                    a.get(SHARE_WEIGHTS),
                    gen),
            a -> {
                int h = a.get(HEADS), c = a.get(OUT), in = a.get(IN), hc = width(a);
                boolean bias = a.get(BIAS);
                StateShapes s = biasShape(a, new StateShapes().add("att", 1, h, c))
                        .add("lin_l.weight", hc, in)
                        .addIf(bias, "lin_l.bias", hc)
                        .add("lin_r.weight", hc, in) // listed under both names when shared, as in PyTorch
                        .addIf(bias, "lin_r.bias", hc);
                return a.get(EDGE_DIM) == null ? s : s.add("lin_edge.weight", hc, a.get(EDGE_DIM));
            });

    private final boolean shareWeights;
    private final Linear linL, linR, linEdge;
    private final Parameter att;

    /**
     * A GATv2 layer with PyG's defaults but {@code heads}: concat, negative slope 0.2, no dropout, self-loops, no edge
     * features, biases, separate source and target weights.
     *
     * @param inChannels the node feature size F_in, positive
     * @param outChannels the output size per head, positive
     * @param heads the number of attention heads (PyG's default is 1)
     * @param gen the generator the initialization (and attention dropout) draws from
     * @throws IllegalArgumentException if a size is not positive
     */
    public GATv2Conv(int inChannels, int outChannels, int heads, Generator gen) {
        this(inChannels, outChannels, heads, true, 0.2, 0.0, true, null, SelfLoopFill.MEAN, true, false, gen);
    }

    /**
     * A GATv2 layer with every option of PyG's {@code GATv2Conv(in_channels, out_channels, heads, concat,
     * negative_slope, dropout, add_self_loops, edge_dim, fill_value, bias, share_weights)}, initialized as
     * {@code reset_parameters} does, in its order: {@code lin_l}, {@code lin_r}, {@code lin_edge}, {@code att}.
     *
     * @param inChannels the node feature size F_in, positive
     * @param outChannels the output size per head, positive
     * @param heads the number of attention heads, positive (PyG's default is 1)
     * @param concat whether to concatenate the heads ([N, heads·out]) instead of averaging them ([N, out]) (PyG's
     *     default is true)
     * @param negativeSlope the LeakyReLU slope inside the score (PyG's default is 0.2)
     * @param dropout the dropout probability on the attention coefficients in training, in [0, 1] (PyG's default is 0)
     * @param addSelfLoops whether to replace self-loops by one per node first (PyG's default is true)
     * @param edgeDim the size of the edge features, positive, or null for none (PyG's default)
     * @param fillValue how a new self-loop's edge features are filled (PyG's default: the mean of the node's incoming
     *     edges' features, {@link SelfLoopFill#MEAN})
     * @param bias whether lin_l and lin_r have biases and a bias is added to the output (PyG's default is true)
     * @param shareWeights whether the target side uses the source side's transform, Θ_t = Θ_s (PyG's default is
     *     false)
     * @param gen the generator the initialization (and attention dropout) draws from
     * @throws IllegalArgumentException if a size is not positive, dropout is outside [0, 1] or fillValue is null
     */
    public GATv2Conv(
            int inChannels,
            int outChannels,
            int heads,
            boolean concat,
            double negativeSlope,
            double dropout,
            boolean addSelfLoops,
            Integer edgeDim,
            SelfLoopFill fillValue,
            boolean bias,
            boolean shareWeights,
            Generator gen) {
        super(inChannels, outChannels, heads, concat, negativeSlope, dropout, addSelfLoops, edgeDim, fillValue, gen);
        this.shareWeights = shareWeights;
        linL = glorotLinear("lin_l", inChannels, bias);
        linR = shareWeights ? registerModule("lin_r", linL) : glorotLinear("lin_r", inChannels, bias);
        linEdge = edgeDim == null ? null : glorotLinear("lin_edge", edgeDim, false);
        att = attentionVector("att");
        if (bias) registerBias();
    }

    /** {@inheritDoc} As PyG's, the coefficients are those before attention dropout. */
    @Override
    public GraphAttentionOutput forwardWithAttention(Tensor x, EdgeIndex edges, Tensor edgeAttr) {
        EdgeFeatures ef = edgesToScore(x, edges, edgeAttr);
        EdgeIndex g = ef.edges();
        int n = x.size(0);
        Tensor source = linL.forward(x).reshape(n, heads, outChannels); // Θ_s x
        Tensor target = shareWeights ? source : linR.forward(x).reshape(n, heads, outChannels); // Θ_t x
        Tensor sj = gatherSource(source, g);
        Tensor z = sj.add(gatherTarget(target, g)); // Θ_s x_j + Θ_t x_i: [E', heads, out]
        if (ef.features() != null) { // + Θ_e e_ji
            z = z.add(ef.projected(linEdge, heads, outChannels));
        }
        Tensor score = F.leakyRelu(z, negativeSlope).mul(att).sum(2); // aᵀ LeakyReLU(...): [E', heads]
        Tensor alpha = GraphF.softmax(score, g.byTarget());
        Tensor dropped = F.dropout(alpha, dropout, isTraining(), gen);
        Tensor out = aggregate(sj.mul(dropped.unsqueeze(2)), g); // Σ α_ij Θ_s x_j: [N, heads, out]
        return new GraphAttentionOutput(combineHeads(out), g, alpha);
    }
}
