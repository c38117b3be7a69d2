package dev.myelin.data.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.SparseMatrix;
import dev.myelin.tensor.Generator;
import java.util.Arrays;

/**
 * GraphSAGE's neighbour sampling, as PyTorch Geometric's {@code NeighborLoader} does it: from a mini-batch of seed
 * nodes, hop by hop, each newly reached node samples up to k of its incoming edges j → i (without replacement; all of
 * them when it has at most k, or when k is −1), and the sources not seen before form the next hop's frontier. The
 * result is the subgraph of the sampled edges over the nodes reached, seeds first, so a model with as many
 * message-passing layers as hops computes the seeds' outputs exactly as on the sampled neighbourhoods, and the cost of
 * a step no longer grows with the graph. Sampling draws only from the generator it is given.
 */
public final class NeighborSampler {
    private final EdgeIndex edges;
    private final int[] numNeighbors;
    private final SparseMatrix.Csr incoming;
    private final int[] local; // node -> position in the current sample, −1 when absent (reset after each sample)

    /**
     * A sampler over a graph.
     *
     * @param edges the graph
     * @param numNeighbors per hop, the incoming edges each node samples (−1 for all), e.g. {@code 25, 10} as PyG's
     *     {@code num_neighbors=[25, 10]}
     * @throws IllegalArgumentException if no hop is given or a count is below −1
     */
    public NeighborSampler(EdgeIndex edges, int... numNeighbors) {
        if (edges == null) throw new IllegalArgumentException("NeighborSampler: edges is null");
        if (numNeighbors == null || numNeighbors.length == 0)
            throw new IllegalArgumentException("NeighborSampler: give the neighbours to sample per hop, e.g. 25, 10");
        for (int k : numNeighbors)
            if (k < -1)
                throw new IllegalArgumentException(
                        "NeighborSampler: neighbours per hop must be >= 0, or -1 for all; got "
                                + Arrays.toString(numNeighbors));
        this.edges = edges;
        this.numNeighbors = numNeighbors.clone();
        this.incoming = edges.byTarget().csr(); // row i: the edges into i, in edge order
        this.local = new int[edges.numNodes()];
        Arrays.fill(local, -1);
    }

    /** {@return the neighbours sampled per hop (−1: all); a copy} */
    public int[] numNeighbors() {
        return numNeighbors.clone();
    }

    /**
     * Samples the neighbourhood of the seeds.
     *
     * @param seeds the mini-batch's nodes, distinct, each in [0, N)
     * @param gen the generator the choices draw from
     * @return the subgraph over the reached nodes, the seeds first
     * @throws IllegalArgumentException if a seed repeats
     * @throws IndexOutOfBoundsException if a seed is not a node
     */
    public synchronized SampledSubgraph sample(int[] seeds, Generator gen) {
        int n = edges.numNodes();
        IntList nodes = new IntList(seeds.length * 4),
                src = new IntList(16),
                dst = new IntList(16),
                ids = new IntList(16);
        try {
            for (int s : seeds) {
                if (s < 0 || s >= n)
                    throw new IndexOutOfBoundsException(
                            "NeighborSampler: seed " + s + " is not a node of the graph's " + n);
                if (local[s] >= 0) throw new IllegalArgumentException("NeighborSampler: seed " + s + " is given twice");
                local[s] = nodes.size();
                nodes.add(s);
            }
            int from = 0, to = nodes.size(); // this hop's frontier: nodes [from, to)
            int[] pick = new int[0];
            for (int k : numNeighbors) {
                for (int f = from; f < to; f++) {
                    int i = nodes.get(f), start = incoming.rowPtr()[i], degree = incoming.rowPtr()[i + 1] - start;
                    int take = k < 0 ? degree : Math.min(k, degree);
                    if (pick.length < degree) pick = new int[Math.max(degree, 2 * pick.length)];
                    for (int p = 0; p < degree; p++) pick[p] = start + p;
                    for (int p = 0; p < take; p++) { // the first take of a partial Fisher-Yates shuffle
                        if (take < degree) {
                            int q = p + gen.nextInt(degree - p), t = pick[p];
                            pick[p] = pick[q];
                            pick[q] = t;
                        }
                        int e = incoming.col()[pick[p]], j = edges.source(e);
                        if (local[j] < 0) {
                            local[j] = nodes.size();
                            nodes.add(j);
                        }
                        src.add(local[j]);
                        dst.add(local[i]);
                        ids.add(e);
                    }
                }
                from = to;
                to = nodes.size();
            }
            return new SampledSubgraph(
                    nodes.toArray(),
                    EdgeIndex.of(src.toArray(), dst.toArray(), nodes.size()),
                    seeds.length,
                    ids.toArray());
        } finally {
            for (int p = 0; p < nodes.size(); p++) local[nodes.get(p)] = -1;
        }
    }

    /** A growable int array (the sample's sizes are not known in advance). */
    private static final class IntList {
        private int[] a;
        private int size;

        IntList(int capacity) {
            a = new int[Math.max(4, capacity)];
        }

        void add(int v) {
            if (size == a.length) a = Arrays.copyOf(a, 2 * a.length);
            a[size++] = v;
        }

        int get(int i) {
            return a[i];
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(a, size);
        }
    }
}
