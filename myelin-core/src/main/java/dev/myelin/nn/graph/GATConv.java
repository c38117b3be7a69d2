package dev.myelin.nn.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.nn.F;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.Stochastic;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

/**
 * Graph attention, as PyTorch Geometric's {@code GATConv}: per head h, x'_i = Σ_{j→i} α_ij Θx_j with
 * α_ij = softmax over i's incoming edges of LeakyReLU(a_srcᵀΘx_j + a_dstᵀΘx_i) (self-loops replaced by one per node
 * first). Heads are concatenated ({@code concat}) or averaged; dropout applies to the attention coefficients in
 * training. Parameters {@code lin.weight} [heads·out, in], {@code att_src} and {@code att_dst} [1, heads, out]
 * (Glorot) and {@code bias} [heads·out] or [out] (zeros).
 */
public class GATConv extends MessagePassing implements Stochastic {
    private final int inChannels, outChannels, heads;
    private final boolean concat, addSelfLoops;
    private final double negativeSlope, dropout;
    private final Linear lin;
    private final Parameter attSrc, attDst;
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
        super(Aggregation.ADD);
        if (inChannels <= 0 || outChannels <= 0 || heads <= 0)
            throw new IllegalArgumentException("GATConv: in_channels, out_channels and heads must be positive, got "
                    + inChannels + ", " + outChannels + " and " + heads);
        if (!(dropout >= 0 && dropout <= 1))
            throw new IllegalArgumentException("GATConv: dropout must be in [0, 1], got " + dropout);
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.heads = heads;
        this.concat = concat;
        this.negativeSlope = negativeSlope;
        this.dropout = dropout;
        this.addSelfLoops = addSelfLoops;
        this.gen = gen;
        lin = registerModule("lin", new Linear(inChannels, heads * outChannels, false, gen));
        Glorot.init(lin.weight(), gen);
        attSrc = registerParameter("att_src", new Parameter(Tensor.zeros(1, heads, outChannels)));
        attDst = registerParameter("att_dst", new Parameter(Tensor.zeros(1, heads, outChannels)));
        Glorot.init(attSrc, gen);
        Glorot.init(attDst, gen);
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
        checkNodes(edges, x);
        int n = x.size(0);
        Tensor h = lin.forward(x).reshape(n, heads, outChannels);
        Tensor alphaSrc = h.mul(attSrc).sum(2), alphaDst = h.mul(attDst).sum(2); // [N, heads]
        EdgeIndex g = addSelfLoops ? edges.selfLoops().edges() : edges;
        Tensor alpha = F.leakyRelu(gatherSource(alphaSrc, g).add(gatherTarget(alphaDst, g)), negativeSlope);
        alpha = GraphF.softmax(alpha, g.byTarget());
        alpha = F.dropout(alpha, dropout, isTraining(), gen);
        Tensor out = aggregate(gatherSource(h, g).mul(alpha.unsqueeze(2)), g); // [N, heads, out]
        out = concat ? out.reshape(n, heads * outChannels) : out.mean(1);
        return hasParameter("bias") ? out.add(parameter("bias")) : out;
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
