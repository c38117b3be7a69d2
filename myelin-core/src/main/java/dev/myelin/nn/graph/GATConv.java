package dev.myelin.nn.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.SelfLoopFill;
import dev.myelin.nn.F;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.Stochastic;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

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
public class GATConv extends MessagePassing implements Stochastic {
    private final int inChannels, outChannels, heads;
    private final boolean concat, addSelfLoops;
    private final double negativeSlope, dropout;
    private final Integer edgeDim;
    private final SelfLoopFill fillValue;
    private final Linear lin, linEdge;
    private final Parameter attSrc, attDst, attEdge;
    private final Generator gen;

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
        super(Aggregation.ADD);
        if (inChannels <= 0 || outChannels <= 0 || heads <= 0)
            throw new IllegalArgumentException("GATConv: in_channels, out_channels and heads must be positive, got "
                    + inChannels + ", " + outChannels + " and " + heads);
        if (!(dropout >= 0 && dropout <= 1))
            throw new IllegalArgumentException("GATConv: dropout must be in [0, 1], got " + dropout);
        if (edgeDim != null && edgeDim <= 0)
            throw new IllegalArgumentException("GATConv: edge_dim must be positive (or null for none), got " + edgeDim);
        if (fillValue == null) throw new IllegalArgumentException("GATConv: fill_value must not be null");
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
        lin = registerModule("lin", new Linear(inChannels, heads * outChannels, false, gen));
        Glorot.init(lin.weight(), gen);
        attSrc = registerParameter("att_src", new Parameter(Tensor.zeros(1, heads, outChannels)));
        attDst = registerParameter("att_dst", new Parameter(Tensor.zeros(1, heads, outChannels)));
        Glorot.init(attSrc, gen);
        Glorot.init(attDst, gen);
        if (edgeDim != null) { // drawn after the others, so a layer without edge features draws as before
            linEdge = registerModule("lin_edge", new Linear(edgeDim, heads * outChannels, false, gen));
            Glorot.init(linEdge.weight(), gen);
            attEdge = registerParameter("att_edge", new Parameter(Tensor.zeros(1, heads, outChannels)));
            Glorot.init(attEdge, gen);
        } else {
            linEdge = null;
            attEdge = null;
        }
        if (bias) registerParameter("bias", new Parameter(Tensor.zeros(concat ? heads * outChannels : outChannels)));
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
     *     (as PyG)
     * @return the new node features, [N, heads·out] or [N, out]
     * @throws dev.myelin.tensor.ShapeMismatchException if x is not [N, F] for the graph's N nodes, or edgeAttr is not
     *     [E, edgeDim]
     * @throws IllegalArgumentException if edgeAttr is given to a layer built without edgeDim
     */
    public Tensor forward(Tensor x, EdgeIndex edges, Tensor edgeAttr) {
        return forwardWithAttention(x, edges, edgeAttr).out();
    }

    /**
     * The forward pass that also returns α per edge and head (after attention dropout, in training), as PyG's
     * {@code return_attention_weights=True}.
     *
     * @param x the node features, [N, in]
     * @param edges the graph's edges over the N nodes
     * @param edgeAttr the edge features, [E, edgeDim] ([E] when edgeDim is 1), or null
     * @return the new node features, the edges scored (self-loops included) and their coefficients
     * @throws dev.myelin.tensor.ShapeMismatchException if x or edgeAttr has the wrong shape
     * @throws IllegalArgumentException if edgeAttr is given to a layer built without edgeDim
     */
    public GraphAttentionOutput forwardWithAttention(Tensor x, EdgeIndex edges, Tensor edgeAttr) {
        checkNodes(edges, x);
        EdgeFeatures ef = EdgeFeatures.prepare("GATConv", edges, edgeAttr, edgeDim, addSelfLoops, fillValue);
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
        Tensor out = aggregate(gatherSource(h, g).mul(alpha.unsqueeze(2)), g); // [N, heads, out]
        out = concat ? out.reshape(n, heads * outChannels) : out.mean(1);
        return new GraphAttentionOutput(hasParameter("bias") ? out.add(parameter("bias")) : out, g, alpha);
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
