package dev.myelin.nn.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.graph.CyclesAndTrees;
import dev.myelin.data.graph.StochasticBlockModel;
import dev.myelin.graph.BatchVector;
import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.Graph;
import dev.myelin.graph.SelfLoopFill;
import dev.myelin.io.ModelFile;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph layers as registered module types: described in architecture JSON, wired in a GraphModule that reads the
 * node features and the edges as a tensor [2, E] (PyG's {@code Sequential('x, edge_index', ...)}), trained, saved in
 * a model file and loaded back; and the generic {@code call(x, edgeIndex[, values])} with its checks.
 */
class RegisteredGraphLayersTest {
    private static final EdgeIndex G =
            EdgeIndex.of(new int[] {0, 1, 1, 2, 2, 3, 4, 0, 5, 2, 3}, new int[] {1, 0, 2, 1, 3, 2, 5, 4, 4, 2, 0}, 7);

    /** A two-layer GNN: conv1 on (x, edgeIndex), ELU, conv2 on (its output, edgeIndex). */
    private static String twoLayers(String conv1, String conv2) {
        return "{\"type\":\"GraphModule\",\"inputs\":[\"x\",\"edgeIndex\"],\"nodes\":["
                + "{\"name\":\"conv1\",\"module\":" + conv1 + ",\"inputs\":[\"x\",\"edgeIndex\"]},"
                + "{\"name\":\"act\",\"module\":{\"type\":\"ELU\"},\"inputs\":[\"conv1\"]},"
                + "{\"name\":\"conv2\",\"module\":" + conv2 + ",\"inputs\":[\"act\",\"edgeIndex\"]}],"
                + "\"outputs\":[\"conv2\"]}";
    }

    @Test
    void aGraphModuleOfGraphLayersTrainsSavesAndLoads(@TempDir Path dir) throws IOException {
        Generator gen = new Generator(7);
        Graph sbm = StochasticBlockModel.generate(new int[] {250, 250, 250, 250}, 0.02, 0.002, 16, 0.4, gen);
        int[] order = gen.permutation(sbm.numNodes());
        IndexTensor train = IndexTensor.of(java.util.Arrays.copyOf(order, 200), 200);
        int[] y = sbm.y().toArray(), yTrain = new int[200];
        for (int k = 0; k < 200; k++) yTrain[k] = y[order[k]];
        Module model = Architecture.fromJson(
                twoLayers(
                        "{\"type\":\"GATConv\",\"inChannels\":16,\"outChannels\":8,\"heads\":4,\"dropout\":0.2}",
                        "{\"type\":\"GCNConv\",\"inChannels\":32,\"outChannels\":4}"),
                new Generator(4));
        Tensor x = sbm.x(), edgeIndex = sbm.edges().toTensor();
        Adam opt = new Adam(model.parameters(), 0.01);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        for (int epoch = 0; epoch < 100; epoch++) {
            Tensor logits = model.call(x, edgeIndex).get("conv2");
            Tensor loss = ce.forward(logits.indexSelect(0, train), IndexTensor.of(yTrain, 200));
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        model.eval();
        Tensor logits;
        try (var ignored = NoGrad.enter()) {
            logits = model.call(x, edgeIndex).get("conv2");
        }
        int[] predicted = logits.argmaxIndices(1).toArray();
        int correct = 0;
        for (int k = 200; k < order.length; k++) if (predicted[order[k]] == y[order[k]]) correct++;
        assertThat(correct / 800.0)
                .as("GAT + GCN in a GraphModule, test accuracy")
                .isGreaterThanOrEqualTo(0.85);

        Path file = dir.resolve("gnn.safetensors");
        ModelFile.save(file, model);
        Module loaded = ModelFile.load(file).model();
        loaded.eval();
        assertThat(Architecture.toJson(loaded)).isEqualTo(Architecture.toJson(model));
        try (var ignored = NoGrad.enter()) {
            assertThat(loaded.call(x, edgeIndex).get("conv2").toArray()).containsExactly(logits.toArray());
        }
    }

    /** Cycles against trees with a GraphModule ending in global max pooling and a linear head, from JSON. */
    @Test
    void aGraphClassifierInJsonPoolsEachGraph() {
        Generator gen = new Generator(5);
        List<Graph> graphs = CyclesAndTrees.generate(240, 6, 14, gen);
        Module model = Architecture.fromJson(
                "{\"type\":\"GraphModule\",\"inputs\":[\"x\",\"edgeIndex\",\"batch\"],\"nodes\":["
                        + "{\"name\":\"conv1\",\"module\":{\"type\":\"GCNConv\",\"inChannels\":1,\"outChannels\":16},"
                        + "\"inputs\":[\"x\",\"edgeIndex\"]},"
                        + "{\"name\":\"act1\",\"module\":{\"type\":\"ReLU\"},\"inputs\":[\"conv1\"]},"
                        + "{\"name\":\"conv2\",\"module\":{\"type\":\"GCNConv\",\"inChannels\":16,\"outChannels\":16},"
                        + "\"inputs\":[\"act1\",\"edgeIndex\"]},"
                        + "{\"name\":\"act2\",\"module\":{\"type\":\"ReLU\"},\"inputs\":[\"conv2\"]},"
                        + "{\"name\":\"pool\",\"module\":{\"type\":\"GlobalPool\",\"aggr\":\"max\"},"
                        + "\"inputs\":[\"act2\",\"batch\"]},"
                        + "{\"name\":\"head\",\"module\":{\"type\":\"Linear\",\"in\":16,\"out\":2},\"inputs\":[\"pool\"]}],"
                        + "\"outputs\":[\"head\"]}",
                new Generator(6));
        double acc = GraphTrainingTest.graphClassifierAccuracy(
                graphs,
                model.parameters(),
                b -> model.call(b.x(), b.edges().toTensor(), b.batch().toTensor())
                        .get("head"));
        assertThat(acc).as("cycles vs trees, test accuracy").isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void globalPoolTakesTheBatchAsATensorOrPoolsAllNodes() {
        Tensor x = Tensor.randn(new Generator(1), 6, 3);
        BatchVector batch = BatchVector.of(new int[] {0, 0, 1, 2, 2, 2}, -1);
        for (Aggregation a : Aggregation.values()) {
            GlobalPool pool = new GlobalPool(a);
            assertThat(pool.call(x, batch.toTensor()).get(0).toArray())
                    .containsExactly(pool.forward(x, batch).toArray());
            assertThat(pool.forward(x).shape()).containsExactly(1, 3);
        }
        assertThat(new GlobalPool(Aggregation.ADD).forward(x).toArray())
                .containsExactly(x.sum(0, true).toArray());
        GlobalPool mean = new GlobalPool(Aggregation.MEAN);
        assertThatThrownBy(() -> mean.call(x, new Tensor(new float[] {0, 1, 0, 1, 1, 1}, 6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch vector is not sorted: node 2 is in graph 0 after node 1 in graph 1");
        assertThatThrownBy(() -> mean.call(x, Tensor.zeros(5))).isInstanceOf(ShapeMismatchException.class);
        assertThatThrownBy(() -> mean.call(x, Tensor.full(0.5f, 6))).hasMessageContaining("not a whole number");
        assertThat(mean.toString()).isEqualTo("GlobalPool(aggr=mean)");
    }

    @Test
    void callTakesTheEdgesAsATensorAndTheLayersOptionalPerEdgeInput() {
        Tensor x = Tensor.randn(new Generator(1), 7, 3), edges = G.toTensor();
        GCNConv gcn = new GCNConv(3, 2, new Generator(2));
        Tensor w = Tensor.rand(new Generator(3), 11);
        assertThat(gcn.call(x, edges).get(0).toArray())
                .containsExactly(gcn.forward(x, G).toArray());
        assertThat(gcn.call(x, edges, w).get(0).toArray())
                .containsExactly(gcn.forward(x, G, w).toArray());
        SAGEConv sage = new SAGEConv(3, 2, new Generator(4));
        assertThat(sage.call(x, edges).get(0).toArray())
                .containsExactly(sage.forward(x, G).toArray());
        GATv2Conv gat = new GATv2Conv(3, 2, 2, true, 0.2, 0, true, 2, SelfLoopFill.MEAN, true, false, new Generator(5));
        Tensor attr = Tensor.randn(new Generator(6), 11, 2);
        assertThat(gat.call(x, edges, attr).get(0).toArray())
                .containsExactly(gat.forward(x, G, attr).toArray());
        // the kept graph follows the tensor: changed in place, the layer sees the new edges
        Tensor mine = G.toTensor(), before = gcn.call(x, mine).get(0);
        mine.data()[0] = 3; // the first edge now starts at node 3 (a direct write, so its version is bumped by hand)
        mine.bumpVersion();
        EdgeIndex changed = EdgeIndex.of(IndexTensor.fromTensor("test", "edge", mine), 7);
        assertThat(gcn.call(x, mine).get(0).toArray())
                .containsExactly(gcn.forward(x, changed).toArray());
        assertThat(gcn.call(x, mine).get(0).toArray()).isNotEqualTo(before.toArray());
    }

    @Test
    void badCallsGetErrorsNamingTheLayerAndInput() {
        Tensor x = Tensor.randn(new Generator(1), 7, 3);
        GCNConv gcn = new GCNConv(3, 2, new Generator(2));
        assertThatThrownBy(() -> gcn.forward(x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GCNConv takes 2 to 3 inputs (x, edgeIndex, edgeWeight), got 1");
        SAGEConv sage = new SAGEConv(3, 2, new Generator(4));
        assertThatThrownBy(() -> sage.call(x, G.toTensor(), Tensor.ones(11)))
                .hasMessage("SAGEConv takes 2 inputs (x, edgeIndex), got 3");
        assertThatThrownBy(() -> gcn.call(x, new Tensor(new float[] {0, 1.5f, 1, 0}, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GCNConv: edge_index value 1.5 at position [0, 1] is not a whole number");
        assertThatThrownBy(() -> gcn.call(x, new Tensor(new float[] {0, 9, 1, 0}, 2, 2)))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("9");
        assertThatThrownBy(() -> gcn.call(x, Tensor.zeros(3, 2))).isInstanceOf(ShapeMismatchException.class);
        assertThatThrownBy(() -> Architecture.fromJson(
                        "{\"type\":\"GATConv\",\"inChannels\":3,\"outChannels\":2,\"fillValue\":\"mul\"}"))
                .hasMessageContaining("fillValue")
                .hasMessageContaining("unknown reduction 'mul'");
        assertThatThrownBy(() -> Architecture.fromJson(
                        "{\"type\":\"SAGEConv\",\"inChannels\":3,\"outChannels\":2,\"aggr\":\"median\"}"))
                .hasMessageContaining("unknown aggregation 'median'");
        // heads · out overflowing an int is refused before any shape is computed from it (65536 · 65537 wraps to 65536)
        assertThatThrownBy(() -> Architecture.parse(
                                "{\"type\":\"GATv2Conv\",\"inChannels\":1,\"outChannels\":65537,\"heads\":65536}")
                        .stateShapes())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heads · out_channels = 65536 · 65537 = 4295032832");
        assertThatThrownBy(() -> new GATConv(1, 65537, 65536, new Generator(1)))
                .hasMessageContaining("is more features than a tensor dimension holds");
    }
}
