/**
 * Graph data: {@link dev.myelin.data.graph.EdgeListReader} and {@link dev.myelin.data.graph.NodeFeatureReader} (CSV files
 * through the core CSV reader, errors naming the file and line), Zachary's {@link dev.myelin.data.graph.KarateClub},
 * the seeded {@link dev.myelin.data.graph.StochasticBlockModel} for node classification and
 * {@link dev.myelin.data.graph.CyclesAndTrees} for graph classification. Batch graphs with
 * {@code GraphBatch::of} as a DataLoader's collate function.
 */
package dev.myelin.data.graph;
