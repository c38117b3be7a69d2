package dev.myelin.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.autograd.GradCheck;
import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import dev.myelin.testing.TestBilinear;
import dev.myelin.testing.TestGaussianHead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Modules with several inputs or outputs: typed forwards, the generic {@link Module#call} entry point,
 * {@link GraphModule} wiring, gradient checks through call, and architecture JSON for them.
 */
class MultiInputModuleTest {
    @BeforeAll
    static void register() {
        ModuleRegistry.register(TestBilinear.TYPE);
        ModuleRegistry.register(TestGaussianHead.TYPE);
    }

    private static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(f, inputs);
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    private static Tensor[] with(List<? extends Tensor> params, Tensor... inputs) {
        List<Tensor> all = new ArrayList<>(Arrays.asList(inputs));
        all.addAll(params);
        return all.toArray(Tensor[]::new);
    }

    @Test
    void typedForwardAndCallAgreeAndMatchTheDefinition() {
        Generator gen = new Generator(1);
        TestBilinear b = new TestBilinear(3, 2, 4, gen);
        Tensor x1 = Tensor.randn(gen, 5, 3), x2 = Tensor.randn(gen, 5, 2);
        Tensor typed = b.forward(x1, x2);
        Outputs generic = b.call(x1, x2);
        assertThat(generic.names()).containsExactly("output");
        assertThat(generic.get(0).toArray()).containsExactly(typed.toArray());
        // y[n,o] = Σ_ij x1[n,i]·W[o,i,j]·x2[n,j] + b[o], summed by hand
        Tensor w = b.parameter("weight"), bias = b.parameter("bias");
        for (int n = 0; n < 5; n++)
            for (int o = 0; o < 4; o++) {
                double s = bias.get(o);
                for (int i = 0; i < 3; i++)
                    for (int j = 0; j < 2; j++) s += x1.get(n, i) * w.get(o, i, j) * x2.get(n, j);
                assertThat((double) typed.get(n, o)).isCloseTo(s, org.assertj.core.api.Assertions.within(1e-5));
            }
    }

    @Test
    void gradientsThroughTheGenericEntryPoint() {
        Generator gen = new Generator(2);
        TestBilinear b = new TestBilinear(3, 2, 4, gen);
        check(t -> b.call(t[0], t[1]).get(0), with(b.parameters(), Tensor.randn(gen, 5, 3), Tensor.randn(gen, 5, 2)));
        check(
                t -> b.call(t[0], t[1]).get("output"),
                with(b.parameters(), Tensor.randn(gen, 1, 3), Tensor.randn(gen, 1, 2))); // batch 1

        TestGaussianHead head = new TestGaussianHead(3, 2, gen);
        check(
                t -> {
                    Outputs o = head.call(t[0]);
                    return o.get("mean").add(o.get("logVar").exp());
                },
                with(head.parameters(), Tensor.randn(gen, 4, 3)));
    }

    @Test
    void recordsBecomeNamedOutputs() {
        TestGaussianHead head = new TestGaussianHead(3, 2, new Generator(3));
        Tensor x = Tensor.randn(new Generator(4), 4, 3);
        Outputs out = head.call(x);
        assertThat(out.names()).containsExactly("mean", "logVar");
        TestGaussianHead.Gaussian g = head.encode(x);
        assertThat(out.get("logVar").toArray()).containsExactly(g.logVar().toArray());
        assertThat(out.get(0).shape()).containsExactly(4, 2);
        assertThat(out.toString()).isEqualTo("Outputs(mean=[4, 2], logVar=[4, 2])");
    }

    @Test
    void wrongArityGetsAMessageNamingTheInputsOrOutputs() {
        Generator gen = new Generator(5);
        TestBilinear b = new TestBilinear(3, 2, 4, gen);
        Tensor x = Tensor.randn(gen, 5, 3);
        assertThatThrownBy(() -> b.forward(x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TestBilinear takes 2 inputs (input1, input2), got 1");
        assertThatThrownBy(() -> new Sequential(new Linear(3, 3, gen), b).forward(x))
                .hasMessageContaining("TestBilinear takes 2 inputs");
        assertThatThrownBy(() -> b.call(x, null)).hasMessageContaining("input input2 is null");
        assertThatThrownBy(() -> new Linear(3, 2, gen).call(x, x)).hasMessage("Linear takes 1 input (input), got 2");
        assertThatThrownBy(() -> new TestGaussianHead(3, 2, gen).forward(x))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("returns 2 outputs [mean, logVar]");
        Module neither = new Module() {};
        assertThatThrownBy(() -> neither.call(x))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("overrides neither");
        assertThatThrownBy(() -> neither.forward(x)).isInstanceOf(IllegalStateException.class);
    }

    /** x1 → Linear → Bilinear(·, x2) → ReLU, and the Gaussian head's outputs by name. */
    private static GraphModule graph(Generator gen) {
        return new GraphModule(
                List.of("x1", "x2"),
                List.of(
                        new GraphModule.Node("enc", new Linear(4, 3, gen), List.of("x1")),
                        new GraphModule.Node("mix", new TestBilinear(3, 2, 5, gen), List.of("enc", "x2")),
                        new GraphModule.Node("act", new Tanh(), List.of("mix")),
                        new GraphModule.Node("head", new TestGaussianHead(5, 2, gen), List.of("act"))),
                List.of("act", "head.mean", "head.logVar"));
    }

    @Test
    void graphModuleRunsTheWiringAndNamesParametersByNode() {
        Generator gen = new Generator(6);
        GraphModule g = graph(gen);
        assertThat(g.namedParameters().keySet())
                .containsExactly(
                        "enc.weight", "enc.bias", "mix.weight", "mix.bias", "head.proj.weight", "head.proj.bias");
        Tensor x1 = Tensor.randn(gen, 3, 4), x2 = Tensor.randn(gen, 3, 2);
        Outputs out = g.call(x1, x2);
        assertThat(out.names()).containsExactly("act", "head.mean", "head.logVar");
        Module enc = g.namedChildren().get("enc"), mix = g.namedChildren().get("mix");
        Tensor act = ((TestBilinear) mix).forward(enc.forward(x1), x2).tanh();
        assertThat(out.get("act").toArray()).containsExactly(act.toArray());
        assertThat(out.get("head.mean").toArray())
                .containsExactly(((TestGaussianHead) g.namedChildren().get("head"))
                        .encode(act)
                        .mean()
                        .toArray());
        assertThat(g.toString())
                .startsWith("GraphModule(\n  inputs=[x1, x2], outputs=[act, head.mean, head.logVar]\n  (enc): Linear(");

        check(
                t -> {
                    Outputs o = g.call(t[0], t[1]);
                    return o.get("act")
                            .sum(1)
                            .add(o.get("head.logVar").sum(1))
                            .add(o.get("head.mean").sum(1));
                },
                with(g.parameters(), Tensor.randn(gen, 3, 4), Tensor.randn(gen, 3, 2)));
    }

    @Test
    void graphModuleChecksItsWiring() {
        Generator gen = new Generator(7);
        Linear l = new Linear(2, 2, gen);
        assertThatThrownBy(() -> new GraphModule(
                        List.of("x"), List.of(new GraphModule.Node("a", l, List.of("y"))), List.of("a")))
                .hasMessageContaining("node 'a' input 'y' is neither a graph input nor an earlier node");
        assertThatThrownBy(() -> new GraphModule(
                        List.of("x"), List.of(new GraphModule.Node("a", l, List.of("x"))), List.of("b")))
                .hasMessageContaining("output 'b'");
        assertThatThrownBy(() -> new GraphModule(List.of("x", "x"), List.of(), List.of("x")))
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> new GraphModule(
                        List.of("x"), List.of(new GraphModule.Node("x", l, List.of("x"))), List.of("x")))
                .hasMessageContaining("'x' is used twice");
        GraphModule twoOut = new GraphModule(
                List.of("x"),
                List.of(
                        new GraphModule.Node("h", new TestGaussianHead(2, 1, gen), List.of("x")),
                        new GraphModule.Node("r", new ReLU(), List.of("h"))),
                List.of("r"));
        assertThatThrownBy(() -> twoOut.call(Tensor.zeros(1, 2)))
                .hasMessageContaining("node 'h' has outputs [mean, logVar]; refer to one as 'h.mean'");
        // one input and one output: usable wherever a one-tensor module is (Sequential, Trainer)
        GraphModule single =
                new GraphModule(List.of("x"), List.of(new GraphModule.Node("a", l, List.of("x"))), List.of("a"));
        Tensor x = Tensor.randn(gen, 3, 2);
        assertThat(new Sequential(single, new ReLU()).forward(x).toArray())
                .containsExactly(l.forward(x).relu().toArray());
    }

    @Test
    void graphModuleRoundTripsThroughArchitectureJson() {
        GraphModule g = graph(new Generator(8));
        String json = Architecture.toJson(g);
        assertThat(json)
                .contains("\"type\" : \"GraphModule\"")
                .contains("\"type\" : \"TestBilinear\"")
                .contains("\"inputs\" : [ \"enc\", \"x2\" ]");
        Module back = Architecture.fromJson(json, new Generator(9));
        assertThat(back).isInstanceOf(GraphModule.class);
        assertThat(Architecture.toJson(back)).isEqualTo(json);
        assertThat(back.toString()).isEqualTo(g.toString());
        Map<String, int[]> shapes = Architecture.parse(json).stateShapes().asMap();
        assertThat(shapes.keySet()).containsExactlyElementsOf(g.stateDict().keySet());
        g.stateDict().forEach((k, v) -> assertThat(shapes.get(k)).as(k).containsExactly(v.shape()));

        back.loadStateDict(g.stateDict());
        Tensor x1 = Tensor.randn(new Generator(10), 2, 4), x2 = Tensor.randn(new Generator(11), 2, 2);
        try (var ignored = NoGrad.enter()) {
            for (int i = 0; i < 3; i++)
                assertThat(back.call(x1, x2).get(i).toArray())
                        .containsExactly(g.call(x1, x2).get(i).toArray());
        }
    }

    @Test
    void graphJsonErrorsNameTheField() {
        String node = "{\"name\":\"a\",\"module\":{\"type\":\"Linear\",\"in\":2,\"out\":2},\"inputs\":[\"x\"]}";
        assertThatThrownBy(() -> Architecture.fromJson("{\"type\":\"GraphModule\",\"inputs\":[\"x\"],\"nodes\":["
                        + node.replace("\"out\":2", "\"out\":0") + "],\"outputs\":[\"a\"]}"))
                .hasMessageContaining("$.nodes[0].module.out must be a positive integer");
        assertThatThrownBy(() -> Architecture.fromJson("{\"type\":\"GraphModule\",\"inputs\":[\"x\"],\"nodes\":["
                        + node.replace("\"inputs\"", "\"input\"") + "],\"outputs\":[\"a\"]}"))
                .hasMessageContaining("unknown field $.nodes[0].input");
        assertThatThrownBy(() -> Architecture.fromJson(
                        "{\"type\":\"GraphModule\",\"inputs\":[\"x\"],\"nodes\":[" + node + "],\"outputs\":[\"z\"]}"))
                .hasMessageContaining("$ (GraphModule)")
                .hasMessageContaining("output 'z'");
    }
}
