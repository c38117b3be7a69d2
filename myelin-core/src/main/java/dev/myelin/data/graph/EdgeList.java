package dev.myelin.data.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.tensor.Tensor;

/**
 * Edges read from a file ({@link EdgeListReader}), with their weights and features.
 *
 * @param edges the directed edges (both directions of each line for an undirected list) and the node count
 * @param weights one weight per directed edge, shape [E], or null when the file has no weight column
 * @param features the edge features, one row per directed edge, shape [E, D], or null when none were read
 */
public record EdgeList(EdgeIndex edges, Tensor weights, Tensor features) {
    /**
     * Edges with weights and no features.
     *
     * @param edges the directed edges and the node count
     * @param weights one weight per directed edge, shape [E], or null
     */
    public EdgeList(EdgeIndex edges, Tensor weights) {
        this(edges, weights, null);
    }
}
