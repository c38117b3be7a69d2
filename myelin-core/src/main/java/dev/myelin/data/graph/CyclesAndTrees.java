package dev.myelin.data.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.Graph;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic graph-classification set: cycles (class 0) against random trees (class 1) of the same sizes, every
 * node with the single feature 1, so only the structure tells them apart (a tree has leaves and nodes of degree 3 or
 * more, a cycle has every degree 2). A random tree joins each node to a uniformly chosen earlier one. Seeded; graphs
 * in random order.
 */
public final class CyclesAndTrees {
    private CyclesAndTrees() {}

    /**
     * Generates the data set: as many cycles as trees (one more cycle for an odd count), each of a size drawn
     * uniformly from [minNodes, maxNodes].
     *
     * @param count the number of graphs, &gt;= 1
     * @param minNodes the smallest graph's node count, &gt;= 3
     * @param maxNodes the largest graph's node count, &gt;= minNodes
     * @param gen the source of sizes, tree shapes and order
     * @return the graphs in random order, each with features [n, 1] of ones and a graph label [1] (0 cycle, 1 tree)
     * @throws IllegalArgumentException if {@code count < 1} or not {@code 3 <= minNodes <= maxNodes}
     */
    public static List<Graph> generate(int count, int minNodes, int maxNodes, Generator gen) {
        if (count <= 0) throw new IllegalArgumentException("CyclesAndTrees: count must be positive, got " + count);
        if (minNodes < 3 || maxNodes < minNodes)
            throw new IllegalArgumentException(
                    "CyclesAndTrees: need 3 <= minNodes <= maxNodes, got " + minNodes + " and " + maxNodes);
        List<Graph> graphs = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int n = minNodes + gen.nextInt(maxNodes - minNodes + 1);
            boolean tree = k % 2 == 1;
            int m = tree ? n - 1 : n;
            int[] a = new int[m], b = new int[m];
            for (int i = 0; i < m; i++) {
                if (tree) {
                    a[i] = i + 1;
                    b[i] = gen.nextInt(i + 1);
                } else {
                    a[i] = i;
                    b[i] = (i + 1) % n;
                }
            }
            graphs.add(new Graph(
                    Tensor.ones(n, 1),
                    EdgeIndex.undirected(a, b, n),
                    null,
                    IndexTensor.of(new int[] {tree ? 1 : 0}, 1)));
        }
        int[] order = gen.permutation(count);
        List<Graph> shuffled = new ArrayList<>(count);
        for (int i : order) shuffled.add(graphs.get(i));
        return shuffled;
    }
}
