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

    public GATConv(int inChannels, int outChannels, int heads, Generator gen) {
        this(inChannels, outChannels, heads, true, 0.2, 0.0, true, true, gen);
    }

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

    /** Node features [N, in] to [N, heads·out] (concat) or [N, out]. */
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
