package dev.myelin.nn.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.Sparse;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

/**
 * Kipf and Welling's graph convolution, as PyTorch Geometric's {@code GCNConv}: X' = D̂^−1/2 Â D̂^−1/2 X Θ + b with
 * Â = A + I ({@link GraphF#gcnNorm}). Parameters {@code lin.weight} [out, in] (Glorot) and {@code bias} [out]
 * (zeros); the order is PyG's: {@code lin}, then propagate, then the bias.
 */
public class GCNConv extends MessagePassing {
    private final int inChannels, outChannels;
    private final boolean improved, addSelfLoops, normalize;
    private final Linear lin;

    public GCNConv(int inChannels, int outChannels, Generator gen) {
        this(inChannels, outChannels, false, true, true, true, gen);
    }

    public GCNConv(
            int inChannels,
            int outChannels,
            boolean improved,
            boolean addSelfLoops,
            boolean normalize,
            boolean bias,
            Generator gen) {
        super(Aggregation.ADD);
        if (inChannels <= 0 || outChannels <= 0)
            throw new IllegalArgumentException("GCNConv: in_channels and out_channels must be positive, got "
                    + inChannels + " and " + outChannels);
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.improved = improved;
        this.addSelfLoops = addSelfLoops;
        this.normalize = normalize;
        lin = registerModule("lin", new Linear(inChannels, outChannels, false, gen));
        Glorot.init(lin.weight(), gen);
        if (bias) registerParameter("bias", new Parameter(Tensor.zeros(outChannels)));
    }

    public Tensor forward(Tensor x, EdgeIndex edges) {
        return forward(x, edges, null);
    }

    /** Node features [N, in] over the graph's edges (weights [E] or null) to [N, out]. */
    public Tensor forward(Tensor x, EdgeIndex edges, Tensor edgeWeight) {
        checkNodes(edges, x);
        EdgeIndex g = edges;
        Tensor w = edgeWeight;
        if (normalize) {
            GraphF.Normalized n = GraphF.gcnNorm(edges, edgeWeight, improved, addSelfLoops);
            g = n.edges();
            w = n.weights();
        }
        Tensor out = Sparse.mm(g.adjacency(), w, lin.forward(x));
        return hasParameter("bias") ? out.add(parameter("bias")) : out;
    }

    public Linear lin() {
        return lin;
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels;
    }
}
