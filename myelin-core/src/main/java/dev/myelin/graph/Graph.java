package dev.myelin.graph;

import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * One graph, as PyTorch Geometric's {@code Data}: node features x [N, F], edges, optional edge weights [E] and
 * optional labels y (one per node for node classification, or a single one for the graph). Checked when made.
 */
public record Graph(Tensor x, EdgeIndex edges, Tensor edgeWeight, IndexTensor y) {
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

    public Graph(Tensor x, EdgeIndex edges) {
        this(x, edges, null, null);
    }

    public int numNodes() {
        return edges.numNodes();
    }

    public int numEdges() {
        return edges.numEdges();
    }
}
