package dev.myelin.nn.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.SelfLoopFill;
import dev.myelin.nn.F;
import dev.myelin.nn.Linear;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * Graph attention, as PyTorch Geometric's {@code GATConv}: per head h, x'_i = Σ_{j→i} α_ij Θx_j with
 * α_ij = softmax over i's incoming edges of LeakyReLU(a_srcᵀΘx_j + a_dstᵀΘx_i) (self-loops replaced by one per node
 * first). With edge features ({@code edgeDim}), the score also has a_edgeᵀΘ_e e_ji, and a new self-loop's features
 * are {@code fillValue} of the node's incoming edges' (PyG's default: their mean). Heads are concatenated
 * ({@code concat}) or averaged; dropout applies to the attention coefficients in training. Parameters
 * {@code lin.weight} [heads·out, in], {@code att_src} and {@code att_dst} [1, heads, out] (Glorot), with edge
 * features {@code lin_edge.weight} [heads·out, edgeDim] and {@code att_edge} [1, heads, out] (Glorot), and
 * {@code bias} [heads·out] or [out] (zeros).
 */
public class GATConv extends AttentionConv {
    /**
     * The registered module type: {@code {"type":"GATConv","inChannels":16,"outChannels":8,"heads":4,"edgeDim":3}};
     * in a {@link dev.myelin.nn.GraphModule} its node reads {@code x}, the edge tensor and optionally the edge
     * features.
     */
    public static final ModuleType<GATConv> TYPE = ModuleType.of(
            GATConv.class,
            List.of(IN, OUT, HEADS, CONCAT, NEGATIVE_SLOPE, DROPOUT, SELF_LOOPS, EDGE_DIM, FILL_VALUE, BIAS),
            (a, gen) -> new GATConv(
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
                    gen),
            a -> {
                int h = a.get(HEADS), c = a.get(OUT), hc = width(a);
                Integer d = a.get(EDGE_DIM);
                StateShapes s = new StateShapes().add("att_src", 1, h, c).add("att_dst", 1, h, c);
                if (d != null) s.add("att_edge", 1, h, c);
                biasShape(a, s).add("lin.weight", hc, a.get(IN));
                return d == null ? s : s.add("lin_edge.weight", hc, d);
            });

    private final Linear lin, linEdge;
    private final Parameter attSrc, attDst, attEdge;

    /**
     * A GAT layer with PyG's defaults but {@code heads}: concat, negative slope 0.2, no dropout, self-loops, bias;
     * {@code lin.weight}, {@code att_src} and {@code att_dst} Glorot-initialized, {@code bias} zeros.
     *
     * @param inChannels the node feature size F_in, positive
     * @param outChannels the output size per head, positive
     * @param heads the number of attention heads (PyG's default is 1)
     * @param gen the generator the initialization (and attention dropout) draws from
     * @throws IllegalArgumentException if a size is not positive
     */
    public GATConv(int inChannels, int outChannels, int heads, Generator gen) {
        this(inChannels, outChannels, heads, true, 0.2, 0.0, true, true, gen);
    }

    /**
     * A GAT layer with every option of PyG's {@code GATConv(in_channels, out_channels, heads, concat, negative_slope,
     * dropout, add_self_loops, bias)}: {@code lin.weight}, {@code att_src} and {@code att_dst} Glorot-initialized,
     * {@code bias} zeros.
     *
     * @param inChannels the node feature size F_in, positive
     * @param outChannels the output size per head, positive
     * @param heads the number of attention heads, positive (PyG's default is 1)
     * @param concat whether to concatenate the heads ([N, heads·out]) instead of averaging them ([N, out]) (PyG's
     *     default is true)
     * @param negativeSlope the LeakyReLU slope in the attention scores (PyG's default is 0.2)
     * @param dropout the dropout probability on the attention coefficients in training, in [0, 1] (PyG's default is 0)
     * @param addSelfLoops whether to replace self-loops by one per node first (PyG's default is true)
     * @param bias whether to add a learnable bias (PyG's default is true)
     * @param gen the generator the initialization (and attention dropout) draws from
     * @throws IllegalArgumentException if a size is not positive or dropout is outside [0, 1]
     */
    public GATConv(
            int inChannels,
            int outChannels,
            int heads,
            boolean concat,
            double negativeSlope,
            double dropout,
            boolean addSelfLoops,
            boolean bias,
            Generator gen) {
        this(
                inChannels,
                outChannels,
                heads,
                concat,
                negativeSlope,
                dropout,
                addSelfLoops,
                null,
                SelfLoopFill.MEAN,
                bias,
                gen);
    }

    /**
     * A GAT layer with every option of PyG's {@code GATConv(in_channels, out_channels, heads, concat, negative_slope,
     * dropout, add_self_loops, edge_dim, fill_value, bias)}, edge features included: {@code lin.weight},
     * {@code att_src}, {@code att_dst}, {@code lin_edge.weight} and {@code att_edge} Glorot-initialized (drawn in
     * that order), {@code bias} zeros.
     *
     * @param inChannels the node feature size F_in, positive
     * @param outChannels the output size per head, positive
     * @param heads the number of attention heads, positive (PyG's default is 1)
     * @param concat whether to concatenate the heads ([N, heads·out]) instead of averaging them ([N, out]) (PyG's
     *     default is true)
     * @param negativeSlope the LeakyReLU slope in the attention scores (PyG's default is 0.2)
     * @param dropout the dropout probability on the attention coefficients in training, in [0, 1] (PyG's default is 0)
     * @param addSelfLoops whether to replace self-loops by one per node first (PyG's default is true)
     * @param edgeDim the size of the edge features, positive, or null for none (PyG's default)
     * @param fillValue how a new self-loop's edge features are filled (PyG's default is the mean of the node's
     *     incoming edges' features, {@link SelfLoopFill#MEAN})
     * @param bias whether to add a learnable bias (PyG's default is true)
     * @param gen the generator the initialization (and attention dropout) draws from
     * @throws IllegalArgumentException if a size is not positive or dropout is outside [0, 1]
     */
    public GATConv(
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
            Generator gen) {
        super(inChannels, outChannels, heads, concat, negativeSlope, dropout, addSelfLoops, edgeDim, fillValue, gen);
        lin = glorotLinear("lin", inChannels, false);
        attSrc = attentionVector("att_src");
        attDst = attentionVector("att_dst");
        // drawn after the others, so that a layer without edge features draws as before
        linEdge = edgeDim == null ? null : glorotLinear("lin_edge", edgeDim, false);
        attEdge = edgeDim == null ? null : attentionVector("att_edge");
        if (bias) registerBias();
    }

    /** {@inheritDoc} The coefficients are those after attention dropout, in training. */
    @Override
    public GraphAttentionOutput forwardWithAttention(Tensor x, EdgeIndex edges, Tensor edgeAttr) {
        EdgeFeatures ef = edgesToScore(x, edges, edgeAttr);
        EdgeIndex g = ef.edges();
        int n = x.size(0);
        Tensor h = lin.forward(x).reshape(n, heads, outChannels);
        Tensor alphaSrc = h.mul(attSrc).sum(2), alphaDst = h.mul(attDst).sum(2); // [N, heads]
        Tensor score = gatherSource(alphaSrc, g).add(gatherTarget(alphaDst, g)); // a_srcᵀΘx_j + a_dstᵀΘx_i
        if (ef.features() != null) { // + a_edgeᵀΘ_e e_ji
            score = score.add(
                    ef.projected(linEdge, heads, outChannels).mul(attEdge).sum(2));
        }
        Tensor alpha = GraphF.softmax(F.leakyRelu(score, negativeSlope), g.byTarget());
        alpha = F.dropout(alpha, dropout, isTraining(), gen);
        Tensor out = aggregate(gatherSource(h, g).mul(alpha.unsqueeze(2)), g); // Σ α_ij Θx_j: [N, heads, out]
        return new GraphAttentionOutput(combineHeads(out), g, alpha);
    }
}
