package dev.myelin.graph;

import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;

/**
 * A graph's edges with the self-loops replaced by one loop per node, appended after the other edges in node order,
 * as PyTorch Geometric's {@code remove_self_loops} + {@code add_self_loops} (GATConv) and
 * {@code add_remaining_self_loops} (GCNConv). Isolated nodes get a loop too, so they keep their own features.
 *
 * @param edges the new edge index: the kept (non-loop) edges in their order, then i → i for every node i
 * @param kept for each kept edge, its position in the original edge list
 * @param existingLoop for each node, the position of its last self-loop in the original list, or −1
 * @param originalEdges the number of edges of the original graph
 */
public record SelfLoops(EdgeIndex edges, int[] kept, int[] existingLoop, int originalEdges) {

    static SelfLoops of(EdgeIndex g) {
        int n = g.numNodes(), e = g.numEdges(), k = 0;
        int[] loop = new int[n];
        java.util.Arrays.fill(loop, -1);
        for (int p = 0; p < e; p++) {
            if (g.source(p) == g.target(p)) loop[g.source(p)] = p;
            else k++;
        }
        int[] kept = new int[k], s = new int[k + n], t = new int[k + n];
        for (int p = 0, q = 0; p < e; p++)
            if (g.source(p) != g.target(p)) {
                kept[q] = p;
                s[q] = g.source(p);
                t[q++] = g.target(p);
            }
        for (int i = 0; i < n; i++) s[k + i] = t[k + i] = i;
        return new SelfLoops(EdgeIndex.trusted(s, t, n), kept, loop, e);
    }

    /** {@return for each kept edge, its position in the original edge list; a copy (the record is shared)} */
    @Override
    public int[] kept() {
        return kept.clone();
    }

    /** {@return for each node, the position of its last original self-loop or −1; a copy (the record is shared)} */
    @Override
    public int[] existingLoop() {
        return existingLoop.clone();
    }

    /**
     * The weights of the new edges from the original ones (shape [E]; null: ones): kept edges keep theirs, loops get
     * {@code fill}, or, when {@code keepExisting} (add_remaining_self_loops), the weight of the node's existing loop.
     * Differentiable with respect to the original weights (an index select of [weights, fill]).
     *
     * @param original the original graph's edge weights, [E], or null for ones
     * @param fill the weight of a new self-loop (1 for GAT and GCN, 2 for GCN's {@code improved})
     * @param keepExisting whether a node that had a self-loop keeps that loop's weight instead of {@code fill}
     * @return the weights of {@link #edges()}' edges
     * @throws dev.myelin.tensor.ShapeMismatchException if original is not [E] of the original graph
     */
    public Tensor weights(Tensor original, float fill, boolean keepExisting) {
        int e = kept.length + existingLoop.length, m = original == null ? 0 : original.size(0);
        if (original != null && (original.dim() != 1 || m != originalEdges))
            throw new ShapeMismatchException("edge_weight of shape " + Shapes.str(original.shape()) + " for "
                    + originalEdges + " edges (need [" + originalEdges + "])");
        if (original == null) {
            float[] w = new float[e];
            java.util.Arrays.fill(w, 0, kept.length, 1f);
            for (int i = 0; i < existingLoop.length; i++)
                w[kept.length + i] = keepExisting && existingLoop[i] >= 0 ? 1f : fill;
            return new Tensor(w, e);
        }
        int[] pick = new int[e];
        System.arraycopy(kept, 0, pick, 0, kept.length);
        for (int i = 0; i < existingLoop.length; i++)
            pick[kept.length + i] = keepExisting && existingLoop[i] >= 0 ? existingLoop[i] : m;
        return Tensor.cat(java.util.List.of(original, Tensor.full(fill, 1)), 0).indexSelect(0, IndexTensor.of(pick, e));
    }

    /**
     * The features of the new edges from the original ones, as PyG's {@code remove_self_loops} then
     * {@code add_self_loops(edge_attr, fill_value)}: the kept edges keep theirs, and the loop of node i gets
     * {@code fill} over the kept edges into i (an old loop's features are dropped with the loop). Differentiable
     * with respect to the original features (an index select, a scatter and a concatenation).
     *
     * @param original the original graph's edge features, [E, D], or [E] for one feature per edge
     * @param fill how a loop's features are filled
     * @return the features of {@link #edges()}' edges, [E', D]
     * @throws dev.myelin.tensor.ShapeMismatchException if original is not [E] or [E, D] of the original graph
     */
    public Tensor attributes(Tensor original, SelfLoopFill fill) {
        if (original == null || (original.dim() != 1 && original.dim() != 2) || original.size(0) != originalEdges)
            throw new ShapeMismatchException("edge_attr of shape "
                    + (original == null ? "null" : Shapes.str(original.shape())) + " for " + originalEdges
                    + " edges (need [" + originalEdges + ", D] or [" + originalEdges + "])");
        Tensor attr = original.dim() == 1 ? original.reshape(originalEdges, 1) : original;
        int k = kept.length, n = existingLoop.length, d = attr.size(1);
        Tensor keptAttr = attr.indexSelect(0, IndexTensor.of(kept.clone(), k));
        int[] into = new int[k];
        for (int q = 0; q < k; q++) into[q] = edges.target(q);
        IndexTensor targets = IndexTensor.of(into, k);
        Tensor loops = switch (fill.reduce() == null ? "constant" : fill.reduce()) {
            case "mean" -> Scatter.mean(keptAttr, targets, n);
            case "add", "sum" -> Scatter.sum(keptAttr, targets, n);
            case "max" -> Scatter.max(keptAttr, targets, n);
            case "min" -> Scatter.max(keptAttr.neg(), targets, n).neg();
            default -> Tensor.full((float) fill.constant(), n, d);
        };
        return Tensor.cat(java.util.List.of(keptAttr, loops), 0);
    }
}
