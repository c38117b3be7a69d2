package dev.myelin.nn.graph;

import dev.myelin.graph.BatchVector;
import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.Scatter;
import dev.myelin.graph.SelfLoops;
import dev.myelin.graph.SparseMatrix;
import dev.myelin.tensor.Tensor;

/**
 * Functional graph ops beside the layers (PyTorch Geometric's {@code gcn_norm}, {@code softmax},
 * {@code global_*_pool}).
 */
public final class GraphF {
    private GraphF() {}

    /**
     * A graph with its normalized edge weights: what a GCN layer propagates over.
     *
     * @param edges the edges, with self-loops if they were added
     * @param weights the normalized weight of each of those edges, [E']
     */
    public record Normalized(EdgeIndex edges, Tensor weights) {}

    /**
     * PyG's {@code gcn_norm}: self-loops added where missing ({@code add_remaining_self_loops}, weight 1, or 2 when
     * {@code improved}; an existing loop keeps its weight), deg_i = Σ of the weights of i's incoming edges, and each
     * edge j → i weighted w_ji / √(deg_j·deg_i) (a node of degree 0 contributes 0). Differentiable in the weights.
     *
     * @param edges the graph's edges
     * @param edgeWeight one weight per edge, [E], or null for ones
     * @param improved whether added self-loops get weight 2 instead of 1
     * @param addSelfLoops whether to add the missing self-loops first
     * @return the edges (with self-loops if added) and their normalized weights
     * @throws dev.myelin.tensor.ShapeMismatchException if edgeWeight is not [E]
     */
    public static Normalized gcnNorm(EdgeIndex edges, Tensor edgeWeight, boolean improved, boolean addSelfLoops) {
        EdgeIndex g = edges;
        Tensor w;
        if (addSelfLoops) {
            SelfLoops loops = edges.selfLoops();
            g = loops.edges();
            w = loops.weights(edgeWeight, improved ? 2f : 1f, true);
        } else {
            w = edgeWeight != null ? edgeWeight : Tensor.ones(edges.numEdges());
        }
        Tensor deg = Scatter.sum(w, g.byTarget());
        Tensor positive = deg.gt(0);
        Tensor inverseSqrt = Tensor.where(
                positive, Tensor.where(positive, deg, Tensor.ones(deg.shape())).pow(-0.5f), Tensor.zeros(deg.shape()));
        Tensor norm = Scatter.gather(inverseSqrt, g.bySource()).mul(w).mul(Scatter.gather(inverseSqrt, g.byTarget()));
        return new Normalized(g, norm);
    }

    /**
     * PyG's {@code softmax(src, index)}: a softmax of src [E, ...] over the entries of each group (each node's
     * incoming edges), shifted by the group's maximum (detached, as PyG) and with 1e-16 added to the sum.
     *
     * @param src the scores, [E, ...]
     * @param grouping the [N, E] grouping of the entries, e.g. {@link EdgeIndex#byTarget()}
     * @return the softmax within each group, [E, ...]
     * @throws dev.myelin.tensor.ShapeMismatchException if src does not have one row per grouped entry
     */
    public static Tensor softmax(Tensor src, SparseMatrix grouping) {
        Tensor max = Scatter.max(src.detach(), grouping);
        Tensor e = src.sub(Scatter.gather(max, grouping)).exp();
        return e.div(Scatter.gather(Scatter.sum(e, grouping), grouping).add(1e-16f));
    }

    /**
     * PyG's {@code global_add_pool}: Σ of each graph's node rows.
     *
     * @param x the node features of a batch of graphs, [N, F]
     * @param batch each node's graph
     * @return one row per graph, [numGraphs, F]; 0 for an empty graph
     * @throws dev.myelin.tensor.ShapeMismatchException if x does not have one row per node of batch
     */
    public static Tensor globalAddPool(Tensor x, BatchVector batch) {
        return Scatter.sum(x, batch.grouping());
    }

    /**
     * PyG's {@code global_mean_pool}: the mean of each graph's node rows.
     *
     * @param x the node features of a batch of graphs, [N, F]
     * @param batch each node's graph
     * @return one row per graph, [numGraphs, F]; 0 for an empty graph
     * @throws dev.myelin.tensor.ShapeMismatchException if x does not have one row per node of batch
     */
    public static Tensor globalMeanPool(Tensor x, BatchVector batch) {
        return Scatter.mean(x, batch.grouping());
    }

    /**
     * PyG's {@code global_max_pool}: the elementwise maximum of each graph's node rows.
     *
     * @param x the node features of a batch of graphs, [N, F]
     * @param batch each node's graph
     * @return one row per graph, [numGraphs, F]; 0 for an empty graph
     * @throws dev.myelin.tensor.ShapeMismatchException if x does not have one row per node of batch
     */
    public static Tensor globalMaxPool(Tensor x, BatchVector batch) {
        return Scatter.max(x, batch.grouping());
    }
}
