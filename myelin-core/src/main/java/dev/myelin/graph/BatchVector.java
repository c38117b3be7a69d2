package dev.myelin.graph;

import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * PyTorch Geometric's {@code batch} vector: for every node of a batch of graphs, the graph it belongs to. It must be
 * sorted (the nodes of graph 0, then those of graph 1, ...) and in [0, numGraphs); the check names the first node
 * that breaks a rule. The grouping of nodes by graph that pooling needs is built once.
 */
public final class BatchVector {
    private final int[] graphOf;
    private final int numGraphs;
    private volatile SparseMatrix grouping;

    private BatchVector(int[] graphOf, int numGraphs) {
        this.graphOf = graphOf;
        this.numGraphs = numGraphs;
    }

    /**
     * A checked batch vector for {@code numNodes} nodes in {@code numGraphs} graphs (−1: one more than the largest
     * entry).
     *
     * @param batch each node's graph, shape [numNodes], sorted
     * @param numNodes the number of nodes
     * @param numGraphs the number of graphs, or −1 to take one more than the largest entry
     * @return the batch vector
     * @throws dev.myelin.tensor.ShapeMismatchException if batch is not [numNodes]
     * @throws IndexOutOfBoundsException if an entry is outside [0, numGraphs)
     * @throws IllegalArgumentException if the entries are not sorted
     */
    public static BatchVector of(IndexTensor batch, int numNodes, int numGraphs) {
        if (batch.dim() != 1 || batch.size(0) != numNodes)
            throw new ShapeMismatchException("batch vector of shape " + Shapes.str(batch.shape()) + " for " + numNodes
                    + " nodes (need [" + numNodes + "])");
        return of(batch.toArray(), numGraphs);
    }

    /**
     * A checked batch vector from each node's graph (copied).
     *
     * @param batch each node's graph, sorted
     * @param numGraphs the number of graphs, or −1 to take one more than the largest entry
     * @return the batch vector
     * @throws IndexOutOfBoundsException if an entry is outside [0, numGraphs)
     * @throws IllegalArgumentException if the entries are not sorted
     */
    public static BatchVector of(int[] batch, int numGraphs) {
        int size = numGraphs;
        if (size < 0) {
            size = 0;
            for (int b : batch) size = Math.max(size, b + 1);
        }
        for (int i = 0; i < batch.length; i++) {
            if (batch[i] < 0 || batch[i] >= size)
                throw new IndexOutOfBoundsException(
                        "batch vector: node " + i + " is in graph " + batch[i] + ", outside [0, " + size + ")");
            if (i > 0 && batch[i] < batch[i - 1])
                throw new IllegalArgumentException("batch vector is not sorted: node " + i + " is in graph " + batch[i]
                        + " after node " + (i - 1) + " in graph " + batch[i - 1]
                        + "; list the nodes graph by graph (as a collated GraphBatch does)");
        }
        return new BatchVector(batch.clone(), size);
    }

    /**
     * One graph holding {@code numNodes} nodes (every entry 0).
     *
     * @param numNodes the number of nodes
     * @return the batch vector
     */
    public static BatchVector single(int numNodes) {
        return new BatchVector(new int[numNodes], 1);
    }

    /** {@return the number of graphs} */
    public int numGraphs() {
        return numGraphs;
    }

    /** {@return the number of nodes (the vector's length)} */
    public int numNodes() {
        return graphOf.length;
    }

    /**
     * {@return the graph that {@code node} belongs to}
     *
     * @param node a node index in [0, numNodes)
     */
    public int graphOf(int node) {
        return graphOf[node];
    }

    /**
     * {@return the vector as a float tensor [numNodes], the form {@code GlobalPool} takes through {@code call(x,
     * batch)} (in a {@code GraphModule}, say)}
     */
    public Tensor toTensor() {
        float[] v = new float[graphOf.length];
        for (int i = 0; i < v.length; i++) v[i] = graphOf[i];
        return new Tensor(v, v.length);
    }

    /** {@return the vector as a [numNodes] index tensor, PyG's {@code batch}} */
    public IndexTensor toIndexTensor() {
        return IndexTensor.of(graphOf.clone(), graphOf.length);
    }

    /** {@return the [numGraphs, numNodes] grouping of nodes by graph (for {@link Scatter}), built once} */
    public SparseMatrix grouping() {
        SparseMatrix g = grouping;
        if (g == null) grouping = g = SparseMatrix.grouping(graphOf, numGraphs);
        return g;
    }
}
