package dev.myelin.data.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.Tensor;

/**
 * A sampled neighbourhood ({@link NeighborSampler}), as the mini-batch PyTorch Geometric's {@code NeighborLoader}
 * gives: the reached nodes' original ids ({@code n_id}), seeds first; the sampled edges between them, renumbered
 * ({@code edge_index}); how many leading nodes are seeds ({@code batch_size}); and each edge's id in the original
 * graph ({@code e_id}). A model runs on {@code nodeRows(x)} and {@link #edges()}, and its first {@code batchSize}
 * output rows are the seeds'.
 *
 * @param nodeIds the original id of each node of the subgraph, the seeds first
 * @param edges the sampled edges, as positions in nodeIds
 * @param batchSize the number of seeds
 * @param edgeIds the original id of each sampled edge
 */
public record SampledSubgraph(int[] nodeIds, EdgeIndex edges, int batchSize, int[] edgeIds) {
    /** {@return the original node ids; a copy} */
    @Override
    public int[] nodeIds() {
        return nodeIds.clone();
    }

    /** {@return the original edge ids; a copy} */
    @Override
    public int[] edgeIds() {
        return edgeIds.clone();
    }

    /**
     * {@return the rows of a per-node tensor (features, [N, ...]) for the subgraph's nodes}
     *
     * @param perNode one row per node of the original graph
     */
    public Tensor nodeRows(Tensor perNode) {
        return perNode.indexSelect(0, IndexTensor.of(nodeIds.clone(), nodeIds.length));
    }

    /**
     * {@return the rows of a per-edge tensor (weights [E] or features [E, D]) for the sampled edges}
     *
     * @param perEdge one row per edge of the original graph
     */
    public Tensor edgeRows(Tensor perEdge) {
        return perEdge.indexSelect(0, IndexTensor.of(edgeIds.clone(), edgeIds.length));
    }

    /**
     * {@return the seeds' entries of per-node labels, [batchSize]: the targets of the seeds' outputs}
     *
     * @param perNode one label per node of the original graph
     */
    public IndexTensor seedLabels(IndexTensor perNode) {
        int[] all = perNode.toArray(), out = new int[batchSize];
        for (int k = 0; k < batchSize; k++) out[k] = all[nodeIds[k]];
        return IndexTensor.of(out, batchSize);
    }
}
