package dev.myelin.data.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.Graph;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.Tensor;

/**
 * A seeded stochastic block model for node classification: nodes in blocks (the classes), each pair of nodes joined
 * with probability pIn within a block and pOut across (undirected, no self-loops, as NetworkX's
 * {@code stochastic_block_model}), and noisy features: each block has a mean drawn from N(0, I) scaled by
 * {@code signal}, and a node's features are its block's mean plus N(0, 1) noise. Low signal makes the features alone
 * a poor guide, so a model must use the edges.
 */
public final class StochasticBlockModel {
    private StochasticBlockModel() {}

    /**
     * Generates one graph.
     *
     * @param blockSizes nodes per block (node ids are assigned block by block), each &gt;= 1
     * @param pIn the probability of an edge between two nodes of the same block, in [0, 1]
     * @param pOut the probability of an edge between nodes of different blocks, in [0, 1]
     * @param features the feature width, &gt;= 1
     * @param signal the scale of the block means; 0 makes the features pure noise
     * @param gen the source of edges, means and noise
     * @return the graph: features [N, features], undirected edges, no weights, node labels [N] = block index
     * @throws IllegalArgumentException if there is no block, a size is below 1, or a probability is outside [0, 1]
     */
    public static Graph generate(
            int[] blockSizes, double pIn, double pOut, int features, double signal, Generator gen) {
        if (blockSizes.length == 0) throw new IllegalArgumentException("StochasticBlockModel: need at least one block");
        if (!(pIn >= 0 && pIn <= 1 && pOut >= 0 && pOut <= 1))
            throw new IllegalArgumentException(
                    "StochasticBlockModel: probabilities must be in [0, 1], got pIn=" + pIn + " pOut=" + pOut);
        if (features <= 0)
            throw new IllegalArgumentException("StochasticBlockModel: features must be positive, got " + features);
        int n = 0;
        for (int s : blockSizes) {
            if (s <= 0)
                throw new IllegalArgumentException("StochasticBlockModel: block sizes must be positive, got " + s);
            n = Math.addExact(n, s);
        }
        int[] block = new int[n];
        for (int b = 0, at = 0; b < blockSizes.length; at += blockSizes[b++])
            java.util.Arrays.fill(block, at, at + blockSizes[b], b);
        IntList a = new IntList(), c = new IntList();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                if (gen.nextDouble() < (block[i] == block[j] ? pIn : pOut)) {
                    a.add(i);
                    c.add(j);
                }
        float[] means = new float[Math.multiplyExact(blockSizes.length, features)],
                x = new float[Math.multiplyExact(n, features)];
        for (int k = 0; k < means.length; k++) means[k] = (float) (signal * gen.nextGaussian());
        for (int i = 0; i < n; i++)
            for (int f = 0; f < features; f++)
                x[i * features + f] = means[block[i] * features + f] + (float) gen.nextGaussian();
        return new Graph(
                new Tensor(x, n, features),
                EdgeIndex.undirected(a.toArray(), c.toArray(), n),
                null,
                IndexTensor.of(block, n));
    }

    /** A growable int array (edge lists of unknown length). */
    static final class IntList {
        private int[] data = new int[16];
        private int size;

        void add(int v) {
            if (size == data.length) data = java.util.Arrays.copyOf(data, Math.multiplyExact(size, 2));
            data[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
