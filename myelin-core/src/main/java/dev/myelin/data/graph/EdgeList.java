package dev.myelin.data.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.tensor.Tensor;

/** Edges read from a file, with their weights ([E]) or null when the file has no weight column. */
public record EdgeList(EdgeIndex edges, Tensor weights) {}
