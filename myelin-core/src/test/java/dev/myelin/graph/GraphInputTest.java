package dev.myelin.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.nn.F;
import dev.myelin.nn.graph.GATConv;
import dev.myelin.nn.graph.GATv2Conv;
import dev.myelin.nn.graph.GCNConv;
import dev.myelin.nn.graph.GraphF;
import dev.myelin.nn.graph.SAGEConv;
import dev.myelin.nn.graph.TransformerConv;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input gets clear errors; edge cases (no edges, isolated nodes, self-loops) get correct results. */
class GraphInputTest {

    @Test
    void edgeIndicesOutsideTheNodeCountAreRefused() {
        assertThatThrownBy(() -> EdgeIndex.of(new int[] {0, 1}, new int[] {1, 4}, 4))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("edge_index[1, 1] = 4 is not a node: the graph has 4 nodes (valid indices 0..3)");
        assertThatThrownBy(() -> EdgeIndex.of(new int[] {-1}, new int[] {0}, 4))
                .hasMessageContaining("edge_index[0, 0] = -1");
        assertThatThrownBy(() -> EdgeIndex.of(IndexTensor.of(new int[] {0, 1, 2}, 3), 4))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("[2, E]")
                .hasMessageContaining("[3]");
        assertThatThrownBy(() -> SparseMatrix.coo(new int[] {0, 5}, new int[] {0, 0}, 3, 3))
                .hasMessageContaining("row index of entry 1 is 5, outside [0, 3)");
    }

