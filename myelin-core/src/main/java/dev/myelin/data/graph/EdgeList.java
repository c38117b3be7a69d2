package dev.myelin.data.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.tensor.Tensor;

/**
 * Edges read from a file ({@link EdgeListReader}), with their weights.
 *
 * @param edges the directed edges (both directions of each line for an undirected list) and the node count
 * @param weights one weight per directed edge, shape [E], or null when the file has no weight column
 */
public record EdgeList(EdgeIndex edges, Tensor weights) {}
