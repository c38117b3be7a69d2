package dev.myelin.nn.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.graph.BatchVector;
import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.Scatter;
import dev.myelin.graph.SelfLoopFill;
import dev.myelin.graph.Sparse;
import dev.myelin.graph.SparseMatrix;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.Tensor;
import dev.myelin.testing.Fixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Outputs and gradients of the graph ops and layers against PyTorch 1.13 (src/test/python/graph.py). */
class GraphFixtureTest {
    private static final JsonNode FIX = Fixtures.load("graph");
    private static final JsonNode G = FIX.get("graph");
    private static final double RTOL = 1e-4, ATOL = 1e-5;

    private static int[] ints(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).asInt();
        return v;
    }

    private static EdgeIndex graph() {
        return EdgeIndex.of(
                ints(G.get("src")), ints(G.get("dst")), G.get("num_nodes").asInt());
    }

    /** Runs f on the case's named inputs (leaves requiring grad), backpropagates r and compares output and gradients. */
    private static void check(String name, Function<Map<String, Tensor>, Tensor> f, String... inputs) {
        JsonNode c = FIX.get(name);
        Map<String, Tensor> in = new LinkedHashMap<>();
        for (String k : inputs) in.put(k, Fixtures.tensor(c.get(k)).requiresGrad(true));
        Tensor out = f.apply(in);
        Fixtures.assertClose(name + " output", out, Fixtures.tensor(c.get("out")), RTOL, ATOL);
        out.backward(Fixtures.tensor(c.get("r")));
        for (String k : inputs)
            Fixtures.assertClose(
                    name + " grad " + k, in.get(k).grad(), Fixtures.tensor(c.get("grad_" + k)), RTOL, ATOL);
    }

    /** Runs a layer with the case's parameters loaded by their PyG names. */
    private static void checkLayer(String name, Module layer, Function<Tensor, Tensor> forward, String... params) {
        JsonNode c = FIX.get(name);
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String p : params) state.put(p, Fixtures.tensor(c.get(p)));
        layer.loadStateDict(state);
        Tensor x = Fixtures.tensor(c.get("x")).requiresGrad(true);
        Tensor out = forward.apply(x);
        Fixtures.assertClose(name + " output", out, Fixtures.tensor(c.get("out")), RTOL, ATOL);
        out.backward(Fixtures.tensor(c.get("r")));
        Fixtures.assertClose(name + " grad x", x.grad(), Fixtures.tensor(c.get("grad_x")), RTOL, ATOL);
        for (String p : params)
            Fixtures.assertClose(
                    name + " grad " + p,
                    layer.namedParameters().get(p).grad(),
                    Fixtures.tensor(c.get("grad_" + p)),
                    RTOL,
                    ATOL);
    }

    /** {@link #checkLayer} through an attention layer's forwardWithAttention, then α and edge_attr's gradient. */
    private static void checkAttention(
            String name,
            Module layer,
            Tensor attr,
            BiFunction<Tensor, Tensor, GraphAttentionOutput> f,
            String... params) {
        Tensor[] alpha = new Tensor[1];
        checkLayer(
                name,
                layer,
                x -> {
                    GraphAttentionOutput r = f.apply(x, attr);
                    alpha[0] = r.alpha();
                    return r.out();
                },
                params);
        JsonNode c = FIX.get(name);
        Fixtures.assertClose(name + " alpha", alpha[0], Fixtures.tensor(c.get("alpha")), RTOL, ATOL);
        if (attr != null)
            Fixtures.assertClose(
                    name + " grad edge_attr", attr.grad(), Fixtures.tensor(c.get("grad_edge_attr")), RTOL, ATOL);
    }

    @Test
    void sparseTimesDenseMatchesTorchSparseMm() {
        JsonNode c = FIX.get("spmm");
        SparseMatrix a = SparseMatrix.coo(ints(c.get("rows")), ints(c.get("cols")), 4, 5);
        check("spmm", in -> Sparse.mm(a, in.get("values"), in.get("dense")), "values", "dense");
    }

    @Test
    void scatterReductionsMatchTorch() {
        IndexTensor index = IndexTensor.of(ints(FIX.get("scatter_index")), 7);
        check("scatter_sum", in -> Scatter.sum(in.get("src"), index, 5), "src");
        check("scatter_mean", in -> Scatter.mean(in.get("src"), index, 5), "src");
        check("scatter_max", in -> Scatter.max(in.get("src"), index, 5), "src");
    }

    @Test
    void gcnConvMatchesPygSemantics() {
        int in = G.get("in").asInt(), out = G.get("out").asInt();
        GCNConv conv = new GCNConv(in, out, new Generator(0));
        checkLayer("gcn", conv, x -> conv.forward(x, graph()), "lin.weight", "bias");
    }

    @Test
    void gcnConvWithEdgeWeightsAndImprovedLoops() {
        int in = G.get("in").asInt(), out = G.get("out").asInt();
        GCNConv conv = new GCNConv(in, out, true, true, true, true, new Generator(0));
        JsonNode c = FIX.get("gcn_weighted_improved");
        Tensor w = Fixtures.tensor(c.get("edge_weight")).requiresGrad(true);
        checkLayer("gcn_weighted_improved", conv, x -> conv.forward(x, graph(), w), "lin.weight", "bias");
        Fixtures.assertClose("grad edge_weight", w.grad(), Fixtures.tensor(c.get("grad_edge_weight")), RTOL, ATOL);
    }

    @Test
    void sageConvMatchesPygSemantics() {
        SAGEConv conv = new SAGEConv(G.get("in").asInt(), G.get("out").asInt(), new Generator(0));
        checkLayer("sage", conv, x -> conv.forward(x, graph()), "lin_l.weight", "lin_l.bias", "lin_r.weight");
    }

    @Test
    void gatConvMatchesPygSemantics() {
        int in = G.get("in").asInt(),
                out = G.get("out").asInt(),
                heads = G.get("heads").asInt();
        GATConv concat = new GATConv(in, out, heads, new Generator(0));
        checkLayer("gat_concat", concat, x -> concat.forward(x, graph()), "lin.weight", "att_src", "att_dst", "bias");
        GATConv mean = new GATConv(in, out, heads, false, 0.2, 0, true, true, new Generator(0));
        checkLayer("gat_mean", mean, x -> mean.forward(x, graph()), "lin.weight", "att_src", "att_dst", "bias");
    }

    /** GATConv with edge features: the scores, the loops' filled features and α against PyG's semantics. */
    @Test
    void gatConvWithEdgeFeaturesMatchesPygSemantics() {
        checkGatEdges("gat_edge_mean", true, SelfLoopFill.MEAN, true);
        checkGatEdges("gat_edge_max", false, SelfLoopFill.of("max"), true);
        checkGatEdges("gat_edge_min", true, SelfLoopFill.of("min"), true);
        checkGatEdges("gat_edge_add", true, SelfLoopFill.of("add"), true);
        checkGatEdges("gat_edge_const", true, SelfLoopFill.constant(0.5), true);
        checkGatEdges("gat_edge_noloops", true, SelfLoopFill.MEAN, false);
    }

    private static void checkGatEdges(String name, boolean concat, SelfLoopFill fill, boolean loops) {
        int in = G.get("in").asInt(),
                out = G.get("out").asInt(),
                heads = G.get("heads").asInt();
        JsonNode c = FIX.get(name);
        Tensor attr = Fixtures.tensor(c.get("edge_attr")).requiresGrad(true);
        int edgeDim = attr.dim() == 1 ? 1 : attr.size(1);
        GATConv conv = new GATConv(in, out, heads, concat, 0.2, 0, loops, edgeDim, fill, true, new Generator(0));
        checkAttention(
                name,
                conv,
                attr,
                (x, a) -> conv.forwardWithAttention(x, graph(), a),
                "lin.weight",
                "att_src",
                "att_dst",
                "lin_edge.weight",
                "att_edge",
                "bias");
    }

    @Test
    void gatv2ConvMatchesPygSemantics() {
        int in = G.get("in").asInt(),
                out = G.get("out").asInt(),
                heads = G.get("heads").asInt();
        GATv2Conv conv = new GATv2Conv(in, out, heads, new Generator(0));
        checkAttention(
                "gatv2_concat",
                conv,
                null,
                (x, a) -> conv.forwardWithAttention(x, graph(), a),
                "lin_l.weight",
                "lin_l.bias",
                "lin_r.weight",
                "lin_r.bias",
                "att",
                "bias");
    }

    /** Shared weights (lin_r is lin_l, in the state dict under both names) and edge features, heads averaged. */
    @Test
    void gatv2ConvWithSharedWeightsAndEdgeFeatures() {
        int in = G.get("in").asInt(),
                out = G.get("out").asInt(),
                heads = G.get("heads").asInt();
        JsonNode c = FIX.get("gatv2_shared_edges");
        GATv2Conv conv =
                new GATv2Conv(in, out, heads, false, 0.2, 0, true, 2, SelfLoopFill.MEAN, true, true, new Generator(0));
        assertThat(conv.stateDict().keySet())
                .containsExactlyInAnyOrder(
                        "att", "bias", "lin_l.weight", "lin_l.bias", "lin_r.weight", "lin_r.bias", "lin_edge.weight");
        assertThat(conv.parameters()).hasSize(5); // the shared transform counts once
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String p : List.of("att", "bias", "lin_l.weight", "lin_l.bias", "lin_edge.weight"))
            state.put(p, Fixtures.tensor(c.get(p)));
        state.put("lin_r.weight", state.get("lin_l.weight"));
        state.put("lin_r.bias", state.get("lin_l.bias"));
        conv.loadStateDict(state);
        Tensor x = Fixtures.tensor(c.get("x")).requiresGrad(true);
        Tensor attr = Fixtures.tensor(c.get("edge_attr")).requiresGrad(true);
        GraphAttentionOutput r = conv.forwardWithAttention(x, graph(), attr);
        Fixtures.assertClose("gatv2 shared output", r.out(), Fixtures.tensor(c.get("out")), RTOL, ATOL);
        Fixtures.assertClose("gatv2 shared alpha", r.alpha(), Fixtures.tensor(c.get("alpha")), RTOL, ATOL);
        r.out().backward(Fixtures.tensor(c.get("r")));
        Fixtures.assertClose("gatv2 shared grad x", x.grad(), Fixtures.tensor(c.get("grad_x")), RTOL, ATOL);
        Fixtures.assertClose(
                "gatv2 shared grad edge_attr", attr.grad(), Fixtures.tensor(c.get("grad_edge_attr")), RTOL, ATOL);
        for (String p : List.of("att", "bias", "lin_l.weight", "lin_l.bias", "lin_edge.weight"))
            Fixtures.assertClose(
                    "gatv2 shared grad " + p,
                    conv.namedParameters().get(p).grad(),
                    Fixtures.tensor(c.get("grad_" + p)),
                    RTOL,
                    ATOL);
    }

    @Test
    void ginConvMatchesPygSemantics() {
        Generator gen = new Generator(0);
        GINConv gin = new GINConv(
                new Sequential(
                        new Linear(G.get("in").asInt(), 5, gen),
                        new ReLU(),
                        new Linear(5, G.get("out").asInt(), gen)),
                0.3,
                true);
        checkLayer(
                "gin",
                gin,
                x -> gin.forward(x, graph()),
                "eps",
                "nn.0.weight",
                "nn.0.bias",
                "nn.2.weight",
                "nn.2.bias");
    }

    @Test
    void transformerConvMatchesPygSemantics() {
        int in = G.get("in").asInt(),
                out = G.get("out").asInt(),
                heads = G.get("heads").asInt();
        TransformerConv gated = new TransformerConv(in, out, heads, true, true, 0, null, true, true, new Generator(0));
        checkTransformer("transformer_beta", gated, false, "lin_beta.weight");
        TransformerConv edges = new TransformerConv(in, out, heads, false, false, 0, 2, true, true, new Generator(0));
        checkTransformer("transformer_edges", edges, true, "lin_edge.weight");
    }

    private static void checkTransformer(String name, TransformerConv conv, boolean withEdges, String extra) {
        JsonNode c = FIX.get(name);
        Tensor attr = withEdges ? Fixtures.tensor(c.get("edge_attr")).requiresGrad(true) : null;
        List<String> params = new java.util.ArrayList<>();
        for (String lin : List.of("lin_key", "lin_query", "lin_value", "lin_skip"))
            params.addAll(List.of(lin + ".weight", lin + ".bias"));
        params.add(extra);
        checkAttention(
                name, conv, attr, (x, a) -> conv.forwardWithAttention(x, graph(), a), params.toArray(String[]::new));
    }

    @Test
    void globalPoolingMatchesTorch() {
        BatchVector batch = BatchVector.of(IndexTensor.of(ints(FIX.get("pool_batch")), 6), 6, -1);
        check("pool_add", in -> GraphF.globalAddPool(in.get("x"), batch), "x");
        check("pool_mean", in -> GraphF.globalMeanPool(in.get("x"), batch), "x");
        check("pool_max", in -> GraphF.globalMaxPool(in.get("x"), batch), "x");
    }
}
