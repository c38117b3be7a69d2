package dev.myelin.data.graph;

import dev.myelin.tensor.Generator;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Mini-batches of sampled neighbourhoods, as PyTorch Geometric's {@code NeighborLoader(data, num_neighbors,
 * input_nodes, batch_size, shuffle)}: each pass over the loader is an epoch over the input nodes, cut into batches
 * of {@code batchSize} seeds (reshuffled every epoch when {@code shuffle}), each sampled by the {@link NeighborSampler}.
 * All randomness comes from the generator, so the same seed gives the same epochs.
 *
 * <pre>{@code
 * NeighborLoader loader = new NeighborLoader(new NeighborSampler(graph.edges(), 10, 5), trainNodes, 64, true, gen);
 * for (SampledSubgraph b : loader) {
 *     Tensor out = model.forward(b.nodeRows(graph.x()), b.edges());            // two layers for two hops
 *     Tensor loss = ce.forward(out.narrow(0, 0, b.batchSize()), b.seedLabels(graph.y()));
 *     ...
 * }
 * }</pre>
 */
public final class NeighborLoader implements Iterable<SampledSubgraph> {
    private final NeighborSampler sampler;
    private final int[] inputNodes;
    private final int batchSize;
    private final boolean shuffle;
    private final Generator gen;

    /**
     * A loader over the input nodes.
     *
     * @param sampler how each batch's neighbourhood is sampled
     * @param inputNodes the seed nodes of an epoch (the training nodes), distinct
     * @param batchSize seeds per batch, at least 1; the last batch may be smaller
     * @param shuffle whether each epoch visits the input nodes in a new random order
     * @param gen the generator of the shuffles and the samples
     * @throws IllegalArgumentException if batchSize is below 1 or an argument is null
     */
    public NeighborLoader(NeighborSampler sampler, int[] inputNodes, int batchSize, boolean shuffle, Generator gen) {
        if (sampler == null || inputNodes == null || gen == null)
            throw new IllegalArgumentException("NeighborLoader: sampler, inputNodes and gen must not be null");
        if (batchSize < 1)
            throw new IllegalArgumentException("NeighborLoader: batchSize must be >= 1, got " + batchSize);
        this.sampler = sampler;
        this.inputNodes = inputNodes.clone();
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.gen = gen;
    }

    /** {@return the number of batches per epoch} */
    public int numBatches() {
        return (inputNodes.length + batchSize - 1) / batchSize;
    }

    /** {@return one epoch: the batches, sampled as they are taken} */
    @Override
    public Iterator<SampledSubgraph> iterator() {
        int[] order = inputNodes.clone();
        if (shuffle) gen.shuffle(order);
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < order.length;
            }

            @Override
            public SampledSubgraph next() {
                if (!hasNext()) throw new NoSuchElementException();
                int end = Math.min(order.length, next + batchSize);
                int[] seeds = Arrays.copyOfRange(order, next, end);
                next = end;
                return sampler.sample(seeds, gen);
            }
        };
    }
}
