package dev.myelin.nn.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.DataLoader;
import dev.myelin.data.Dataset;
import dev.myelin.data.graph.CyclesAndTrees;
import dev.myelin.data.graph.StochasticBlockModel;
import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.Graph;
import dev.myelin.graph.GraphBatch;
import dev.myelin.graph.SelfLoopFill;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.F;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers learn: node classification on a stochastic block model (1,000 nodes, 4 blocks of 250; p_in = 0.02, about
 * 5 neighbours in the own block, p_out = 0.002, about 1.5 in the others; 16 noisy features whose block means are
 * drawn at signal 0.4, so the features alone give a logistic regression about 0.7), trained on 200 labelled nodes
 * and scored on the other 800; and graph classification (cycles against trees) with global pooling.
 */
class GraphTrainingTest {
    static final int NODES_PER_BLOCK = 250, BLOCKS = 4, FEATURES = 16, TRAIN = 200;
    static final double P_IN = 0.02, P_OUT = 0.002, SIGNAL = 0.4;
    static Graph sbm;
    static IndexTensor trainIdx, testIdx;

    @BeforeAll
    static void data() {
        Generator gen = new Generator(7);
        int[] sizes = new int[BLOCKS];
        java.util.Arrays.fill(sizes, NODES_PER_BLOCK);
        sbm = StochasticBlockModel.generate(sizes, P_IN, P_OUT, FEATURES, SIGNAL, gen);
        int[] order = gen.permutation(sbm.numNodes());
        trainIdx = IndexTensor.of(java.util.Arrays.copyOf(order, TRAIN), TRAIN);
        testIdx = IndexTensor.of(java.util.Arrays.copyOfRange(order, TRAIN, order.length), order.length - TRAIN);
    }

