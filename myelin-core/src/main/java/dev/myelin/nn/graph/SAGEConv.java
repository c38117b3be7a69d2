package dev.myelin.nn.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.nn.Linear;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

/**
 * GraphSAGE, as PyTorch Geometric's {@code SAGEConv} with mean aggregation: x'_i = W₁·mean_{j→i} x_j + b + W₂·x_i.
 * Parameters {@code lin_l.weight}, {@code lin_l.bias} (the neighbours) and {@code lin_r.weight} (the root, no bias),
 * both initialized as {@code nn.Linear}; {@code normalize} L2-normalizes each output row.
 */
public class SAGEConv extends MessagePassing {
    private final int inChannels, outChannels;
    private final boolean normalize, rootWeight;
    private final Linear linL, linR;

    public SAGEConv(int inChannels, int outChannels, Generator gen) {
        this(inChannels, outChannels, Aggregation.MEAN, false, true, true, gen);
    }

    public SAGEConv(
            int inChannels,
            int outChannels,
            Aggregation aggr,
            boolean normalize,
            boolean rootWeight,
            boolean bias,
            Generator gen) {
        super(aggr);
        if (inChannels <= 0 || outChannels <= 0)
            throw new IllegalArgumentException("SAGEConv: in_channels and out_channels must be positive, got "
                    + inChannels + " and " + outChannels);
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.normalize = normalize;
        this.rootWeight = rootWeight;
        linL = registerModule("lin_l", new Linear(inChannels, outChannels, bias, gen));
        linR = rootWeight ? registerModule("lin_r", new Linear(inChannels, outChannels, false, gen)) : null;
    }

    /** Node features [N, in] to [N, out]. */
    public Tensor forward(Tensor x, EdgeIndex edges) {
        checkNodes(edges, x);
        Tensor out = linL.forward(propagate(edges, x, null));
        if (rootWeight) out = out.add(linR.forward(x));
        if (normalize) out = out.div(out.square().sum(1, true).sqrt().clampMin(1e-12f)); // F.normalize(p=2, dim=-1)
        return out;
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels + ", aggr=" + aggr.pygName();
    }
}
