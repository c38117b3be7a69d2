package dev.myelin.graph;

import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Many small graphs as one disconnected graph, as PyTorch Geometric's {@code Batch}: node features stacked, edge
 * indices offset by the nodes before them, and the {@link BatchVector} naming each node's graph (for pooling).
 * Labels are concatenated (one per graph, or one per node).
 *
 * @param x the stacked node features, [N, F] with N the total node count
 * @param edges the edges of all graphs, each graph's indices offset by the nodes before it
 * @param edgeWeight the concatenated edge weights, [E], or null for none
 * @param batch each node's graph
 * @param y the concatenated labels, or null for none
 */
public record GraphBatch(Tensor x, EdgeIndex edges, Tensor edgeWeight, BatchVector batch, IndexTensor y) {
    /**
     * A batch; the shapes are checked as {@link Graph}'s, and the batch vector must cover every node.
     *
     * @param x the stacked node features, [N, F]
     * @param edges the edges of all graphs
     * @param edgeWeight the edge weights, [E], or null for none
     * @param batch each node's graph, [N]
     * @param y the labels, or null for none
     * @throws dev.myelin.tensor.ShapeMismatchException if a shape does not fit the node or edge count
     */
    public GraphBatch {
        if (batch.numNodes() != edges.numNodes())
            throw new ShapeMismatchException(
                    "GraphBatch: batch vector of " + batch.numNodes() + " nodes for a graph of " + edges.numNodes());
        new Graph(x, edges, edgeWeight, null); // the same shape checks
    }

    /**
     * Collates graphs (all with edge weights or none; all with labels or none; the same feature width), as PyG's
     * {@code Batch.from_data_list}.
     *
     * @param graphs the graphs, in order; graph k's nodes get batch entry k
     * @return the batch
     * @throws IllegalArgumentException if the list is empty, or graphs differ in having edge weights or labels
     * @throws dev.myelin.tensor.ShapeMismatchException if graphs differ in feature width
     */
    public static GraphBatch of(List<Graph> graphs) {
        if (graphs.isEmpty()) throw new IllegalArgumentException("GraphBatch.of: no graphs");
        int nodes = 0, edges = 0, f = graphs.get(0).x().size(1);
        boolean weighted = graphs.get(0).edgeWeight() != null,
                labelled = graphs.get(0).y() != null;
        for (int k = 0; k < graphs.size(); k++) {
            Graph g = graphs.get(k);
            if (g.x().size(1) != f)
                throw new ShapeMismatchException(
                        "GraphBatch.of: graph " + k + " has " + g.x().size(1) + " features per node, graph 0 has " + f);
            if ((g.edgeWeight() != null) != weighted || (g.y() != null) != labelled)
                throw new IllegalArgumentException(
                        "GraphBatch.of: graph " + k + " differs from graph 0 in having edge weights or labels");
            nodes = Math.addExact(nodes, g.numNodes());
            edges = Math.addExact(edges, g.numEdges());
        }
        int[] src = new int[edges], dst = new int[edges], graphOf = new int[nodes];
        List<Tensor> xs = new ArrayList<>(), ws = new ArrayList<>();
        List<int[]> ys = new ArrayList<>();
        int offset = 0, at = 0, labels = 0;
        for (int k = 0; k < graphs.size(); k++) {
            Graph g = graphs.get(k);
            for (int e = 0; e < g.numEdges(); e++, at++) {
                src[at] = g.edges().source(e) + offset;
                dst[at] = g.edges().target(e) + offset;
            }
            java.util.Arrays.fill(graphOf, offset, offset + g.numNodes(), k);
            offset += g.numNodes();
            xs.add(g.x());
            if (weighted) ws.add(g.edgeWeight());
            if (labelled) {
                ys.add(g.y().toArray());
                labels += g.y().numel();
            }
        }
        IndexTensor y = null;
        if (labelled) {
            int[] all = new int[labels];
            int p = 0;
            for (int[] part : ys) {
                System.arraycopy(part, 0, all, p, part.length);
                p += part.length;
            }
            y = IndexTensor.of(all, labels);
        }
        return new GraphBatch(
                Tensor.cat(xs, 0),
                EdgeIndex.trusted(src, dst, nodes),
                weighted ? Tensor.cat(ws, 0) : null,
                BatchVector.of(graphOf, graphs.size()),
                y);
    }

    /** {@return the number of graphs in the batch} */
    public int numGraphs() {
        return batch.numGraphs();
    }
}
