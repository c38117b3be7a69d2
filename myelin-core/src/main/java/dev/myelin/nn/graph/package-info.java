/**
 * Graph layers with PyTorch Geometric's semantics, parameter names and initialization: {@link
 * dev.myelin.nn.graph.GCNConv}, {@link dev.myelin.nn.graph.SAGEConv}, {@link dev.myelin.nn.graph.GATConv} on a small
 * {@link dev.myelin.nn.graph.MessagePassing} base, and the functional {@link dev.myelin.nn.graph.GraphF} (gcn_norm,
 * softmax over each node's incoming edges, global add/mean/max pooling).
 */
package dev.myelin.nn.graph;
