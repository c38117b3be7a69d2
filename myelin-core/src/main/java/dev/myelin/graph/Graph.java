package dev.myelin.graph;

import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * One graph, as PyTorch Geometric's {@code Data}: node features x [N, F], edges, optional edge weights [E] and
 * optional labels y (one per node for node classification, or a single one for the graph). Checked when made.
 *
 * @param x the node features, [N, F]
 * @param edges the edges over the N nodes
 * @param edgeWeight one weight per edge, [E], or null for none
 * @param y the labels, [N] per node or [1] for the graph, or null for none
 */
public record Graph(Tensor x, EdgeIndex edges, Tensor edgeWeight, IndexTensor y) {
    /**
     * A graph; the shapes are checked.
     *
     * @param x the node features, [N, F]
     * @param edges the edges over the N nodes
     * @param edgeWeight one weight per edge, [E], or null for none
     * @param y the labels, [N] per node or [1] for the graph, or null for none
     * @throws IllegalArgumentException if x or edges is null
     * @throws dev.myelin.tensor.ShapeMismatchException if x is not [N, F], edgeWeight not [E] or y not 1-D
     */
    public Graph {
        if (x == null || edges == null) throw new IllegalArgumentException("Graph: x and edges are required");
        if (x.dim() != 2 || x.size(0) != edges.numNodes())
            throw new ShapeMismatchException("Graph: node features of shape " + Shapes.str(x.shape()) + " for "
                    + edges.numNodes() + " nodes (need [" + edges.numNodes() + ", F])");
        if (edgeWeight != null && (edgeWeight.dim() != 1 || edgeWeight.size(0) != edges.numEdges()))
            throw new ShapeMismatchException("Graph: edge weights of shape " + Shapes.str(edgeWeight.shape()) + " for "
                    + edges.numEdges() + " edges (need [" + edges.numEdges() + "])");
        if (y != null && y.dim() != 1)
            throw new ShapeMismatchException(
                    "Graph: labels must be 1-D ([N] per node or [1] per graph), got " + Shapes.str(y.shape()));
    }

    /**
     * A graph without edge weights or labels.
     *
     * @param x the node features, [N, F]
     * @param edges the edges over the N nodes
     * @throws IllegalArgumentException if x or edges is null
     * @throws dev.myelin.tensor.ShapeMismatchException if x is not [N, F]
     */
    public Graph(Tensor x, EdgeIndex edges) {
        this(x, edges, null, null);
    }

    /** {@return the number of nodes N} */
    public int numNodes() {
        return edges.numNodes();
    }

    /** {@return the number of directed edges E} */
    public int numEdges() {
        return edges.numEdges();
    }
}
