/**
 * Graph data: {@link dev.myelin.data.graph.EdgeListReader} (edges, weights and named edge-feature columns) and
 * {@link dev.myelin.data.graph.NodeFeatureReader} (CSV files through the core CSV reader, errors naming the file and
 * line), Zachary's {@link dev.myelin.data.graph.KarateClub}, the seeded
 * {@link dev.myelin.data.graph.StochasticBlockModel} for node classification and
 * {@link dev.myelin.data.graph.CyclesAndTrees} for graph classification; neighbour-sampled mini-batches for graphs too
 * big for full-batch steps ({@link dev.myelin.data.graph.NeighborSampler}, {@link dev.myelin.data.graph.NeighborLoader},
 * as PyTorch Geometric's {@code NeighborLoader}). Batch graphs with {@code GraphBatch::of} as a DataLoader's collate
 * function.
 */
package dev.myelin.data.graph;
