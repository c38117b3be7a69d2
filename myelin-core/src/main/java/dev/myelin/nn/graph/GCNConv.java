package dev.myelin.nn.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.Sparse;
import dev.myelin.nn.Arg;
import dev.myelin.nn.Linear;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * Kipf and Welling's graph convolution, as PyTorch Geometric's {@code GCNConv}: X' = D̂^−1/2 Â D̂^−1/2 X Θ + b with
 * Â = A + I ({@link GraphF#gcnNorm}). Parameters {@code lin.weight} [out, in] (Glorot) and {@code bias} [out]
 * (zeros); the order is PyG's: {@code lin}, then propagate, then the bias.
 *
 * <pre>{@code
 * EdgeIndex edges = EdgeIndex.undirected(new int[] {0, 1}, new int[] {1, 2}, 3); // the path 0 - 1 - 2
 * GCNConv conv = new GCNConv(16, 32, gen);
 * Tensor h = conv.forward(x, edges); // x [3, 16] -> h [3, 32]
 * }</pre>
 */
public class GCNConv extends MessagePassing {
    private static final Arg<GCNConv, Integer> IN = Arg.positiveInt("inChannels", c -> c.inChannels);
    private static final Arg<GCNConv, Integer> OUT = Arg.positiveInt("outChannels", c -> c.outChannels);
    private static final Arg<GCNConv, Boolean> IMPROVED = Arg.bool("improved", false, c -> c.improved);
    private static final Arg<GCNConv, Boolean> SELF_LOOPS = Arg.bool("addSelfLoops", true, c -> c.addSelfLoops);
    private static final Arg<GCNConv, Boolean> NORMALIZE = Arg.bool("normalize", true, c -> c.normalize);
    private static final Arg<GCNConv, Boolean> BIAS = Arg.bool("bias", true, c -> c.hasParameter("bias"));
    /**
     * The registered module type: {@code {"type":"GCNConv","inChannels":16,"outChannels":32}}; in a
     * {@link dev.myelin.nn.GraphModule} its node reads {@code x}, the edge tensor and optionally the edge weights.
     */
    public static final ModuleType<GCNConv> TYPE = ModuleType.of(
            GCNConv.class,
            List.of(IN, OUT, IMPROVED, SELF_LOOPS, NORMALIZE, BIAS),
            (a, gen) -> new GCNConv(
                    a.get(IN), a.get(OUT), a.get(IMPROVED), a.get(SELF_LOOPS), a.get(NORMALIZE), a.get(BIAS), gen),
            a -> new StateShapes().addIf(a.get(BIAS), "bias", a.get(OUT)).add("lin.weight", a.get(OUT), a.get(IN)));

    private final int inChannels, outChannels;
    private final boolean improved, addSelfLoops, normalize;
    private final Linear lin;
    // the last graph's normalization (see normalized)
    private GraphF.Normalized norm;
    private EdgeIndex normEdges;
    private Tensor normWeights;
    private int normWeightsVersion;

    /**
     * A GCN layer with PyG's defaults: not improved, self-loops added, normalized, with bias; {@code lin.weight}
     * Glorot-initialized, {@code bias} zeros.
     *
     * @param inChannels the node feature size F_in, positive
     * @param outChannels the output feature size, positive
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive
     */
    public GCNConv(int inChannels, int outChannels, Generator gen) {
        this(inChannels, outChannels, false, true, true, true, gen);
    }

    /**
     * A GCN layer with the options of PyG's {@code GCNConv(in_channels, out_channels, improved, add_self_loops,
     * normalize, bias)}; {@code cached} is not a setting: the graph's sparse structures are built once by its
     * {@link EdgeIndex}, and the normalized weights are kept while the same graph comes back with the same constant
     * weights.
     *
     * @param inChannels the node feature size F_in, positive
     * @param outChannels the output feature size, positive
     * @param improved whether self-loops get weight 2 instead of 1, Â = A + 2I (PyG's default is false)
     * @param addSelfLoops whether to add the missing self-loops before normalizing (PyG's default is true)
     * @param normalize whether to apply the symmetric normalization D̂^−1/2 Â D̂^−1/2 (PyG's default is true); without
     *     it the edge weights are used as given
     * @param bias whether to add a learnable bias, initialized to zeros (PyG's default is true)
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive
     */
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

    /**
     * Node features [N, in] over the graph's edges, unweighted, to [N, out].
     *
     * @param x the node features, [N, in]
     * @param edges the graph's edges over the N nodes
     * @return the new node features, [N, out]
     * @throws dev.myelin.tensor.ShapeMismatchException if x is not [N, F] for the graph's N nodes
     */
    public Tensor forward(Tensor x, EdgeIndex edges) {
        return forward(x, edges, null);
    }

    /**
     * Node features [N, in] over the graph's edges (weights [E] or null) to [N, out].
     *
     * @param x the node features, [N, in]
     * @param edges the graph's edges over the N nodes
     * @param edgeWeight one weight per edge, [E], or null for ones
     * @return the new node features, [N, out]
     * @throws dev.myelin.tensor.ShapeMismatchException if x is not [N, F] for the graph's N nodes or edgeWeight is not
     *     [E]
     */
    public Tensor forward(Tensor x, EdgeIndex edges, Tensor edgeWeight) {
        checkNodes(edges, x);
        EdgeIndex g = edges;
        Tensor w = edgeWeight;
        if (normalize) {
            GraphF.Normalized n = normalized(edges, edgeWeight);
            g = n.edges();
            w = n.weights();
        }
        Tensor out = Sparse.mm(g.adjacency(), w, lin.forward(x));
        return hasParameter("bias") ? out.add(parameter("bias")) : out;
    }

    @Override
    protected String edgeValuesName() {
        return "edgeWeight";
    }

    @Override
    protected Tensor forwardOnGraph(Tensor x, EdgeIndex edges, Tensor edgeWeight) {
        return forward(x, edges, edgeWeight);
    }

    /**
     * The graph's normalization, kept while the same graph comes back with the same constant weights: what PyG's
     * {@code cached=True} is for (transductive training on one graph), but checked, so another graph or changed
     * weights are normalized anew. Weights that require a gradient are never kept (each call needs its own graph).
     */
    private GraphF.Normalized normalized(EdgeIndex edges, Tensor edgeWeight) {
        boolean constant = edgeWeight == null || !edgeWeight.requiresGrad();
        if (constant
                && norm != null
                && edges == normEdges
                && edgeWeight == normWeights
                && (edgeWeight == null || edgeWeight.version() == normWeightsVersion)) return norm;
        GraphF.Normalized n = GraphF.gcnNorm(edges, edgeWeight, improved, addSelfLoops);
        if (!constant) return n;
        norm = new GraphF.Normalized(n.edges(), n.weights().detach());
        normEdges = edges;
        normWeights = edgeWeight;
        normWeightsVersion = edgeWeight == null ? 0 : edgeWeight.version();
        return norm;
    }

    /** {@return the linear transform Θ ({@code lin}, no bias), applied before propagation} */
    public Linear lin() {
        return lin;
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels;
    }
}
