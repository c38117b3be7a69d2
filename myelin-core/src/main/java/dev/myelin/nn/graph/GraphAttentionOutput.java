package dev.myelin.nn.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.tensor.Tensor;

/**
 * A graph attention layer's output with its attention coefficients, as PyTorch Geometric's
 * {@code forward(..., return_attention_weights=True)} returns {@code (out, (edge_index, alpha))}.
 *
 * @param out the new node features, [N, heads·out] or [N, out]
 * @param edges the edges the coefficients belong to (with the self-loops when the layer adds them)
 * @param alpha α per edge and head, [E', heads]
 */
public record GraphAttentionOutput(Tensor out, EdgeIndex edges, Tensor alpha) {}
