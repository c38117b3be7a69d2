package dev.myelin.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.autograd.Autograd;
import dev.myelin.autograd.GradCheck;
import dev.myelin.autograd.NoGrad;
import dev.myelin.nn.graph.GATConv;
import dev.myelin.nn.graph.GATv2Conv;
import dev.myelin.nn.graph.GCNConv;
import dev.myelin.nn.graph.GINConv;
import dev.myelin.nn.graph.GraphF;
import dev.myelin.nn.graph.SAGEConv;
import dev.myelin.nn.graph.TransformerConv;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Finite-difference gradient checks of every graph op and layer (GradCheck, double-precision differences). */
class GraphGradientTest {
    private static final EdgeIndex G =
            EdgeIndex.of(new int[] {0, 1, 1, 2, 2, 3, 4, 0, 5, 2, 3}, new int[] {1, 0, 2, 1, 3, 2, 5, 4, 4, 2, 0}, 7);

    private static void ok(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(f, inputs);
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    private static Tensor randn(long seed, int... shape) {
        return Tensor.randn(new Generator(seed), shape);
    }

    @Test
    void sparseMmInDenseAndValues() {
        SparseMatrix a = SparseMatrix.coo(new int[] {0, 2, 2, 1, 3, 2}, new int[] {1, 1, 0, 3, 2, 1}, 4, 5);
        ok(in -> Sparse.mm(a, in[0], in[1]), randn(1, 6), randn(2, 5, 3));
        ok(in -> Sparse.mm(a, in[0], in[1]), randn(3, 6), randn(4, 5)); // a vector
        ok(in -> Sparse.mm(a, null, in[0]), randn(5, 5, 17)); // wider than a vector register: the vector and tail paths
        ok(in -> Sparse.mm(a.transpose(), in[0], in[1]), randn(6, 6), randn(7, 4, 2));
    }

    @Test
    void scatterOpsAndGather() {
        IndexTensor index = IndexTensor.of(new int[] {0, 2, 2, 1, 0, 4, 2}, 7);
        ok(in -> Scatter.sum(in[0], index, 5), randn(1, 7, 3));
        ok(in -> Scatter.mean(in[0], index, 5), randn(2, 7, 2, 2));
        ok(in -> Scatter.max(in[0], index, 5), randn(3, 7, 3));
        ok(in -> Scatter.gather(in[0], SparseMatrix.grouping(index.toArray(), 5)), randn(4, 5, 3));
    }

    @Test
    void segmentSoftmaxAndGcnNorm() {
        ok(in -> GraphF.softmax(in[0], G.byTarget()), randn(1, 11, 2));
        ok(
                in -> GraphF.gcnNorm(G, in[0], false, true).weights(),
                Tensor.rand(new Generator(2), 11).add(0.5f));
    }

    @Test
    void layersInInputsAndParameters() {
        GCNConv gcn = new GCNConv(3, 4, new Generator(1));
        ok(
                in -> gcn.forward(in[0], G, in[1]),
                randn(1, 7, 3),
                Tensor.rand(new Generator(2), 11).add(0.5f));
        Tensor x = randn(9, 7, 3);
        ok(in -> gcn.forward(x, G), gcn.lin().weight());
        SAGEConv sage = new SAGEConv(3, 4, new Generator(2));
        ok(in -> sage.forward(in[0], G), randn(3, 7, 3));
        GATConv gat = new GATConv(3, 2, 2, new Generator(3));
        ok(in -> gat.forward(in[0], G), randn(4, 7, 3));
        ok(in -> gat.forward(randn(5, 7, 3), G), gat.parameter("att_src"));
    }

    @Test
    void otherLayerSettings() {
        SAGEConv max = new SAGEConv(3, 2, dev.myelin.nn.graph.Aggregation.MAX, true, true, true, new Generator(6));
        ok(in -> max.forward(in[0], G), randn(1, 7, 3));
        SAGEConv add = new SAGEConv(3, 2, dev.myelin.nn.graph.Aggregation.ADD, false, false, true, new Generator(7));
        ok(in -> add.forward(in[0], G), randn(2, 7, 3));
        GATConv meanHeads = new GATConv(3, 2, 3, false, 0.2, 0, true, true, new Generator(8));
        // (input seed 3 puts one attention score 5e-4 from LeakyReLU's kink, inside the finite-difference step)
        for (int seed = 10; seed < 13; seed++) ok(in -> meanHeads.forward(in[0], G), randn(seed, 7, 3));
        GCNConv raw = new GCNConv(3, 2, false, false, false, true, new Generator(9)); // no normalization, no self-loops
        ok(in -> raw.forward(in[0], G, in[1]), randn(4, 7, 3), Tensor.rand(new Generator(5), 11));
    }

    @Test
    void selfLoopEdgeFeaturesAndGatWithEdgeFeatures() {
        SelfLoops loops = G.selfLoops();
        for (SelfLoopFill fill : List.of(
                SelfLoopFill.MEAN,
                SelfLoopFill.of("add"),
                SelfLoopFill.of("max"),
                SelfLoopFill.of("min"),
                SelfLoopFill.constant(0.5))) ok(in -> loops.attributes(in[0], fill), randn(1, 11, 2));
        ok(in -> loops.attributes(in[0], SelfLoopFill.MEAN), randn(2, 11)); // one feature per edge, as [E]
        GATConv gat = new GATConv(3, 2, 2, true, 0.2, 0, true, 2, SelfLoopFill.MEAN, true, new Generator(4));
        ok(in -> gat.forward(in[0], G, in[1]), randn(3, 7, 3), randn(4, 11, 2));
        ok(in -> gat.forward(randn(5, 7, 3), G, randn(6, 11, 2)), gat.parameter("att_edge"));
        GATConv noLoops = new GATConv(3, 2, 2, false, 0.2, 0, false, 1, SelfLoopFill.MEAN, true, new Generator(5));
        ok(in -> noLoops.forward(in[0], G, in[1]), randn(7, 7, 3), randn(8, 11));
    }

    @Test
    void gatv2InInputsParametersAndEdgeFeatures() {
        GATv2Conv v2 = new GATv2Conv(3, 2, 2, new Generator(6));
        // (input seeds chosen so that no pre-activation sits within the finite-difference step of LeakyReLU's kink)
        ok(in -> v2.forward(in[0], G), randn(21, 7, 3));
        ok(in -> v2.forward(randn(22, 7, 3), G), v2.parameter("att"));
        GATv2Conv shared =
                new GATv2Conv(3, 2, 2, false, 0.2, 0, true, 2, SelfLoopFill.of("max"), true, true, new Generator(7));
        ok(in -> shared.forward(in[0], G, in[1]), randn(23, 7, 3), randn(24, 11, 2));
    }

    @Test
    void ginInInputsAndEps() {
        GINConv gin = new GINConv(new dev.myelin.nn.MLP(3, List.of(4), 2, new Generator(9)), 0.1, true);
        ok(in -> gin.forward(in[0], G), randn(31, 7, 3));
        ok(in -> gin.forward(randn(32, 7, 3), G), (Tensor) gin.eps());
    }

    @Test
    void transformerConvInInputsAndEdgeFeatures() {
        TransformerConv gated = new TransformerConv(3, 2, 2, true, true, 0, null, true, true, new Generator(10));
        ok(in -> gated.forward(in[0], G), randn(41, 7, 3));
        TransformerConv edges = new TransformerConv(3, 2, 2, false, false, 0, 2, false, true, new Generator(11));
        ok(in -> edges.forward(in[0], G, in[1]), randn(42, 7, 3), randn(43, 11, 2));
    }

    @Test
    void gatAttentionDropoutIsSeededAndOffInEval() {
        Tensor x = randn(1, 7, 3);
        GATConv a = new GATConv(3, 2, 2, true, 0.2, 0.5, true, true, new Generator(3));
        GATConv b = new GATConv(3, 2, 2, true, 0.2, 0.5, true, true, new Generator(3));
        assertThat(a.forward(x, G).toArray()).containsExactly(b.forward(x, G).toArray());
        Tensor first = a.forward(x, G), second = a.forward(x, G);
        assertThat(first.allClose(second, 0, 0))
                .as("new masks each call in training")
                .isFalse();
        a.eval();
        assertThat(a.forward(x, G).allClose(a.forward(x, G), 0, 0)).isTrue();
    }

    @Test
    void poolingOverABatch() {
        BatchVector batch = BatchVector.of(new int[] {0, 0, 0, 1, 2, 2, 2}, 3);
        ok(in -> GraphF.globalAddPool(in[0], batch), randn(1, 7, 3));
        ok(in -> GraphF.globalMeanPool(in[0], batch), randn(2, 7, 3));
        ok(in -> GraphF.globalMaxPool(in[0], batch), randn(3, 7, 3));
    }

    @Test
    void secondOrderGradientsThroughSparseMmAndScatterMax() {
        SparseMatrix a = SparseMatrix.coo(new int[] {0, 2, 2, 1}, new int[] {1, 1, 0, 3}, 3, 4);
        ok(
                in -> {
                    try (var grad =
                            NoGrad.enable()) { // GradCheck evaluates f without grad mode; the inner gradient needs it
                        Tensor y = Sparse.mm(a, in[0], in[1].square()).sum();
                        return Autograd.grad(List.of(y), List.of(in[1]), null, true)
                                .get(0);
                    }
                },
                randn(1, 4),
                randn(2, 4, 2));
        IndexTensor index = IndexTensor.of(new int[] {0, 1, 1, 0}, 4);
        ok(
                in -> {
                    try (var grad = NoGrad.enable()) {
                        Tensor y = Scatter.max(in[0].square(), index, 2).sum();
                        return Autograd.grad(List.of(y), List.of(in[0]), null, true)
                                .get(0);
                    }
                },
                randn(3, 4, 2));
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Generator gen = new Generator(9);
        int n = 20_000, e = 200_000;
        int[] s = new int[e], t = new int[e];
        for (int k = 0; k < e; k++) {
            s[k] = gen.nextInt(n);
            t[k] = gen.nextInt(n);
        }
        EdgeIndex g = EdgeIndex.of(s, t, n);
        Tensor x = Tensor.randn(gen, n, 24), w = Tensor.rand(gen, e);
        int before = dev.myelin.kernel.Parallel.threads();
        try {
            dev.myelin.kernel.Parallel.setThreads(1);
            Tensor one = Sparse.mm(g.adjacency(), w, x);
            dev.myelin.kernel.Parallel.setThreads(3);
            Tensor three = Sparse.mm(g.adjacency(), w, x);
            assertThat(java.util.Arrays.equals(three.toArray(), one.toArray()))
                    .as("same bits for 1 and 3 threads")
                    .isTrue();
        } finally {
            dev.myelin.kernel.Parallel.setThreads(before);
        }
    }
}
