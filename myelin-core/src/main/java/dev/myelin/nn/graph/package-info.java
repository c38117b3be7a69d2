/**
 * Graph layers with PyTorch Geometric's semantics, parameter names and initialization: {@link
 * dev.myelin.nn.graph.GCNConv}, {@link dev.myelin.nn.graph.SAGEConv}, {@link dev.myelin.nn.graph.GINConv}, the graph transformer
 * {@link dev.myelin.nn.graph.TransformerConv}, and the
 * attention layers {@link dev.myelin.nn.graph.GATConv} and {@link dev.myelin.nn.graph.GATv2Conv} (edge features,
 * attention coefficients) on {@link dev.myelin.nn.graph.AttentionConv}, all on a small
 * {@link dev.myelin.nn.graph.MessagePassing} base; {@link dev.myelin.nn.graph.GlobalPool}; the functional
 * {@link dev.myelin.nn.graph.GraphF} (gcn_norm, softmax over each node's incoming edges, global add/mean/max pooling).
 * The layers are registered module types: a {@code GraphModule} passes them the edges as a [2, E] tensor.
 */
package dev.myelin.nn.graph;
