package dev.myelin.nn.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.Scatter;
import dev.myelin.graph.Sparse;
import dev.myelin.nn.Module;
import dev.myelin.nn.Outputs;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * The base of the graph layers, as PyTorch Geometric's {@code MessagePassing} (flow source → target): every edge
 * j → i carries a message built from x_j (and x_i), and node i aggregates its incoming messages. Two ways through:
 * {@link #propagate} for the common message w_ji·x_j, one sparse × dense product (what PyG's
 * {@code message_and_aggregate} does with a sparse adjacency); and {@link #gatherSource}/{@link #gatherTarget} plus
 * {@link #aggregate} for any per-edge message (attention). The graph structures come from the {@link EdgeIndex},
 * built once per graph.
 */
public abstract class MessagePassing extends Module {
    /** How each node combines its incoming messages in {@link #propagate} and {@link #aggregate}. */
    protected final Aggregation aggr;

    /**
     * A layer aggregating messages with {@code aggr}.
     *
     * @param aggr the aggregation, as PyG's {@code aggr} argument
     * @throws IllegalArgumentException if aggr is null
     */
    protected MessagePassing(Aggregation aggr) {
        if (aggr == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": aggr is null");
        this.aggr = aggr;
    }

    /** {@return how each node combines its incoming messages} */
    public Aggregation aggr() {
        return aggr;
    }

    /**
     * Aggregates w_ji·x_j (w: [E] or null for ones) over each node's incoming edges; x is [N, ...], the result too.
     *
     * @param edges the graph's edges over the N nodes
     * @param x the node features, [N, ...]
     * @param edgeWeight one weight per edge, [E], or null for ones
     * @return the aggregated messages, [N, ...]
     * @throws dev.myelin.tensor.ShapeMismatchException if x is not [N, F] for the graph's N nodes
     */
    protected Tensor propagate(EdgeIndex edges, Tensor x, Tensor edgeWeight) {
        checkNodes(edges, x);
        if (aggr == Aggregation.MAX) {
            Tensor messages = gatherSource(x, edges);
            if (edgeWeight != null) messages = messages.mul(perEdge(edgeWeight, messages.dim()));
            return aggregate(messages, edges);
        }
        int[] s = x.shape();
        Tensor out = Sparse.mm(edges.adjacency(), edgeWeight, x.reshape(s[0], Shapes.prod(s, 1, s.length)))
                .reshape(s);
        if (aggr == Aggregation.ADD) return out;
        int[] deg = edges.inDegree();
        float[] inv = new float[deg.length];
        for (int i = 0; i < deg.length; i++) inv[i] = 1f / Math.max(1, deg[i]);
        return out.mul(perEdge(new Tensor(inv, deg.length), s.length));
    }

    /**
     * {@return x_j for every edge j → i: [E, ...]}
     *
     * @param x the node features, [N, ...]
     * @param edges the graph's edges
     */
    protected static Tensor gatherSource(Tensor x, EdgeIndex edges) {
        return Scatter.gather(x, edges.bySource());
    }

    /**
     * {@return x_i for every edge j → i: [E, ...]}
     *
     * @param x the node features, [N, ...]
     * @param edges the graph's edges
     */
    protected static Tensor gatherTarget(Tensor x, EdgeIndex edges) {
        return Scatter.gather(x, edges.byTarget());
    }

    /**
     * Combines per-edge messages [E, ...] at their targets with this layer's aggregation: [N, ...].
     *
     * @param messages one message per edge, [E, ...]
     * @param edges the graph's edges
     * @return the aggregated messages per node, [N, ...]; 0 for a node without incoming edges
     */
    protected Tensor aggregate(Tensor messages, EdgeIndex edges) {
        return aggr.reduce(messages, edges.byTarget());
    }

    /** A vector [n] as [n, 1, ...] to broadcast over rows of rank {@code rank}. */
    static Tensor perEdge(Tensor v, int rank) {
        int[] shape = new int[rank];
        java.util.Arrays.fill(shape, 1);
        shape[0] = v.size(0);
        return v.reshape(shape);
    }

    /**
     * Fails unless x holds one row of features per node of the graph.
     *
     * @param edges the graph's edges over N nodes
     * @param x the node features, which must be [N, F, ...]
     * @throws dev.myelin.tensor.ShapeMismatchException if x has fewer than 2 dims or not N rows, naming both
     */
    protected final void checkNodes(EdgeIndex edges, Tensor x) {
        if (x.dim() < 2 || x.size(0) != edges.numNodes())
            throw new ShapeMismatchException(typeName() + ": node features of shape " + Shapes.str(x.shape())
                    + " for a graph of " + edges.numNodes() + " nodes (need [" + edges.numNodes() + ", F])");
    }

    /**
     * The generic entry point, as a PyG layer is called with {@code (x, edge_index[, edge_weight or edge_attr])}: node
     * features [N, F], the edges as a tensor [2, E] of node ids ({@link EdgeIndex#toTensor()}), and the layer's
     * optional per-edge input ({@link #edgeValuesName()}). The edge tensor is checked and turned into an
     * {@link EdgeIndex}; the last one is kept, so a graph passed again (the same tensor, unchanged) reuses its sparse
     * structures. Returns the single output {@code "output"}.
     *
     * @param inputs x, edgeIndex and, where the layer takes one, the per-edge input
     * @return the new node features as the single output
     * @throws IllegalArgumentException if the inputs are too few or too many, or an edge tensor value is not a whole
     *     number
     * @throws IndexOutOfBoundsException if a node id in the edge tensor is outside [0, N)
     * @throws dev.myelin.tensor.ShapeMismatchException if the edge tensor is not [2, E] or x has no rows
     * @throws UnsupportedOperationException if the layer does not implement {@link #forwardOnGraph}
     */
    @Override
    public Outputs call(Tensor... inputs) {
        String values = edgeValuesName();
        if (values == null) checkInputs(inputs, 2, "x", "edgeIndex");
        else checkInputs(inputs, 2, "x", "edgeIndex", values);
        Tensor x = inputs[0];
        if (x.dim() < 1)
            throw new ShapeMismatchException(
                    typeName() + ": node features of shape " + Shapes.str(x.shape()) + " (need [N, F])");
        return Outputs.of(forwardOnGraph(x, edgesOf(inputs[1], x.size(0)), inputs.length > 2 ? inputs[2] : null));
    }

    /**
     * {@return the name of the optional per-edge input of {@link #call} ({@code "edgeWeight"}, {@code "edgeAttr"}), or
     * null when the layer takes none}
     */
    protected String edgeValuesName() {
        return null;
    }

    /**
     * The layer's forward on a checked graph, for {@link #call}; layers of this package implement it with their
     * typed forward.
     *
     * @param x the node features, [N, F]
     * @param edges the graph's edges over the N nodes
     * @param edgeValues the optional per-edge input, or null
     * @return the new node features
     * @throws UnsupportedOperationException unless overridden
     */
    protected Tensor forwardOnGraph(Tensor x, EdgeIndex edges, Tensor edgeValues) {
        throw new UnsupportedOperationException(
                typeName() + " takes node features and an EdgeIndex; call forward(x, edgeIndex)");
    }

    private Tensor lastEdgeTensor;
    private int lastEdgeVersion, lastNumNodes;
    private EdgeIndex lastEdges;

    /** The edges a [2, E] tensor of node ids holds; the last tensor's is kept while the tensor is unchanged. */
    private EdgeIndex edgesOf(Tensor edgeIndex, int numNodes) {
        if (edgeIndex != lastEdgeTensor || edgeIndex.version() != lastEdgeVersion || numNodes != lastNumNodes) {
            EdgeIndex edges = EdgeIndex.of(IndexTensor.fromTensor(typeName(), "edge_index value", edgeIndex), numNodes);
            lastEdgeTensor = edgeIndex;
            lastEdgeVersion = edgeIndex.version();
            lastNumNodes = numNodes;
            lastEdges = edges;
        }
        return lastEdges;
    }
}