    @Test
    void unsortedOrOutOfRangeBatchVectorsAreRefused() {
        assertThatThrownBy(() -> BatchVector.of(new int[] {0, 1, 0}, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch vector is not sorted: node 2 is in graph 0 after node 1 in graph 1");
        assertThatThrownBy(() -> BatchVector.of(new int[] {0, 0, 3}, 2))
                .hasMessageContaining("node 2 is in graph 3, outside [0, 2)");
        assertThatThrownBy(() -> BatchVector.of(IndexTensor.of(new int[] {0, 0}, 2), 3, -1))
                .hasMessageContaining("for 3 nodes");
        BatchVector empty = BatchVector.of(new int[] {0, 0, 2}, -1); // graph 1 has no nodes: pooling gives 0 there
        assertThat(GraphF.globalMeanPool(Tensor.ones(3, 2), empty).toArray()).containsExactly(1, 1, 0, 0, 1, 1);
    }

    @Test
    void featuresMustMatchTheNodeCount() {
        EdgeIndex g = EdgeIndex.of(new int[] {0}, new int[] {1}, 3);
        GCNConv conv = new GCNConv(2, 2, new Generator(0));
        assertThatThrownBy(() -> conv.forward(Tensor.ones(4, 2), g))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("GCNConv: node features of shape [4, 2] for a graph of 3 nodes");
        assertThatThrownBy(() -> conv.forward(Tensor.ones(3, 2), g, Tensor.ones(2)))
                .hasMessageContaining("edge_weight of shape [2] for 1 edges");
        assertThatThrownBy(() -> new Graph(Tensor.ones(2, 2), g))
                .hasMessageContaining("node features of shape [2, 2] for 3 nodes");
        assertThatThrownBy(() -> conv.call(Tensor.ones(3, 2)))
                .hasMessage("GCNConv takes 2 to 3 inputs (x, edgeIndex, edgeWeight), got 1");
    }

    @Test
    void gatEdgeFeaturesAreCheckedAndOptional() {
        EdgeIndex g = EdgeIndex.of(new int[] {0, 1, 2, 2}, new int[] {1, 2, 0, 2}, 4); // a loop at 2; 3 is isolated
        Tensor x = Tensor.randn(new Generator(1), 4, 3);
        GATConv plain = new GATConv(3, 2, 2, new Generator(3));
        assertThatThrownBy(() -> plain.forward(x, g, Tensor.ones(4, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without edge_dim");
        GATConv withEdges = new GATConv(3, 2, 2, true, 0.2, 0, true, 2, SelfLoopFill.MEAN, true, new Generator(3));
        assertThatThrownBy(() -> withEdges.forward(x, g, Tensor.ones(3, 2)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessage("GATConv: edge_attr of shape [3, 2] for 4 edges (need [4, 2])");
        assertThatThrownBy(() -> withEdges.forward(x, g, Tensor.ones(4)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("need [4, 2]");
        assertThatThrownBy(() -> new GATConv(3, 2, 1, true, 0.2, 0, true, 0, SelfLoopFill.MEAN, true, new Generator(3)))
                .hasMessageContaining("edge_dim must be positive");
        assertThatThrownBy(() -> SelfLoopFill.of("mul")).hasMessageContaining("unknown reduction 'mul'");
        assertThatThrownBy(() -> SelfLoopFill.constant(Double.NaN)).hasMessageContaining("finite");
        // without edge_attr the edge term is left out, as PyG: the same output as a layer without edge features
        assertThat(withEdges.forward(x, g).allClose(plain.forward(x, g), 0, 0)).isTrue();
        // the edge parameters are drawn after the others: the shared ones are initialized as before
        for (String p : List.of("lin.weight", "att_src", "att_dst", "bias"))
            assertThat(withEdges.namedParameters().get(p).toArray())
                    .containsExactly(plain.namedParameters().get(p).toArray());
        // a loop's features: the mean of the node's incoming (non-loop) edges', 0 for an isolated node
        Tensor attr = new Tensor(new float[] {1, 10, 2, 20, 3, 30, 7, 70}, 4, 2);
        Tensor filled = g.selfLoops().attributes(attr, SelfLoopFill.MEAN);
        assertThat(filled.toArray()).containsExactly(1, 10, 2, 20, 3, 30, 3, 30, 1, 10, 2, 20, 0, 0);
        assertThat(g.selfLoops().attributes(attr, SelfLoopFill.constant(-1)).toArray())
                .containsExactly(1, 10, 2, 20, 3, 30, -1, -1, -1, -1, -1, -1, -1, -1);
        // a graph of loops only: every loop is filled from nothing
        EdgeIndex onlyLoops = EdgeIndex.of(new int[] {0, 1}, new int[] {0, 1}, 2);
        assertThat(onlyLoops
                        .selfLoops()
                        .attributes(Tensor.ones(2, 3), SelfLoopFill.of("max"))
                        .toArray())
                .containsExactly(0, 0, 0, 0, 0, 0);
    }

    @Test
    void gatv2ChecksItsSettingsAndInputs() {
        EdgeIndex g = EdgeIndex.of(new int[] {0, 1, 2}, new int[] {1, 2, 0}, 4);
        Tensor x = Tensor.randn(new Generator(1), 4, 3);
        assertThatThrownBy(() -> new GATv2Conv(3, 0, 1, new Generator(1))).hasMessageContaining("positive");
        assertThatThrownBy(() -> new GATv2Conv(
                        3, 2, 1, true, 0.2, 1.5, true, null, SelfLoopFill.MEAN, true, false, new Generator(1)))
                .hasMessageContaining("dropout must be in [0, 1]");
        GATv2Conv v2 = new GATv2Conv(3, 2, 2, new Generator(3));
        assertThatThrownBy(() -> v2.forward(x, g, Tensor.ones(3, 1)))
                .hasMessageContaining("GATv2Conv: edge_attr given");
        assertThatThrownBy(() -> v2.forward(Tensor.ones(5, 3), g)).isInstanceOf(ShapeMismatchException.class);
        assertThat(v2.toString()).startsWith("GATv2Conv(").contains("3, 2, heads=2", "(lin_l): Linear(");
        // no edges: only the self-loops, each node attends to itself alone: lin_l(x) per head, plus the bias
        EdgeIndex none = EdgeIndex.of(new int[0], new int[0], 4);
        Tensor expected = F.linear(
                        x,
                        v2.namedParameters().get("lin_l.weight"),
                        v2.namedParameters().get("lin_l.bias"))
                .add(v2.parameter("bias"));
        assertThat(v2.forward(x, none).allClose(expected, 1e-6f, 1e-6f)).isTrue();
    }

    /** GCNConv keeps the last graph's normalization only while it is valid: same graph, same constant weights. */
    @Test
    void gcnKeepsTheNormalizationOnlyForTheSameGraphAndWeights() {
        EdgeIndex g = EdgeIndex.of(new int[] {0, 1, 2, 2}, new int[] {1, 2, 0, 1}, 4);
        EdgeIndex other = EdgeIndex.of(new int[] {0, 3}, new int[] {3, 0}, 4);
        Tensor x = Tensor.randn(new Generator(1), 4, 3);
        GCNConv conv = new GCNConv(3, 2, new Generator(2)), fresh = new GCNConv(3, 2, new Generator(2));
        assertThat(conv.forward(x, g).toArray())
                .containsExactly(conv.forward(x, g).toArray());
        assertThat(conv.forward(x, other).toArray())
                .containsExactly(fresh.forward(x, other).toArray());
        Tensor w = Tensor.rand(new Generator(3), 4);
        float[] before = conv.forward(x, g, w).toArray();
        w.data()[0] += 1; // changed in place: normalized anew
        w.bumpVersion();
        assertThat(conv.forward(x, g, w).toArray())
                .containsExactly(
                        new GCNConv(3, 2, new Generator(2)).forward(x, g, w).toArray())
                .isNotEqualTo(before);
        // weights that need a gradient get it on every call
        Tensor learned = Tensor.rand(new Generator(4), 4).requiresGrad(true);
        conv.forward(x, g, learned).sum().backward();
        float[] once = learned.grad().toArray();
        conv.forward(x, g, learned).sum().backward();
        float[] twice = learned.grad().toArray();
        for (int i = 0; i < once.length; i++) assertThat(twice[i]).isCloseTo(2 * once[i], within(1e-6f));
    }

    @Test
    void transformerConvChecksItsEdgeFeatures() {
        EdgeIndex g = EdgeIndex.of(new int[] {0, 1, 2}, new int[] {1, 2, 0}, 3);
        Tensor x = Tensor.randn(new Generator(1), 3, 4);
        TransformerConv plain = new TransformerConv(4, 2, 2, new Generator(2));
        assertThatThrownBy(() -> plain.forward(x, g, Tensor.ones(3, 1))).hasMessageContaining("without edge_dim");
        TransformerConv withEdges = new TransformerConv(4, 2, 2, true, false, 0, 3, true, true, new Generator(2));
        assertThatThrownBy(() -> withEdges.forward(x, g))
                .hasMessage("TransformerConv: the layer has edge_dim 3 and needs edge_attr [E, 3]");
        assertThatThrownBy(() -> withEdges.forward(x, g, Tensor.ones(3, 2))).isInstanceOf(ShapeMismatchException.class);
        // a node without incoming edges gets only its skip connection
        EdgeIndex none = EdgeIndex.of(new int[0], new int[0], 3);
        Tensor skip = F.linear(
                x,
                plain.namedParameters().get("lin_skip.weight"),
                plain.namedParameters().get("lin_skip.bias"));
        assertThat(plain.forward(x, none).allClose(skip, 1e-6f, 1e-6f)).isTrue();
    }

    @Test
    void aGraphWithoutEdgesKeepsEachNodesOwnFeatures() {
        EdgeIndex none = EdgeIndex.of(new int[0], new int[0], 5);
        Tensor x = Tensor.randn(new Generator(1), 5, 3);
        GCNConv gcn = new GCNConv(3, 4, new Generator(2));
        gcn.parameter("bias").data()[0] = 0.5f;
        // only the self-loop, normalized by degree 1: lin(x) + bias
        assertThat(gcn.forward(x, none).allClose(F.linear(x, gcn.lin().weight(), gcn.parameter("bias")), 1e-6f, 1e-6f))
                .isTrue();
        GATConv gat = new GATConv(3, 2, 2, new Generator(3));
        assertThat(gat.forward(x, none)
                        .allClose(
                                F.linear(x, gat.namedParameters().get("lin.weight"), gat.parameter("bias")),
                                1e-6f,
                                1e-6f))
                .isTrue();
        SAGEConv sage =
                new SAGEConv(3, 4, new Generator(4)); // no neighbours: the mean is 0, only the bias and the root term
        Tensor expected = F.linear(x, sage.namedParameters().get("lin_r.weight"), null)
                .add(sage.namedParameters().get("lin_l.bias"));
        assertThat(sage.forward(x, none).allClose(expected, 1e-6f, 1e-6f)).isTrue();
    }

    @Test
    void existingSelfLoopsAreReplacedByOnePerNode() {
        EdgeIndex g = EdgeIndex.of(new int[] {0, 1, 1, 1}, new int[] {1, 1, 0, 1}, 3);
        SelfLoops loops = g.selfLoops();
        assertThat(loops.edges().sources()).containsExactly(0, 1, 0, 1, 2);
        assertThat(loops.edges().targets()).containsExactly(1, 0, 0, 1, 2);
        // add_remaining_self_loops keeps node 1's (last) loop weight, the others get the fill value
        assertThat(loops.weights(Tensor.fromArray(new float[] {1, 2, 3, 4}, 4), 1f, true)
                        .toArray())
                .containsExactly(1, 3, 1, 4, 1);
        assertThat(loops.weights(null, 2f, false).toArray()).containsExactly(1, 1, 2, 2, 2);
    }

    @Test
    void collatingOffsetsEdgesAndBuildsTheBatchVector() {
        Graph a = new Graph(
                Tensor.ones(2, 1),
                EdgeIndex.of(new int[] {0}, new int[] {1}, 2),
                null,
                IndexTensor.of(new int[] {1}, 1));
        Graph b = new Graph(
                Tensor.ones(3, 1),
                EdgeIndex.of(new int[] {2, 0}, new int[] {0, 1}, 3),
                null,
                IndexTensor.of(new int[] {0}, 1));
        GraphBatch batch = GraphBatch.of(List.of(a, b));
        assertThat(batch.edges().sources()).containsExactly(0, 4, 2);
        assertThat(batch.edges().targets()).containsExactly(1, 2, 3);
        assertThat(batch.batch().toIndexTensor().toArray()).containsExactly(0, 0, 1, 1, 1);
        assertThat(batch.y().toArray()).containsExactly(1, 0);
        Graph wide = new Graph(Tensor.ones(1, 2), EdgeIndex.of(new int[0], new int[0], 1));
        assertThatThrownBy(() -> GraphBatch.of(List.of(a, wide)))
                .hasMessageContaining("graph 1 has 2 features per node, graph 0 has 1");
    }
}