    /** Two layers with a ReLU between, trained full-batch on the training nodes; the accuracy on the test nodes. */
    static double nodeAccuracy(Module model, BiFunction<Tensor, EdgeIndex, Tensor> forward, int epochs, double lr) {
        Adam opt = new Adam(model.parameters(), lr);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        IndexTensor y = sbm.y();
        IndexTensor yTrain = IndexTensor.of(pick(y.toArray(), trainIdx.toArray()), TRAIN);
        for (int epoch = 0; epoch < epochs; epoch++) {
            model.train();
            Tensor loss = ce.forward(forward.apply(sbm.x(), sbm.edges()).indexSelect(0, trainIdx), yTrain);
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        model.eval();
        try (var ignored = NoGrad.enter()) {
            int[]
                    predicted =
                            forward.apply(sbm.x(), sbm.edges()).argmaxIndices(1).toArray(),
                    truth = y.toArray();
            int correct = 0;
            for (int i : testIdx.toArray()) if (predicted[i] == truth[i]) correct++;
            return correct / (double) testIdx.numel();
        }
    }

    static int[] pick(int[] values, int[] idx) {
        int[] out = new int[idx.length];
        for (int k = 0; k < idx.length; k++) out[k] = values[idx[k]];
        return out;
    }

    /** A model of two graph layers. */
    static final class TwoLayers extends Module {
        final Module first, second;

        TwoLayers(Module first, Module second) {
            this.first = registerModule("conv1", first);
            this.second = registerModule("conv2", second);
        }
    }

    @Test
    void featuresAloneAreNotEnough() {
        Linear logistic = new Linear(FEATURES, BLOCKS, new Generator(1));
        double acc = nodeAccuracy(logistic, (x, e) -> logistic.forward(x), 300, 0.05);
        assertThat(acc).as("logistic regression on the features alone").isBetween(0.5, 0.8);
    }

    @Test
    void gcnClassifiesBlockModelNodes() {
        Generator gen = new Generator(2);
        GCNConv c1 = new GCNConv(FEATURES, 32, gen), c2 = new GCNConv(32, BLOCKS, gen);
        double acc = nodeAccuracy(
                new TwoLayers(c1, c2), (x, e) -> c2.forward(c1.forward(x, e).relu(), e), 100, 0.01);
        assertThat(acc).as("GCN test accuracy").isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void sageClassifiesBlockModelNodes() {
        Generator gen = new Generator(3);
        SAGEConv c1 = new SAGEConv(FEATURES, 32, gen), c2 = new SAGEConv(32, BLOCKS, gen);
        double acc = nodeAccuracy(
                new TwoLayers(c1, c2), (x, e) -> c2.forward(c1.forward(x, e).relu(), e), 100, 0.01);
        assertThat(acc).as("SAGE test accuracy").isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void gatClassifiesBlockModelNodes() {
        Generator gen = new Generator(4);
        GATConv c1 = new GATConv(FEATURES, 8, 4, true, 0.2, 0.2, true, true, gen);
        GATConv c2 = new GATConv(32, BLOCKS, 1, gen);
        double acc = nodeAccuracy(
                new TwoLayers(c1, c2), (x, e) -> c2.forward(dev.myelin.nn.F.elu(c1.forward(x, e), 1), e), 100, 0.01);
        assertThat(acc).as("GAT test accuracy").isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void transformerConvClassifiesBlockModelNodes() {
        Generator gen = new Generator(9);
        TransformerConv c1 = new TransformerConv(FEATURES, 8, 4, true, false, 0.2, null, true, true, gen);
        TransformerConv c2 = new TransformerConv(32, BLOCKS, 1, gen);
        double acc =
                nodeAccuracy(new TwoLayers(c1, c2), (x, e) -> c2.forward(F.elu(c1.forward(x, e), 1), e), 100, 0.01);
        assertThat(acc).as("TransformerConv test accuracy").isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void gatv2ClassifiesBlockModelNodes() {
        Generator gen = new Generator(8);
        GATv2Conv c1 = new GATv2Conv(FEATURES, 8, 4, true, 0.2, 0.2, true, null, SelfLoopFill.MEAN, true, false, gen);
        GATv2Conv c2 = new GATv2Conv(32, BLOCKS, 1, gen);
        double acc =
                nodeAccuracy(new TwoLayers(c1, c2), (x, e) -> c2.forward(F.elu(c1.forward(x, e), 1), e), 100, 0.01);
        assertThat(acc).as("GATv2 test accuracy").isGreaterThanOrEqualTo(0.85);
    }

    /**
     * Edge features decide: the block model with 8 random cross-block neighbours more per node (about 5 in the own
     * block, 9.5 in the others), each edge's feature 1 within a block and 0 across. Without the feature GAT falls to
     * about 0.5; with it (edgeDim 1) it attends to the block's edges and stays near 0.97.
     */
    @Test
    void gatLearnsFromEdgeFeaturesWhichNeighboursToAttendTo() {
        Generator draws = new Generator(11);
        int n = sbm.numNodes(), e0 = sbm.edges().numEdges(), extra = n * 8 / 2;
        int[] y = sbm.y().toArray(), s = new int[e0 + 2 * extra], t = new int[e0 + 2 * extra];
        float[] sameBlock = new float[s.length];
        for (int k = 0; k < e0; k++) {
            s[k] = sbm.edges().source(k);
            t[k] = sbm.edges().target(k);
            sameBlock[k] = y[s[k]] == y[t[k]] ? 1 : 0;
        }
        for (int k = e0; k < s.length; ) { // an undirected cross-block edge: both directions, feature 0
            int a = draws.nextInt(n), b = draws.nextInt(n);
            if (y[a] == y[b]) continue;
            s[k] = t[k + 1] = a;
            t[k] = s[k + 1] = b;
            k += 2;
        }
        EdgeIndex noisy = EdgeIndex.of(s, t, n);
        Tensor attr = new Tensor(sameBlock, s.length, 1);
        double[] accuracy = new double[2];
        GATConv[] first = new GATConv[2];
        for (int use = 0; use < 2; use++) {
            Generator gen = new Generator(4);
            Integer edgeDim = use == 1 ? 1 : null;
            Tensor features = use == 1 ? attr : null;
            GATConv c1 = new GATConv(FEATURES, 8, 4, true, 0.2, 0.2, true, edgeDim, SelfLoopFill.MEAN, true, gen);
            GATConv c2 = new GATConv(32, BLOCKS, 1, true, 0.2, 0, true, edgeDim, SelfLoopFill.MEAN, true, gen);
            accuracy[use] = nodeAccuracy(
                    new TwoLayers(c1, c2),
                    (x, e) -> c2.forward(F.elu(c1.forward(x, noisy, features), 1), noisy, features),
                    100,
                    0.01);
            first[use] = c1;
        }
        assertThat(accuracy[0]).as("GAT without the edge feature").isLessThan(0.7);
        assertThat(accuracy[1]).as("GAT with the edge feature").isGreaterThanOrEqualTo(0.9);
        // the first layer's coefficients: an edge within a block gets far more attention than one across
        GraphAttentionOutput r;
        try (var ignored = NoGrad.enter()) {
            r = first[1].forwardWithAttention(sbm.x(), noisy, attr);
        }
        float[] alpha = r.alpha().toArray(); // [E', heads]
        double within = 0, across = 0;
        int nWithin = 0, nAcross = 0;
        for (int k = 0; k < r.edges().numEdges(); k++) {
            if (r.edges().source(k) == r.edges().target(k)) continue;
            boolean same = y[r.edges().source(k)] == y[r.edges().target(k)];
            for (int h = 0; h < 4; h++) {
                if (same) within += alpha[k * 4 + h];
                else across += alpha[k * 4 + h];
            }
            if (same) nWithin += 4;
            else nAcross += 4;
        }
        assertThat(within / nWithin).as("mean α within a block").isGreaterThan(5 * across / nAcross);
    }

    /** GCN layers, max pooling per graph, a linear classifier. */
    static final class GraphClassifier extends Module {
        final GCNConv c1, c2;
        final Linear head;

        GraphClassifier(Generator gen) {
            c1 = registerModule("conv1", new GCNConv(1, 16, gen));
            c2 = registerModule("conv2", new GCNConv(16, 16, gen));
            head = registerModule("head", new Linear(32, 2, gen));
        }

        Tensor forward(GraphBatch b) {
            Tensor h =
                    c2.forward(c1.forward(b.x(), b.edges()).relu(), b.edges()).relu();
            return head.forward(
                    Tensor.cat(List.of(GraphF.globalMaxPool(h, b.batch()), GraphF.globalMeanPool(h, b.batch())), 1));
        }
    }

    /**
     * Trains a graph classifier on the first 160 of the graphs in batches of 32 (Adam 0.01, 30 epochs) and returns
     * its accuracy on the last 80.
     */
    static double graphClassifierAccuracy(
            List<Graph> graphs, List<dev.myelin.nn.Parameter> params, Function<GraphBatch, Tensor> forward) {
        Adam opt = new Adam(params, 0.01);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        for (int epoch = 0; epoch < 30; epoch++)
            for (int start = 0; start < 160; start += 32) {
                GraphBatch b = GraphBatch.of(graphs.subList(start, start + 32));
                Tensor loss = ce.forward(forward.apply(b), b.y());
                opt.zeroGrad();
                loss.backward();
                opt.step();
            }
        GraphBatch test = GraphBatch.of(graphs.subList(160, 240));
        int[] predicted, truth = test.y().toArray();
        try (var ignored = NoGrad.enter()) {
            predicted = forward.apply(test).argmaxIndices(1).toArray();
        }
        int correct = 0;
        for (int i = 0; i < truth.length; i++) if (predicted[i] == truth[i]) correct++;
        return correct / (double) truth.length;
    }

    /** GIN: two GINConv layers (sum, then an MLP), sum pooling and a linear head tell cycles from trees. */
    @Test
    void ginTellsCyclesFromTrees() {
        Generator gen = new Generator(5);
        List<Graph> graphs = CyclesAndTrees.generate(240, 6, 14, gen);
        GINConv c1 = new GINConv(new dev.myelin.nn.MLP(1, List.of(16), 16, gen), 0, true);
        GINConv c2 = new GINConv(new dev.myelin.nn.MLP(16, List.of(16), 16, gen));
        Linear head = new Linear(16, 2, gen);
        List<dev.myelin.nn.Parameter> params = new java.util.ArrayList<>(new TwoLayers(c1, c2).parameters());
        params.addAll(head.parameters());
        double acc = graphClassifierAccuracy(
                graphs,
                params,
                b -> head.forward(GraphF.globalAddPool(
                        c2.forward(c1.forward(b.x(), b.edges()).relu(), b.edges()), b.batch())));
        assertThat(acc).as("GIN, cycles vs trees").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void cyclesAndTreesAreToldApartWithGlobalPooling() {
        Generator gen = new Generator(5);
        List<Graph> graphs = CyclesAndTrees.generate(240, 6, 14, gen);
        List<Graph> train = graphs.subList(0, 160), test = graphs.subList(160, 240);
        GraphClassifier model = new GraphClassifier(gen);
        Adam opt = new Adam(model.parameters(), 0.01);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        Dataset<Graph> trainSet = new Dataset<>() {
            public int size() {
                return train.size();
            }

            public Graph get(int index) {
                return train.get(index);
            }
        };
        DataLoader<GraphBatch> loader = DataLoader.builder(trainSet, GraphBatch::of)
                .batchSize(32)
                .shuffle(true)
                .generator(new Generator(6))
                .build();
        for (int epoch = 0; epoch < 30; epoch++)
            for (GraphBatch b : loader) {
                Tensor loss = ce.forward(model.forward(b), b.y());
                opt.zeroGrad();
                loss.backward();
                opt.step();
            }
        GraphBatch all = GraphBatch.of(test);
        int[] predicted, truth = all.y().toArray();
        try (var ignored = NoGrad.enter()) {
            predicted = model.forward(all).argmaxIndices(1).toArray();
        }
        int correct = 0;
        for (int i = 0; i < truth.length; i++) if (predicted[i] == truth[i]) correct++;
        assertThat(correct / (double) truth.length)
                .as("cycles vs trees test accuracy")
                .isGreaterThanOrEqualTo(0.95);
    }
}
