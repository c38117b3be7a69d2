package dev.myelin.nn.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.SelfLoopFill;
import dev.myelin.graph.SelfLoops;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * The graph and edge features an attention layer scores, as PyG's GAT layers prepare them: edge_attr checked against
 * the layer's {@code edge_dim}, then the self-loops replaced by one per node, whose features are filled from the
 * node's incoming edges ({@link SelfLoops#attributes}).
 *
 * @param edges the edges to score (with one self-loop per node when the layer adds them)
 * @param features their features, [E', edgeDim], or null when none were given
 */
record EdgeFeatures(EdgeIndex edges, Tensor features) {

    static EdgeFeatures prepare(
            String layer, EdgeIndex edges, Tensor edgeAttr, Integer edgeDim, boolean addSelfLoops, SelfLoopFill fill) {
        if (edgeAttr != null && edgeDim == null)
            throw new IllegalArgumentException(layer
                    + ": edge_attr given, but the layer was built without edge_dim; pass edgeDim to use edge features");
        Tensor e = edgeAttr == null ? null : checked(layer, edgeAttr, edges.numEdges(), edgeDim);
        if (!addSelfLoops) return new EdgeFeatures(edges, e);
        SelfLoops loops = edges.selfLoops();
        return new EdgeFeatures(loops.edges(), e == null ? null : loops.attributes(e, fill));
    }

    /** edgeAttr as [E, edgeDim] (a vector when edgeDim is 1), or a shape error naming the layer. */
    private static Tensor checked(String layer, Tensor edgeAttr, int m, int edgeDim) {
        boolean vector = edgeAttr.dim() == 1 && edgeDim == 1 && edgeAttr.size(0) == m;
        if (!vector && (edgeAttr.dim() != 2 || edgeAttr.size(0) != m || edgeAttr.size(1) != edgeDim))
            throw new ShapeMismatchException(layer + ": edge_attr of shape " + Shapes.str(edgeAttr.shape()) + " for "
                    + m + " edges (need [" + m + ", " + edgeDim + "]" + (edgeDim == 1 ? " or [" + m + "]" : "") + ")");
        return vector ? edgeAttr.reshape(m, 1) : edgeAttr;
    }

    /**
     * {@return the features through {@code linEdge}, as [E', heads, out] to add to per-edge terms}
     *
     * @param linEdge the layer's {@code lin_edge}
     * @param heads the number of heads
     * @param out the output size per head
     */
    Tensor projected(dev.myelin.nn.Linear linEdge, int heads, int out) {
        return linEdge.forward(features).reshape(edges.numEdges(), heads, out);
    }
}
