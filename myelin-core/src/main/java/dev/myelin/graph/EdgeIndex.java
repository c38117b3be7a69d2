package dev.myelin.graph;

import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * A graph's edges as PyTorch Geometric's {@code edge_index}: E directed edges j → i, sources in row 0 and targets
 * in row 1, over {@code numNodes} nodes (an undirected graph lists both directions). Every index is checked against
 * the node count when it is made. The sparse structures the layers need (the adjacency A with A[i, j] for each edge
 * j → i, the groupings of edges by target and by source, the graph with self-loops) are built on first use and kept,
 * so a layer run on the same graph every epoch builds them once. Immutable.
 */
public final class EdgeIndex {
    private final int numNodes;
    private final int[] src, dst;
    private volatile SparseMatrix adjacency, byTarget, bySource;
    private volatile SelfLoops selfLoops;

    private EdgeIndex(int[] src, int[] dst, int numNodes) {
        this.src = src;
        this.dst = dst;
        this.numNodes = numNodes;
    }

    /**
     * From an index tensor of shape [2, E], as PyG's {@code edge_index}: sources in row 0, targets in row 1.
     *
     * @param edgeIndex the edges, [2, E]
     * @param numNodes the number of nodes N
     * @return the checked edge index
     * @throws dev.myelin.tensor.ShapeMismatchException if edgeIndex is not [2, E]
     * @throws IndexOutOfBoundsException if an index is outside [0, numNodes)
     */
    public static EdgeIndex of(IndexTensor edgeIndex, int numNodes) {
        if (edgeIndex.dim() != 2 || edgeIndex.size(0) != 2)
            throw new ShapeMismatchException(
                    "edge_index must have shape [2, E] (sources, targets), got " + Shapes.str(edgeIndex.shape()));
        int[] all = edgeIndex.toArray();
        int e = edgeIndex.size(1);
        return of(java.util.Arrays.copyOfRange(all, 0, e), java.util.Arrays.copyOfRange(all, e, 2 * e), numNodes);
    }

    /**
     * From sources and targets of equal length (copied), each in [0, numNodes).
     *
     * @param sources the source j of each edge j → i
     * @param targets the target i of each edge
     * @param numNodes the number of nodes N, at least 0
     * @return the checked edge index
     * @throws IllegalArgumentException if numNodes is negative
     * @throws dev.myelin.tensor.ShapeMismatchException if the lengths differ
     * @throws IndexOutOfBoundsException if an index is outside [0, numNodes), naming the edge
     */
    public static EdgeIndex of(int[] sources, int[] targets, int numNodes) {
        if (numNodes < 0)
            throw new IllegalArgumentException("edge_index: the node count must be >= 0, got " + numNodes);
        if (sources.length != targets.length)
            throw new ShapeMismatchException(
                    "edge_index: " + sources.length + " sources but " + targets.length + " targets");
        check(sources, 0, numNodes);
        check(targets, 1, numNodes);
        return new EdgeIndex(sources.clone(), targets.clone(), numNodes);
    }

    /** Arrays already checked (and owned) by this package. */
    static EdgeIndex trusted(int[] sources, int[] targets, int numNodes) {
        return new EdgeIndex(sources, targets, numNodes);
    }

    private static void check(int[] idx, int row, int numNodes) {
        for (int e = 0; e < idx.length; e++)
            if (idx[e] < 0 || idx[e] >= numNodes)
                throw new IndexOutOfBoundsException(
                        "edge_index[" + row + ", " + e + "] = " + idx[e] + " is not a node: the graph has " + numNodes
                                + " nodes (valid indices 0.." + (numNodes - 1) + ")");
    }

