/**
 * Graphs as tensors: {@link dev.myelin.graph.EdgeIndex} (validated [2, E] source/target lists with their CSR
 * groupings, built once per graph), {@link dev.myelin.graph.SparseMatrix} (COO with CSR and transposed CSR),
 * the differentiable sparse × dense product {@link dev.myelin.graph.Sparse} and scatter sum/mean/max
 * ({@link dev.myelin.graph.Scatter}), self-loops with their weights and edge features
 * ({@link dev.myelin.graph.SelfLoops}, {@link dev.myelin.graph.SelfLoopFill}), and graph batches ({@link dev.myelin.graph.Graph},
 * {@link dev.myelin.graph.GraphBatch}) with a checked batch vector. Layers are in {@code dev.myelin.nn.graph}.
 */
package dev.myelin.graph;