    /**
     * Both directions of every listed pair (an undirected edge list to PyG's two directed edges per edge): pair k
     * becomes edges 2k (a → b) and 2k + 1 (b → a).
     *
     * @param a the first end of each edge
     * @param b the second end of each edge
     * @param numNodes the number of nodes N
     * @return the checked edge index with 2·a.length edges
     * @throws dev.myelin.tensor.ShapeMismatchException if the lengths differ
     * @throws IndexOutOfBoundsException if an index is outside [0, numNodes)
     */
    public static EdgeIndex undirected(int[] a, int[] b, int numNodes) {
        if (a.length != b.length)
            throw new ShapeMismatchException("edge list: " + a.length + " first ends but " + b.length + " second ends");
        int e = a.length;
        int[] s = new int[2 * e], t = new int[2 * e];
        for (int k = 0; k < e; k++) {
            s[2 * k] = a[k];
            t[2 * k] = b[k];
            s[2 * k + 1] = b[k];
            t[2 * k + 1] = a[k];
        }
        return of(s, t, numNodes);
    }

    /**
     * {@return the edges as a float tensor [2, E], sources in row 0 and targets in row 1: PyG's {@code edge_index} as
     * the graph layers take it through {@code call(x, edgeIndex)} (in a {@code GraphModule}, say)}
     */
    public Tensor toTensor() {
        int e = numEdges();
        float[] v = new float[2 * e];
        for (int k = 0; k < e; k++) {
            v[k] = source(k);
            v[e + k] = target(k);
        }
        return new Tensor(v, 2, e);
    }

    /** {@return the number of nodes N} */
    public int numNodes() {
        return numNodes;
    }

    /** {@return the number of directed edges E} */
    public int numEdges() {
        return src.length;
    }

    /**
     * {@return the source j of edge {@code e} (j → i)}
     *
     * @param e an edge index in [0, E)
     */
    public int source(int e) {
        return src[e];
    }

    /**
     * {@return the target i of edge {@code e} (j → i)}
     *
     * @param e an edge index in [0, E)
     */
    public int target(int e) {
        return dst[e];
    }

    /** {@return the source of every edge, in edge order; a copy} */
    public int[] sources() {
        return src.clone();
    }

    /** {@return the target of every edge, in edge order; a copy} */
    public int[] targets() {
        return dst.clone();
    }

    /** {@return the [2, E] index tensor, sources in row 0 and targets in row 1} */
    public IndexTensor toIndexTensor() {
        int[] all = new int[2 * src.length];
        System.arraycopy(src, 0, all, 0, src.length);
        System.arraycopy(dst, 0, all, src.length, dst.length);
        return IndexTensor.of(all, 2, src.length);
    }

    /** {@return the adjacency A [N, N], one entry (i, j) per edge j → i in edge order: A·X sums the incoming x_j} */
    public SparseMatrix adjacency() {
        SparseMatrix a = adjacency;
        if (a == null) adjacency = a = SparseMatrix.trusted(dst, src, numNodes, numNodes);
        return a;
    }

    /** {@return the [N, E] grouping of edges by target: scatters per-edge messages to the node they arrive at} */
    public SparseMatrix byTarget() {
        SparseMatrix a = byTarget;
        if (a == null) byTarget = a = SparseMatrix.trusted(dst, arange(src.length), numNodes, src.length);
        return a;
    }

    /** {@return the [N, E] grouping of edges by source; its transpose gathers x_j for every edge} */
    public SparseMatrix bySource() {
        SparseMatrix a = bySource;
        if (a == null) bySource = a = SparseMatrix.trusted(src, arange(src.length), numNodes, src.length);
        return a;
    }

    /** {@return the number of incoming edges of each node, [N]; a new array} */
    public int[] inDegree() {
        int[] d = new int[numNodes];
        for (int t : dst) d[t]++;
        return d;
    }

    /** {@return this graph with its self-loops replaced by exactly one per node (built once)} */
    public SelfLoops selfLoops() {
        SelfLoops s = selfLoops;
        if (s == null) selfLoops = s = SelfLoops.of(this);
        return s;
    }

    private static int[] arange(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    @Override
    public String toString() {
        return "EdgeIndex(num_nodes=" + numNodes + ", num_edges=" + src.length + ")";
    }
}
